import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Message } from '../../src/core/schemas.js';
import { addAgent, agentCall, loginAgent, openAgentEvents } from '../helpers/agent.js';
import { startTestApp, stopTestApps, type TestApp } from '../helpers/app.js';
import { uniquePrefix } from '../helpers/redis.js';
import { createSession, history, openEvents, postMessage } from '../helpers/webchat.js';

const prefix = uniquePrefix('replicas');
// A short lock and a quick stalled check, so a vanished agent is noticed within seconds.
const env = { HANDOFF_LOCK_SECONDS: '1', HANDOFF_STALLED_CHECK_SECONDS: '0.5' };
let replicaA: TestApp;
let replicaB: TestApp;
let agentToken: string;

beforeAll(async () => {
  replicaA = await startTestApp({ prefix, env });
  replicaB = await startTestApp({ prefix, env });
  await addAgent(replicaB, 'anna@demo.example', 'Anna');
  agentToken = await loginAgent(replicaB, 'anna@demo.example');
});
afterAll(async () => {
  await stopTestApps(prefix, replicaA, replicaB);
});

type Claimed = { ticket: { id: string; status: string } };

describe('one player writing to two replicas at the same moment', () => {
  it('gets one ticket, not two, in every one of 20 trials', async () => {
    type Queue = { tickets: Array<{ ticket: { id: string; conversationKey: string } }> };
    for (let trial = 0; trial < 20; trial++) {
      const { token, conversationId } = await createSession(replicaA.url);
      const [first, second] = await Promise.all([
        postMessage(replicaA.url, token, { text: 'I want to talk to a human agent' }),
        postMessage(replicaB.url, token, { text: 'operator please, a real person' }),
      ]);
      expect([first.status, second.status]).toEqual([200, 200]);
      const queue = await agentCall<Queue>(replicaA, agentToken, 'GET', '/api/agent/queue');
      const tickets = queue.body.tickets.filter((entry) => entry.ticket.conversationKey === conversationId);
      expect(tickets, `trial ${trial}`).toHaveLength(1);
      // Both turns answered, in one order: the second one saw the ticket the first one opened.
      const handoffs = [...first.body.replies, ...second.body.replies].flatMap((reply) => (reply.handoff?.ticketId ? [reply.handoff.ticketId] : []));
      expect(new Set(handoffs)).toEqual(new Set([tickets[0]!.ticket.id]));
      // Leave the queue as it was for the tests after this one.
      await agentCall(replicaB, agentToken, 'POST', `/api/agent/tickets/${tickets[0]!.ticket.id}/claim`);
      await agentCall(replicaB, agentToken, 'POST', `/api/agent/tickets/${tickets[0]!.ticket.id}/resolve`);
    }
  });
});

describe('handoff across replicas', () => {
  it('carries messages both ways live between a player on one replica and an agent on another', async () => {
    const { token } = await createSession(replicaA.url);
    const ticketId = (await postMessage(replicaA.url, token, { text: 'I want to speak to an operator' })).body.replies[0]!.handoff!.ticketId!;
    const player = await openEvents(replicaA.url, token);
    const agentEvents = await openAgentEvents(replicaB, agentToken);
    const claimed = await agentCall<Claimed>(replicaB, agentToken, 'POST', `/api/agent/tickets/${ticketId}/claim`);
    expect(claimed.body.ticket.status).toBe('assigned');

    await agentCall(replicaB, agentToken, 'POST', `/api/agent/tickets/${ticketId}/messages`, { text: 'Hello from replica B' });
    expect(await player.next((m) => m.from === 'agent')).toMatchObject({ text: 'Hello from replica B', author: 'Anna' });

    await postMessage(replicaA.url, token, { text: 'Hello from replica A' });
    const relayed = await agentEvents.next((e) => e.event === 'message' && (e.data.message as Message).text === 'Hello from replica A');
    expect(relayed.data.ticketId).toBe(ticketId);

    // The console stays open: its heartbeat extends the 1 s lock again and again, so the ticket stays held
    // past the lock time (seen as the lock's remaining time going back up three times).
    const lockKey = `${prefix}bull:handoff:${ticketId}:lock`;
    let extensions = 0;
    let last = Number.POSITIVE_INFINITY;
    await expect
      .poll(
        async () => {
          const remaining = await replicaA.redis.pttl(lockKey);
          if (remaining > last) extensions++;
          last = remaining;
          return extensions;
        },
        { timeout: 10_000, interval: 50 },
      )
      .toBeGreaterThanOrEqual(3);
    const held = await agentCall<Claimed>(replicaB, agentToken, 'GET', `/api/agent/tickets/${ticketId}`);
    expect(held.body.ticket.status).toBe('assigned');
    await agentCall(replicaB, agentToken, 'POST', `/api/agent/tickets/${ticketId}/resolve`);
    player.close();
    agentEvents.close();
  });

  it('returns the ticket to the queue by itself when the agent vanishes, and tells the player', async () => {
    const { token } = await createSession(replicaA.url);
    const ticketId = (await postMessage(replicaA.url, token, { text: 'live agent please' })).body.replies[0]!.handoff!.ticketId!;
    const claimed = await agentCall<Claimed>(replicaB, agentToken, 'POST', `/api/agent/tickets/${ticketId}/claim`);
    expect(claimed.body.ticket.status).toBe('assigned');
    // No console open, no heartbeat: the lock lapses after 1 s and the stalled check brings the job back.
    await expect
      .poll(async () => (await agentCall<Claimed>(replicaA, agentToken, 'GET', `/api/agent/tickets/${ticketId}`)).body.ticket.status, { timeout: 6000, interval: 200 })
      .toBe('queued');
    // The notice follows the transition from its outbox entry, a moment after the ticket reads queued.
    await expect.poll(async () => (await history(replicaA.url, token)).at(-1)?.text).toMatch(/back in the queue/);
    const notice = (await history(replicaA.url, token)).at(-1)!;
    expect(notice.handoff).toMatchObject({ status: 'queued', position: 1 });
    expect((await postMessage(replicaA.url, token, { text: 'hello?' })).body.replies[0]?.text).toMatch(/agent will see it/);

    const reclaimed = await agentCall<Claimed>(replicaA, agentToken, 'POST', '/api/agent/claim');
    expect(reclaimed.body.ticket.id).toBe(ticketId);
    await agentCall(replicaA, agentToken, 'POST', `/api/agent/tickets/${ticketId}/resolve`);
  });
});
