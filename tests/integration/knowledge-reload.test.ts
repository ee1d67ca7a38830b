import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import pino from 'pino';
import { readEvalFiles } from '../../src/knowledge/evaluate.js';
import { KnowledgeBase } from '../../src/knowledge/knowledge-base.js';
import { loadKnowledge } from '../../src/knowledge/load.js';
import { KnowledgeIndex } from '../../src/knowledge/search-index.js';
import { articleSource, tempKnowledge, withdrawalArticles } from '../helpers/knowledge.js';

const logs: Array<Record<string, unknown>> = [];
const logger = pino({ level: 'info' }, { write: (line: string) => logs.push(JSON.parse(line)) });
const cleanups: Array<() => Promise<void> | void> = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
  logs.length = 0;
});

async function openTemp() {
  const kb = tempKnowledge(withdrawalArticles);
  const knowledge = await KnowledgeBase.open({ dir: kb.dir, logger });
  cleanups.push(() => kb.cleanup(), () => knowledge.close());
  return { kb, knowledge };
}

const sectionText = (knowledge: KnowledgeBase, question: string) => knowledge.index.search(question, 'en')[0]?.section.text;

describe('knowledge hot reload', () => {
  it('answers from the edited text without a restart', async () => {
    const { kb, knowledge } = await openTemp();
    expect(sectionText(knowledge, 'minimum withdrawal')).toBe('The minimum withdrawal is €20.');
    kb.write({ ...withdrawalArticles[0]!, body: withdrawalArticles[0]!.body.replace('€20', '€25') });
    await expect.poll(() => sectionText(knowledge, 'minimum withdrawal'), { timeout: 15_000, interval: 20 }).toBe('The minimum withdrawal is €25.');
  });

  it('picks up a new article and forgets a deleted one', async () => {
    const { kb, knowledge } = await openTemp();
    kb.write({ id: 'blackjack', locale: 'en', title: 'Blackjack rules', category: 'rules', body: '## When does the dealer stand?\nThe dealer stands on all 17s.' });
    await expect.poll(() => knowledge.index.search('when does the dealer stand in blackjack', 'en')[0]?.articleId, { timeout: 15_000 }).toBe('blackjack');
    kb.remove('en/roulette.md');
    await expect.poll(() => knowledge.index.article('roulette', 'en'), { timeout: 15_000 }).toBeUndefined();
  });

  it('picks up a language folder created after start', async () => {
    const kb = tempKnowledge(withdrawalArticles);
    rmSync(join(kb.dir, 'az'), { recursive: true });
    const knowledge = await KnowledgeBase.open({ dir: kb.dir, logger });
    cleanups.push(() => kb.cleanup(), () => knowledge.close());
    mkdirSync(join(kb.dir, 'az'));
    kb.write({ id: 'blackjack', locale: 'az', title: 'Blackjek qaydaları', category: 'rules', body: '## Diler nə vaxt dayanır?\nDiler bütün 17-lərdə dayanır.' });
    await expect.poll(() => knowledge.index.article('blackjack', 'az')?.title, { timeout: 15_000 }).toBe('Blackjek qaydaları');
  });

  it('keeps serving the last good version of a file that breaks, and logs why', async () => {
    const { kb, knowledge } = await openTemp();
    kb.writeRaw('en/withdrawals.md', '---\nid: withdrawals\ntitle: [broken\n---\nThe minimum withdrawal is €99.');
    await expect.poll(() => logs.some((l) => l.msg === 'knowledge file rejected; the last good version stays in service'), { timeout: 15_000 }).toBe(true);
    const rejected = logs.find((l) => l.file === 'en/withdrawals.md');
    expect(rejected).toMatchObject({ keptPreviousVersion: true });
    expect(String(rejected?.problem)).toMatch(/not valid YAML/);
    expect(sectionText(knowledge, 'minimum withdrawal')).toBe('The minimum withdrawal is €20.');

    kb.writeRaw('en/withdrawals.md', articleSource({ ...withdrawalArticles[0]!, body: withdrawalArticles[0]!.body.replace('€20', '€30') }));
    await expect.poll(() => sectionText(knowledge, 'minimum withdrawal'), { timeout: 15_000 }).toBe('The minimum withdrawal is €30.');
  });

  it('answers every search during a run of edits, from the old version or a newer one, never from a half-built index', async () => {
    const { kb, knowledge } = await openTemp();
    const answers = new Set<string | undefined>();
    const sample = setInterval(() => answers.add(sectionText(knowledge, 'minimum withdrawal')), 1);
    for (let euros = 21; euros <= 25; euros++) {
      kb.write({ ...withdrawalArticles[0]!, body: withdrawalArticles[0]!.body.replace('€20', `€${euros}`) });
      await new Promise((resolve) => setTimeout(resolve, 30)); // edits a moment apart, as an editor saves
    }
    await expect.poll(() => sectionText(knowledge, 'minimum withdrawal'), { timeout: 15_000, interval: 5 }).toBe('The minimum withdrawal is €25.');
    clearInterval(sample);
    const versions = ['€20', '€21', '€22', '€23', '€24', '€25'].map((amount) => `The minimum withdrawal is ${amount}.`);
    expect([...answers].filter((answer) => !versions.includes(answer!))).toEqual([]);
    expect(answers.has(versions[0])).toBe(true);
  });

  it('honours a synonym added to the language file, without a restart', async () => {
    const kb = tempKnowledge(withdrawalArticles);
    mkdirSync(join(kb.dir, 'language'));
    kb.writeRaw('language/ru.yaml', 'locale: ru\nsynonyms: []\n');
    const knowledge = await KnowledgeBase.open({ dir: kb.dir, logger });
    cleanups.push(() => kb.cleanup(), () => knowledge.close());
    const best = () => knowledge.index.search('когда придёт кэшаут', 'ru')[0];
    expect(best()?.confidence ?? 0).toBeLessThan(0.3);
    kb.writeRaw('language/ru.yaml', 'locale: ru\nsynonyms:\n  - [вывод, кэшаут]\n');
    await expect.poll(() => best()?.articleId, { timeout: 15_000 }).toBe('withdrawals');
    expect(best()!.confidence).toBeGreaterThanOrEqual(0.3);
    expect(knowledge.languageResources('ru').synonyms).toEqual([['вывод', 'кэшаут']]);
  });

  it('serves after a reload (built in a worker) exactly what a fresh start serves', async () => {
    const knowledge = await KnowledgeBase.open({ dir: 'knowledge', logger, watch: false });
    cleanups.push(() => knowledge.close());
    const fresh = knowledge.index;
    await knowledge.reload();
    expect(knowledge.index).not.toBe(fresh);
    const { articles } = await loadKnowledge('knowledge');
    const inPlace = new KnowledgeIndex(articles, Object.fromEntries((['en', 'ru', 'az'] as const).map((l) => [l, knowledge.languageResources(l)])));
    for (const file of await readEvalFiles('knowledge/eval/dev')) {
      for (const { q } of file.questions) expect(knowledge.index.search(q, file.locale)).toEqual(inPlace.search(q, file.locale));
    }
  });
});
