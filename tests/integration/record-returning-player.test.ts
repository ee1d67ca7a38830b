import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conversationKeys } from '../../src/conversation/keys.js';
import type { HistoryConversation } from '../../src/core/history.js';
import { postUpdate, startFakeTelegram, TELEGRAM_SECRET, TELEGRAM_TOKEN, textUpdate } from '../fixtures/fake-telegram.js';
import { addAgent, agentCall, loginAgent } from '../helpers/agent.js';
import { startTestApp, stopTestApps, type TestApp } from '../helpers/app.js';
import { uniquePrefix } from '../helpers/redis.js';

/**
 * A Telegram player comes back after their conversation left Redis (LIVE_RETENTION_HOURS): the live
 * conversation starts again from message 1, and the record keeps both visits, in order.
 */
const prefix = uniquePrefix('record-returning');
let gateway: TestApp;
let telegram: Awaited<ReturnType<typeof startFakeTelegram>>;
let agent: string;

beforeAll(async () => {
  telegram = await startFakeTelegram();
  gateway = await startTestApp({ prefix, env: { TELEGRAM_BOT_TOKEN: TELEGRAM_TOKEN, TELEGRAM_WEBHOOK_SECRET: TELEGRAM_SECRET, TELEGRAM_API_ROOT: telegram.url, RECORD_DRAIN_MS: '100' } });
  await addAgent(gateway, 'irina@demo.example', 'Irina');
  agent = await loginAgent(gateway, 'irina@demo.example');
});
afterAll(async () => {
  await stopTestApps(prefix, gateway);
  await telegram.close();
});

describe('a player who comes back after their live conversation expired', () => {
  it('keeps both visits in the record, the earlier first, though the live numbering started again', async () => {
    const chat = 424242;
    const key = `telegram:${chat}`;
    const record = async () => (await agentCall<HistoryConversation>(gateway, agent, 'GET', `/api/agent/conversations/${key}`)).body;

    await postUpdate(gateway.url, textUpdate(chat, 'what is the minimum deposit'));
    await expect.poll(() => telegram.sent(chat).length, { timeout: 15_000 }).toBe(1);
    await expect.poll(async () => (await record()).messages?.length ?? 0, { timeout: 15_000 }).toBe(2);

    // What LIVE_RETENTION_HOURS does to a quiet conversation: its live keys are gone.
    const keys = conversationKeys(prefix);
    await gateway.redis.del(keys.record(key), keys.transcript(key), keys.onceIds(key));

    await postUpdate(gateway.url, textUpdate(chat, 'do you accept skrill'));
    await expect.poll(() => telegram.sent(chat).length, { timeout: 15_000 }).toBe(2);
    await expect.poll(async () => (await record()).messages?.length ?? 0, { timeout: 15_000 }).toBe(4);
    const kept = await record();
    expect(kept.messages.map((m) => [m.seq, m.from])).toEqual([
      [1, 'player'],
      [2, 'bot'],
      [1, 'player'],
      [2, 'bot'],
    ]);
    expect(kept.messages[0]!.text).toBe('what is the minimum deposit');
    expect(kept.messages[2]!.text).toBe('do you accept skrill');
  });
});
