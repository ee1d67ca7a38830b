import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handoffKeys } from '../../src/handoff/keys.js';
import { HandoffQueue, type JobTarget } from '../../src/handoff/queue.js';
import { deleteKeys, testConnections, uniquePrefix } from '../helpers/redis.js';

/** The narrow wrapper over BullMQ that the handoff service works tickets through, on a real Redis. */
const prefix = uniquePrefix('handoff-queue');
const returned: string[] = [];
let queue: HandoffQueue;
let connections: Awaited<ReturnType<typeof testConnections>>;
const data = (id: string) => ({ conversationKey: `webchat:${id}`, channel: 'webchat' as const, locale: 'en' as const, reason: 'requested' as const, facts: {}, summary: id });

beforeAll(async () => {
  connections = await testConnections('handoff-queue-test');
  queue = new HandoffQueue({ connections, keys: handoffKeys(prefix), lockMs: 600, stalledCheckMs: 300, keepCompletedSeconds: 3600, logger: pino({ level: 'silent' }) });
  queue.onReturned((ticketId) => returned.push(ticketId));
  await queue.start();
});
afterAll(async () => {
  await queue.close();
  connections.closeAll();
  await deleteKeys(prefix);
});

/** The job a ticket in this state should have; `jobToken` is what the last match returned. */
const target = (id: string, status: JobTarget['status'], priority: number, lockToken?: string, jobToken?: string): JobTarget => ({
  id,
  status,
  priority,
  lockToken,
  jobToken,
  agentId: lockToken?.split('.')[0],
  data: data(id),
});
const match = (t: JobTarget) => queue.withClaimMutex(() => queue.match(t));

describe('handoff queue', () => {
  it("locks a claimed ticket's job to its holder's token only; a wrong token can neither extend nor complete it", async () => {
    await match(target('T-AAA1', 'queued', 5));
    await match(target('T-AAA2', 'queued', 1));
    expect(await queue.waitingIds()).toEqual(['T-AAA2', 'T-AAA1']);
    const token = await match(target('T-AAA1', 'assigned', 5, 'agent-1.token'));
    expect(token).toBe('agent-1.token');
    expect(await queue.activeIds()).toEqual(['T-AAA1']);
    expect(await queue.extendLock('T-AAA1', 'agent-2.token')).toBe(false);
    expect(await queue.extendLock('T-AAA1', 'agent-1.token')).toBe(true);
    // Matching again changes nothing.
    expect(await match(target('T-AAA1', 'assigned', 5, 'agent-1.token', token))).toBe(token);
    expect(await match(target('T-AAA1', 'resolved', 5, undefined, token))).toBeUndefined();
    expect(await queue.activeIds()).toEqual([]);
    expect(await queue.queue.getJobState('T-AAA1')).toBe('completed');
    // The urgent one is still waiting, at its own priority, and was never taken.
    expect(await queue.waitingIds()).toEqual(['T-AAA2']);
  });

  it("puts a released ticket's job back at its priority, where another agent's claim takes it again", async () => {
    await match(target('T-BBB1', 'queued', 5));
    const first = await match(target('T-BBB1', 'assigned', 5, 'agent-1.token'));
    expect(await match(target('T-BBB1', 'queued', 5, undefined, first))).toBeUndefined();
    expect(await queue.waitingIds()).toEqual(['T-AAA2', 'T-BBB1']);
    expect((await queue.queue.getJob('T-BBB1'))?.priority).toBe(5);
    const second = await match(target('T-BBB1', 'assigned', 5, 'agent-3.token'));
    expect(second).toBe('agent-3.token');
    expect(await queue.extendLock('T-BBB1', 'agent-1.token')).toBe(false);
    expect(await queue.waitingIds()).toEqual(['T-AAA2']);
  });

  it('hands a job over from one holder to the next when the ticket changed hands while the job still had the old lock', async () => {
    await match(target('T-DDD1', 'queued', 4));
    const old = await match(target('T-DDD1', 'assigned', 4, 'agent-1.token'));
    expect(await match(target('T-DDD1', 'assigned', 4, 'agent-2.token', old))).toBe('agent-2.token');
    expect(await queue.extendLock('T-DDD1', 'agent-2.token')).toBe(true);
    expect(await queue.extendLock('T-DDD1', 'agent-1.token')).toBe(false);
  });

  it("finds the holder's lock when the token went unrecorded (a crash right after the take)", async () => {
    await match(target('T-EEE1', 'queued', 4));
    await match(target('T-EEE1', 'assigned', 4, 'agent-1.token'));
    expect(await match(target('T-EEE1', 'assigned', 4, 'agent-1.token', undefined))).toBe('agent-1.token');
  });

  it('returns a ticket whose holder stopped extending its lock, and says so', async () => {
    await match(target('T-CCC1', 'queued', 3));
    await match(target('T-CCC1', 'assigned', 3, 'vanished.token'));
    await expect.poll(() => returned, { timeout: 10_000 }).toContain('T-CCC1');
    expect(await queue.activeIds()).not.toContain('T-CCC1');
  });
});
