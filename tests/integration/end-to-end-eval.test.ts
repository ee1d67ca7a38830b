import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scoreEndToEnd } from '../../src/cli/end-to-end-eval.js';
import { loadKnowledge } from '../../src/knowledge/load.js';
import { connectRedis, createRedis, type Redis } from '../../src/redis.js';
import { testConfig } from '../helpers/app.js';
import { tempKnowledge, withdrawalArticles } from '../helpers/knowledge.js';
import { deleteKeys, TEST_REDIS_URL, uniquePrefix } from '../helpers/redis.js';

const prefix = uniquePrefix('e2e-eval');
const kb = tempKnowledge([
  ...withdrawalArticles,
  {
    id: 'limits',
    locale: 'en',
    title: 'Deposit limits',
    category: 'responsible-gambling',
    body: 'Deposit limits protect your budget from impulsive top-ups.\n\n## Where do I set one?\nOpen Settings, then Limits, and pick daily, weekly or monthly.',
  },
]);
let redis: Redis;

beforeAll(async () => {
  redis = createRedis(TEST_REDIS_URL, 'pitboss-test');
  await connectRedis(redis, TEST_REDIS_URL);
});
afterAll(async () => {
  redis.disconnect();
  await deleteKeys(prefix);
  kb.cleanup();
});

describe('kb:eval end to end through the web chat API', () => {
  it('scores right article, language, lead-only answers, handoffs and out-of-scope questions as a player sees them', async () => {
    const { articles } = await loadKnowledge(kb.dir);
    const [score] = await scoreEndToEnd({ config: testConfig(prefix), redis, knowledgeDir: kb.dir, articles }, [
      {
        locale: 'en',
        questions: [
          { q: 'How long does a card withdrawal take?', expect: 'withdrawals' },
          { q: 'What does a straight bet pay in roulette?', expect: 'withdrawals' },
          { q: 'does it protect my budget from impulsive top-ups', expect: 'limits' },
          { q: 'i want to talk to a human agent', handoff: 'requested' },
          { q: 'i want to talk to a human agent please', handoff: 'dispute' },
          { q: 'who won the 2010 world cup final', expect: 'none' },
        ],
      },
    ]);
    expect(score).toMatchObject({ locale: 'en', articles: 3, rightArticle: 2, inLanguage: 3, notLeadOnly: 1, endToEnd: 1, faqHandedOff: 0 });
    expect(score!.handoffs).toEqual([1, 2]);
    expect(score!.outOfScope).toEqual([1, 1]);
    expect(score!.misses.map((miss) => miss.question)).toEqual([
      'What does a straight bet pay in roulette?',
      'does it protect my budget from impulsive top-ups',
      'i want to talk to a human agent please',
    ]);
    expect(score!.misses[0]!.cited).toBe('roulette');
    // Right article, but only its lead paragraph although a section of its own exists.
    expect(score!.misses[1]).toMatchObject({ cited: 'limits', leadOnly: true });
    // Nothing of the scoring run stays in Redis.
    expect(await redis.keys(`${prefix}kb-eval:*`)).toEqual([]);
  });
});
