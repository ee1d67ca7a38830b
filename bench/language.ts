import { readFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import pino from 'pino';
import { type ConversationLanguage, followLanguage } from '../src/bot/language.js';
import type { Locale } from '../src/core/schemas.js';
import { readEvalFiles } from '../src/knowledge/evaluate.js';
import { KnowledgeBase } from '../src/knowledge/knowledge-base.js';
import { LiveLanguageModel } from '../src/knowledge/live-language-model.js';
import { russianToLatin, withoutTurkicLetters } from '../src/knowledge/transliteration.js';
import { parsePlainYaml } from '../src/knowledge/yaml.js';
import { percentile } from './load.js';

/**
 * Language identification on the dev material (knowledge/eval/dev, tests/fixtures/*.yaml with a
 * `lang`), each message as written plus generated variants (Russian → Latin letters, Azerbaijani →
 * without ə/ı/ö/ü/ş/ç/ğ): accuracy per locale and variant, how the conversation rule behaves, and
 * the time per message. Run: `npx tsx bench/language.ts`.
 */

interface Case {
  locale: Locale;
  variant: string;
  text: string;
}

const FIXTURES = ['retrieval-questions.yaml', 'triage-messages.yaml', 'language-messages.yaml'];
const isCyrillic = (text: string) => (text.match(/[\u0400-\u04FF]/g)?.length ?? 0) > (text.match(/[a-z]/gi)?.length ?? 0);
const hasTurkicLetters = (text: string) => /[əıöüşçğ]/i.test(text);

function variants(locale: Locale, text: string): Case[] {
  if (locale === 'ru') {
    if (!isCyrillic(text)) return [{ locale, variant: 'Latin letters (as written)', text }];
    return [
      { locale, variant: 'Cyrillic', text },
      { locale, variant: 'Latin letters (generated)', text: russianToLatin(text) },
    ];
  }
  if (locale === 'az' || locale === 'tr') {
    if (isCyrillic(text)) return [{ locale, variant: 'Cyrillic letters (as written)', text }];
    if (!hasTurkicLetters(text)) return [{ locale, variant: 'without ə/ş/ç… (as written)', text }];
    return [
      { locale, variant: 'with ə/ş/ç…', text },
      { locale, variant: 'without ə/ş/ç… (generated)', text: withoutTurkicLetters(text) },
    ];
  }
  return [{ locale, variant: 'as written', text }];
}

export async function languageCases(): Promise<Case[]> {
  const written: Array<{ locale: Locale; text: string }> = [];
  for (const file of await readEvalFiles('knowledge/eval/dev')) for (const q of file.questions) written.push({ locale: file.locale, text: q.q });
  for (const name of FIXTURES) {
    const items = parsePlainYaml(await readFile(`tests/fixtures/${name}`, 'utf8')) as Array<{ lang: Locale; q?: string; text?: string }>;
    for (const item of items) written.push({ locale: item.lang, text: (item.q ?? item.text)! });
  }
  return written.flatMap(({ locale, text }) => variants(locale, text));
}

export interface LanguageFigures {
  trainMs: number;
  groups: Array<{ locale: Locale; variant: string; cases: number; accuracy: number }>;
  accuracy: number;
  /** Messages in the conversation's own language that moved it elsewhere. */
  falseSwitches: [number, number];
  /** Messages in another language than the conversation's that moved it there at once / after a second one. */
  switchedAtOnce: [number, number];
  switchedAfterTwo: [number, number];
  p50Us: number;
  p99Us: number;
}

export async function benchLanguage(): Promise<LanguageFigures> {
  const logger = pino({ level: 'silent' });
  const knowledge = await KnowledgeBase.open({ dir: 'knowledge', logger, watch: false });
  const started = performance.now();
  const model = new LiveLanguageModel(knowledge, logger);
  const trainMs = performance.now() - started;
  await knowledge.close();
  const cases = await languageCases();

  const groups = new Map<string, { locale: Locale; variant: string; cases: number; right: number }>();
  for (const c of cases) {
    const group = groups.get(`${c.locale} ${c.variant}`) ?? { locale: c.locale, variant: c.variant, cases: 0, right: 0 };
    group.cases++;
    if (model.identify(c.text).locale === c.locale) group.right++;
    groups.set(`${c.locale} ${c.variant}`, group);
  }

  const falseSwitches: [number, number] = [0, 0];
  const atOnce: [number, number] = [0, 0];
  const afterTwo: [number, number] = [0, 0];
  cases.forEach((c, i) => {
    for (const start of ['en', 'ru', 'az'] as Locale[]) {
      const first = followLanguage({ locale: start }, model.identify(c.text));
      if (start === c.locale) {
        falseSwitches[1]++;
        if (first.locale !== start) falseSwitches[0]++;
        continue;
      }
      atOnce[1]++;
      if (first.locale === c.locale) atOnce[0]++;
      const next = cases[i + 1];
      if (next?.locale !== c.locale) continue;
      const second: ConversationLanguage = followLanguage(first, model.identify(next.text));
      afterTwo[1]++;
      if (second.locale === c.locale) afterTwo[0]++;
    }
  });

  for (const c of cases) model.identify(c.text); // warm-up
  const times: number[] = [];
  for (let round = 0; round < 5; round++) {
    for (const c of cases) {
      const t = performance.now();
      model.identify(c.text);
      times.push((performance.now() - t) * 1000);
    }
  }
  times.sort((a, b) => a - b);
  const right = [...groups.values()].reduce((sum, g) => sum + g.right, 0);
  return {
    trainMs,
    groups: [...groups.values()].sort((a, b) => `${a.locale}${a.variant}`.localeCompare(`${b.locale}${b.variant}`)).map(({ right, ...g }) => ({ ...g, accuracy: right / g.cases })),
    accuracy: right / cases.length,
    falseSwitches,
    switchedAtOnce: atOnce,
    switchedAfterTwo: afterTwo,
    p50Us: percentile(times, 50),
    p99Us: percentile(times, 99),
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const figures = await benchLanguage();
  const pct = (n: number) => `${(100 * n).toFixed(1)}%`;
  const share = ([n, of]: [number, number]) => `${n} of ${of} (${pct(n / of)})`;
  console.log(`## Language identification (trained from knowledge/ in ${figures.trainMs.toFixed(0)} ms)`);
  console.log('locale  variant                            messages  accuracy');
  for (const g of figures.groups) console.log(`${g.locale.padEnd(7)} ${g.variant.padEnd(34)} ${String(g.cases).padStart(8)}  ${pct(g.accuracy).padStart(8)}`);
  console.log(`all${' '.repeat(40)}${pct(figures.accuracy).padStart(16)}`);
  console.log(`conversation in the message's language moved away : ${share(figures.falseSwitches)}`);
  console.log(`conversation in another language moved at once    : ${share(figures.switchedAtOnce)}`);
  console.log(`… moved after two messages in that language       : ${share(figures.switchedAfterTwo)}`);
  console.log(`time per message: p50 ${figures.p50Us.toFixed(1)} µs, p99 ${figures.p99Us.toFixed(1)} µs`);
}
