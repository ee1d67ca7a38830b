import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TurnLock } from '../../src/pipeline/turn-lock.js';
import { TurnResults } from '../../src/pipeline/turn-results.js';
import { BusyError } from '../../src/errors.js';
import { connectRedis, createRedis, type Redis } from '../../src/redis.js';
import { deleteKeys, TEST_REDIS_URL, uniquePrefix } from '../helpers/redis.js';

/** The turn lock and stored turn results on a real Redis, as two replicas would share them. */
const prefix = uniquePrefix('turn-lock');
let replicaA: Redis;
let replicaB: Redis;
const keyOf = (conversation: string) => `${prefix}turn:${conversation}`;

beforeAll(async () => {
  replicaA = createRedis(TEST_REDIS_URL, 'turn-lock-a');
  replicaB = createRedis(TEST_REDIS_URL, 'turn-lock-b');
  await connectRedis(replicaA, TEST_REDIS_URL);
  await connectRedis(replicaB, TEST_REDIS_URL);
});
afterAll(async () => {
  replicaA.disconnect();
  replicaB.disconnect();
  await deleteKeys(prefix);
});

describe('turn lock', () => {
  it('runs the turns of one conversation one at a time across replicas, and of different ones side by side', async () => {
    const a = new TurnLock(replicaA, keyOf, { leaseMs: 1000, waitMs: 5000 });
    const b = new TurnLock(replicaB, keyOf, { leaseMs: 1000, waitMs: 5000 });
    let inside = 0;
    let most = 0;
    const turn = async () => {
      most = Math.max(most, ++inside);
      await sleep(20);
      inside--;
    };
    await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 ? a : b).run('c1', turn)));
    expect(most).toBe(1);

    const order: string[] = [];
    await a.run('c2', async () => {
      await b.run('c3', async () => order.push('c3 while c2 runs'));
    });
    expect(order).toEqual(['c3 while c2 runs']);
  });

  it('keeps a long turn to itself by renewing its lease, and frees the conversation when it ends', async () => {
    const a = new TurnLock(replicaA, keyOf, { leaseMs: 300, waitMs: 5000 });
    const b = new TurnLock(replicaB, keyOf, { leaseMs: 300, waitMs: 5000 });
    const events: string[] = [];
    const long = a.run('c4', async () => {
      events.push('long starts');
      await sleep(1000);
      events.push('long ends');
    });
    await sleep(50);
    await b.run('c4', async () => events.push('next starts'));
    await long;
    expect(events).toEqual(['long starts', 'long ends', 'next starts']);
  });

  it('frees the conversation of a replica that died mid-turn once its lease lapses', async () => {
    // A lease nobody renews, as a killed process leaves behind.
    await replicaA.set(keyOf('c5'), 'dead-replica', 'PX', 400);
    const b = new TurnLock(replicaB, keyOf, { leaseMs: 1000, waitMs: 5000 });
    const started = Date.now();
    await b.run('c5', async () => undefined);
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
  });

  it('refuses a turn that cannot get the conversation in time as busy (409, retry in a second)', async () => {
    await replicaA.set(keyOf('c6'), 'someone', 'PX', 5000);
    const b = new TurnLock(replicaB, keyOf, { leaseMs: 1000, waitMs: 200 });
    const refused = await b.run('c6', async () => 'ran').catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(BusyError);
    expect(refused).toMatchObject({ statusCode: 409, code: 'conversation_busy', retryAfterSeconds: 1 });
  });
});

describe('turn results', () => {
  it('gives a repeated message the first turn’s result, for a day', async () => {
    const results = new TurnResults<{ replies: string[] }>(replicaA);
    expect(await results.get(`${prefix}result:m1`)).toBeUndefined();
    await results.put(`${prefix}result:m1`, { replies: ['first answer'] });
    expect(await new TurnResults(replicaB).get(`${prefix}result:m1`)).toEqual({ replies: ['first answer'] });
    expect(await replicaA.ttl(`${prefix}result:m1`)).toBeGreaterThan(23 * 3600);
  });
});
