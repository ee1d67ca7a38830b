import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import { EventHub } from '../../src/conversation/events.js';
import { conversationKeys } from '../../src/conversation/keys.js';
import { ConversationStore } from '../../src/conversation/store.js';
import { connectRedis, createRedis, type Redis } from '../../src/redis.js';
import { deleteKeys, TEST_REDIS_URL, uniquePrefix } from '../helpers/redis.js';

const prefix = uniquePrefix('store');
let redis: Redis;
let store: ConversationStore;

beforeAll(async () => {
  redis = createRedis(TEST_REDIS_URL, 'store-test');
  await connectRedis(redis, TEST_REDIS_URL);
  store = new ConversationStore(redis, conversationKeys(prefix));
});

afterAll(async () => {
  redis.disconnect();
  await deleteKeys(prefix);
});

describe('conversation store', () => {
  it('creates a conversation once and returns the same one afterwards', async () => {
    const first = await store.ensure({ channel: 'webchat', chatId: 'c1', locale: 'ru', name: 'Ivan' });
    const second = await store.ensure({ channel: 'webchat', chatId: 'c1', locale: 'en' });
    expect(first.created).toBe(true);
    expect(second.created).toBe(false);
    expect(second.conversation).toMatchObject({ key: 'webchat:c1', locale: 'ru', mode: 'bot', name: 'Ivan', seq: 0 });
  });

  it('writes a message with a once-id at most once: a retried write gets the first copy back', async () => {
    await store.ensure({ channel: 'webchat', chatId: 'once', locale: 'en' });
    const writes = await Promise.all(Array.from({ length: 5 }, () => store.appendOnce('webchat:once', { from: 'bot', text: 'hello', locale: 'en' }, 'm1:reply:0')));
    expect(writes.filter((w) => w.appended)).toHaveLength(1);
    expect(new Set(writes.map((w) => w.message.id)).size).toBe(1);
    await store.appendOnce('webchat:once', { from: 'bot', text: 'next', locale: 'en' }, '');
    await store.appendOnce('webchat:once', { from: 'bot', text: 'next', locale: 'en' }, '');
    expect((await store.history('webchat:once')).map((m) => m.text)).toEqual(['hello', 'next', 'next']);
  });

  it('numbers transcript messages 1, 2, 3… even when many are appended at once', async () => {
    await store.ensure({ channel: 'telegram', chatId: '42', locale: 'en' });
    const appended = await Promise.all(
      Array.from({ length: 25 }, (_, i) => store.append('telegram:42', { from: 'player', text: `m${i}`, locale: 'en' })),
    );
    expect(appended.map((m) => m.seq).sort((a, b) => a - b)).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
    const all = await store.history('telegram:42');
    expect(all.map((m) => m.seq)).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
    expect((await store.require('telegram:42')).seq).toBe(25);
  });

  it('returns only the messages after a cursor', async () => {
    await store.ensure({ channel: 'whatsapp', chatId: '99', locale: 'az' });
    for (const text of ['a', 'b', 'c']) await store.append('whatsapp:99', { from: 'player', text, locale: 'az' });
    expect((await store.history('whatsapp:99', 1)).map((m) => m.text)).toEqual(['b', 'c']);
    expect(await store.history('whatsapp:99', 3)).toEqual([]);
  });

  it('keeps empty lists and special characters intact', async () => {
    await store.ensure({ channel: 'webchat', chatId: 'c2', locale: 'en' });
    const message = await store.append('webchat:c2', {
      from: 'bot',
      text: '<b>"quotes"</b> — ünïcødé 🎰',
      locale: 'en',
      actions: [{ title: 'Helpful', value: 'helpful' }],
      citations: [],
    });
    const [stored] = await store.history('webchat:c2');
    expect(stored).toEqual(message);
    expect(stored?.citations).toEqual([]);
  });

  it('publishes every appended message so other replicas hear it', async () => {
    const subscriber = redis.duplicate({ enableOfflineQueue: true });
    const hub = new EventHub(subscriber, pino({ level: 'silent' }));
    await store.ensure({ channel: 'webchat', chatId: 'c3', locale: 'en' });
    const heard: string[] = [];
    const unsubscribe = await hub.subscribe(store.eventsChannel('webchat:c3'), (payload) => heard.push(payload));
    const message = await store.append('webchat:c3', { from: 'agent', text: 'hello', locale: 'en', author: 'Anna' });
    await expect.poll(() => heard.length).toBe(1);
    expect(JSON.parse(heard[0]!)).toEqual(message);
    await unsubscribe();
    subscriber.disconnect();
  });
});
