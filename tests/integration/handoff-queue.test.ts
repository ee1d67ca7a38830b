import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handoffKeys } from '../../src/handoff/keys.js';
import { HandoffQueue } from '../../src/handoff/queue.js';
import { deleteKeys, TEST_REDIS_URL, uniquePrefix } from '../helpers/redis.js';

/** The narrow wrapper over BullMQ that the handoff service works tickets through, on a real Redis. */
const prefix = uniquePrefix('handoff-queue');
const returned: string[] = [];
let queue: HandoffQueue;
const data = (id: string) => ({ conversationKey: `webchat:${id}`, channel: 'webchat' as const, locale: 'en' as const, reason: 'requested' as const, facts: {}, summary: id });

beforeAll(async () => {
  queue = new HandoffQueue({ redisUrl: TEST_REDIS_URL, keys: handoffKeys(prefix), lockMs: 600, stalledCheckMs: 300, logger: pino({ level: 'silent' }) });
  queue.onReturned((ticketId) => returned.push(ticketId));
  await queue.start();
});
afterAll(async () => {
  await queue.close();
  await deleteKeys(prefix);
});

describe('handoff queue', () => {
  it('takes a ticket by id, locked to one token; a wrong token can neither extend nor complete it', async () => {
    await queue.add('T-AAA1', data('T-AAA1'), 5);
    await queue.add('T-AAA2', data('T-AAA2'), 1);
    const job = await queue.withClaimMutex(() => queue.take('T-AAA1', 'agent-1.token'));
    expect(job?.id).toBe('T-AAA1');
    expect(await queue.activeIds()).toEqual(['T-AAA1']);
    expect(await queue.withClaimMutex(() => queue.take('T-AAA1', 'agent-2.token'))).toBeUndefined();
    expect(await queue.extendLock('T-AAA1', 'agent-2.token')).toBe(false);
    expect(await queue.extendLock('T-AAA1', 'agent-1.token')).toBe(true);
    await expect(queue.complete('T-AAA1', 'agent-2.token', {})).rejects.toThrow();
    await queue.complete('T-AAA1', 'agent-1.token', { resolvedBy: 'agent-1' });
    expect(await queue.activeIds()).toEqual([]);
    // The urgent one is still waiting, at its own priority.
    expect(await queue.waitingIds()).toEqual(['T-AAA2']);
  });

  it('puts a released ticket back at its priority, where it can be taken by id again', async () => {
    await queue.add('T-BBB1', data('T-BBB1'), 5);
    await queue.withClaimMutex(() => queue.take('T-BBB1', 'agent-1.token'));
    await queue.requeue('T-BBB1', 5, 'agent-1.token');
    expect(await queue.waitingIds()).toEqual(['T-AAA2', 'T-BBB1']);
    expect((await queue.withClaimMutex(() => queue.take('T-BBB1', 'agent-3.token')))?.id).toBe('T-BBB1');
    expect(await queue.waitingIds()).toEqual(['T-AAA2']);
    await queue.complete('T-BBB1', 'agent-3.token', {});
  });

  it('returns a ticket whose holder stopped extending its lock, and says so', async () => {
    await queue.add('T-CCC1', data('T-CCC1'), 3);
    await queue.withClaimMutex(() => queue.take('T-CCC1', 'vanished.token'));
    await expect.poll(() => returned, { timeout: 10_000 }).toContain('T-CCC1');
    expect(await queue.activeIds()).not.toContain('T-CCC1');
  });
});
