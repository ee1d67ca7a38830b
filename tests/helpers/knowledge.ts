import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface ArticleSpec {
  id: string;
  locale: 'en' | 'ru' | 'az';
  title: string;
  category?: string;
  tags?: string[];
  /** Front matter `questions:` (section heading → questions). */
  questions?: Record<string, string[]>;
  body: string;
}

export function articleSource(spec: ArticleSpec): string {
  return [
    '---',
    `id: ${spec.id}`,
    `locale: ${spec.locale}`,
    `title: ${spec.title}`,
    `category: ${spec.category ?? 'payments'}`,
    `tags: [${(spec.tags ?? []).join(', ')}]`,
    ...(spec.questions ? [`questions: ${JSON.stringify(spec.questions)}`] : []),
    'updated: 2026-11-01',
    '---',
    spec.body,
    '',
  ].join('\n');
}

/** A throw-away knowledge folder with the given articles, and the shipped triage examples (so triage works as shipped). */
export function tempKnowledge(articles: ArticleSpec[]): { dir: string; write(spec: ArticleSpec): void; writeRaw(path: string, source: string): void; remove(path: string): void; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'pitboss-kb-'));
  for (const locale of ['en', 'ru', 'az']) mkdirSync(join(dir, locale));
  cpSync('knowledge/triage', join(dir, 'triage'), { recursive: true });
  const writeRaw = (path: string, source: string) => writeFileSync(join(dir, path), source);
  const write = (spec: ArticleSpec) => writeRaw(`${spec.locale}/${spec.id}.md`, articleSource(spec));
  for (const spec of articles) write(spec);
  return { dir, write, writeRaw, remove: (path) => rmSync(join(dir, path)), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export const withdrawalArticles: ArticleSpec[] = [
  {
    id: 'withdrawals',
    locale: 'en',
    title: 'Withdrawal times',
    tags: ['cashout', 'payout'],
    body: 'How long withdrawals take.\n\n## How long does a card withdrawal take?\nCard withdrawals arrive in 1–5 business days.\n\n## What is the minimum withdrawal?\nThe minimum withdrawal is €20.',
  },
  {
    id: 'withdrawals',
    locale: 'ru',
    title: 'Сроки вывода',
    tags: ['вывод', 'выплата'],
    body: 'Сколько идёт вывод.\n\n## Сколько идёт вывод на карту?\nВывод на карту занимает 1–5 рабочих дней.\n\n## Какой минимальный вывод?\nМинимальная сумма вывода — €20.',
  },
  {
    id: 'withdrawals',
    locale: 'az',
    title: 'Pul çıxarışı müddəti',
    tags: ['çıxarış', 'cixaris'],
    body: 'Çıxarış müddəti.\n\n## Karta çıxarış nə qədər çəkir?\nKarta çıxarış 1–5 iş günü çəkir.\n\n## Minimum çıxarış nə qədərdir?\nMinimum çıxarış €20-dir.',
  },
  {
    id: 'roulette',
    locale: 'en',
    title: 'Roulette rules',
    category: 'rules',
    tags: ['roulette', 'zero'],
    body: 'Roulette basics.\n\n## What does a straight bet pay?\nA straight bet on one number pays 35 to 1 in European roulette.',
  },
];

export interface ReplySpec {
  name: string;
  locale: 'en' | 'ru' | 'az';
  title: string;
  shortcut: string;
  body: string;
}

export const replySource = (spec: Omit<ReplySpec, 'name' | 'locale'>): string => ['---', `title: ${spec.title}`, `shortcut: ${spec.shortcut}`, '---', spec.body, ''].join('\n');

/** Writes `replies/<locale>/<name>.md` into a knowledge folder, creating the folder if needed. */
export function writeReply(dir: string, spec: ReplySpec): void {
  mkdirSync(join(dir, 'replies', spec.locale), { recursive: true });
  writeFileSync(join(dir, 'replies', spec.locale, `${spec.name}.md`), replySource(spec));
}
