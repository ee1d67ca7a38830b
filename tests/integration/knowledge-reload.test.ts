import { afterEach, describe, expect, it } from 'vitest';
import pino from 'pino';
import { KnowledgeBase } from '../../src/knowledge/knowledge-base.js';
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
  it('answers from the edited text within a second, without a restart', async () => {
    const { kb, knowledge } = await openTemp();
    expect(sectionText(knowledge, 'minimum withdrawal')).toBe('The minimum withdrawal is €20.');
    const started = Date.now();
    kb.write({ ...withdrawalArticles[0]!, body: withdrawalArticles[0]!.body.replace('€20', '€25') });
    await expect.poll(() => sectionText(knowledge, 'minimum withdrawal'), { timeout: 1000, interval: 20 }).toBe('The minimum withdrawal is €25.');
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('picks up a new article and forgets a deleted one', async () => {
    const { kb, knowledge } = await openTemp();
    kb.write({ id: 'blackjack', locale: 'en', title: 'Blackjack rules', category: 'rules', body: '## When does the dealer stand?\nThe dealer stands on all 17s.' });
    await expect.poll(() => knowledge.index.search('when does the dealer stand in blackjack', 'en')[0]?.articleId, { timeout: 1000 }).toBe('blackjack');
    kb.remove('en/roulette.md');
    await expect.poll(() => knowledge.index.article('roulette', 'en'), { timeout: 1000 }).toBeUndefined();
  });

  it('keeps serving the last good version of a file that breaks, and logs why', async () => {
    const { kb, knowledge } = await openTemp();
    kb.writeRaw('en/withdrawals.md', '---\nid: withdrawals\ntitle: [broken\n---\nThe minimum withdrawal is €99.');
    await expect.poll(() => logs.some((l) => l.msg === 'knowledge file rejected; the last good version stays in service'), { timeout: 1000 }).toBe(true);
    const rejected = logs.find((l) => l.file === 'en/withdrawals.md');
    expect(rejected).toMatchObject({ keptPreviousVersion: true });
    expect(String(rejected?.problem)).toMatch(/not valid YAML/);
    expect(sectionText(knowledge, 'minimum withdrawal')).toBe('The minimum withdrawal is €20.');

    kb.writeRaw('en/withdrawals.md', articleSource({ ...withdrawalArticles[0]!, body: withdrawalArticles[0]!.body.replace('€20', '€30') }));
    await expect.poll(() => sectionText(knowledge, 'minimum withdrawal'), { timeout: 1000 }).toBe('The minimum withdrawal is €30.');
  });

  it('never serves a half-built index while reloading', async () => {
    const { kb, knowledge } = await openTemp();
    const seen = new Set<number>();
    const sample = setInterval(() => seen.add(knowledge.index.articles.length), 1);
    for (let i = 0; i < 5; i++) {
      kb.write({ ...withdrawalArticles[3]!, body: `${withdrawalArticles[3]!.body} Edit ${i}.` });
      await new Promise((resolve) => setTimeout(resolve, 30));
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
    clearInterval(sample);
    expect([...seen]).toEqual([4]);
  });
});
