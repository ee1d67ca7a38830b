import { Redis } from 'ioredis';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { identityKeys } from '../../src/identity/keys.js';
import { PlayerApi, PlayerApiUnavailableError, PlayerNotFoundError } from '../../src/identity/index.js';
import { type FakePlayerApi, PLAYER_API_TOKEN, playerProfile, startFakePlayerApi } from '../fixtures/fake-player-api.js';
import { deleteKeys, TEST_REDIS_URL, uniquePrefix } from '../helpers/redis.js';

/** The player API client against a real local server and the real Redis its cache lives in. */
const prefix = uniquePrefix('player-api');
let api: FakePlayerApi;
let redis: Redis;

beforeAll(async () => {
  api = await startFakePlayerApi([playerProfile('p-1', { balance: { cash: 10, bonus: 0 } }), playerProfile('p-2')]);
  redis = new Redis(TEST_REDIS_URL);
});
afterAll(async () => {
  await api?.close();
  redis?.disconnect();
  await deleteKeys(prefix);
});

const client = (options: { cacheSeconds?: number; token?: string; timeoutMs?: number } = {}) =>
  new PlayerApi({ url: api.url, token: options.token ?? PLAYER_API_TOKEN, timeoutMs: options.timeoutMs ?? 500, cacheSeconds: options.cacheSeconds ?? 30, redis, keys: identityKeys(prefix), logger: pino({ level: 'silent' }) });
const reads = (id: string) => api.calls.filter((call) => call.method === 'GET' && call.path === `/players/${id}`).length;

describe('the player API client', () => {
  it('reuses a read within the cache time, says when it was read, and reads again when asked for fresh data', async () => {
    const players = client();
    const first = await players.snapshot('p-1');
    api.players.get('p-1')!.balance.cash = 99;
    const second = await players.snapshot('p-1');
    expect(second).toEqual(first);
    expect(reads('p-1')).toBe(1);
    const fresh = await players.snapshot('p-1', { fresh: true });
    expect(fresh.player.balance.cash).toBe(99);
    expect(Date.parse(fresh.readAt)).toBeGreaterThanOrEqual(Date.parse(first.readAt));
    expect(await redis.ttl(identityKeys(prefix).playerCache('p-1'))).toBeLessThanOrEqual(30);
  });

  it('drops the cached read after a change, so the next answer shows the new limit', async () => {
    const players = client();
    await players.snapshot('p-2');
    await players.setDepositLimit('p-2', 'weekly', 200);
    expect((await players.snapshot('p-2')).player.limits.depositWeekly).toBe(200);
  });

  it('tells an unknown player from an API that is down, and refuses an answer that breaks the contract', async () => {
    await expect(client().snapshot('nobody')).rejects.toBeInstanceOf(PlayerNotFoundError);
    await expect(client({ token: 'wrong-token-wrong-token' }).snapshot('p-1', { fresh: true })).rejects.toBeInstanceOf(PlayerApiUnavailableError);
    const broken = playerProfile('p-broken');
    api.players.set('p-broken', { ...broken, balance: 'lots' } as unknown as typeof broken);
    await expect(client().snapshot('p-broken')).rejects.toThrow(/does not match the contract/);
  });

  it('stops calling after three failures in a row, and gives up on a call that hangs at the deadline', async () => {
    const players = client({ cacheSeconds: 0, timeoutMs: 200 });
    api.mode = 'hang';
    try {
      await expect(players.snapshot('p-1')).rejects.toThrow(/no answer within 200 ms/);
      api.mode = 'down';
      await expect(players.snapshot('p-1')).rejects.toThrow(/HTTP 500/);
      await expect(players.snapshot('p-1')).rejects.toThrow(/HTTP 500/);
      const calls = api.calls.length;
      await expect(players.snapshot('p-1')).rejects.toThrow(/failed repeatedly/);
      expect(api.calls.length).toBe(calls);
    } finally {
      api.mode = 'ok';
    }
  });
});
