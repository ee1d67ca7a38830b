import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConversationStateMachine, type OutboxEvent } from '../../src/conversation/state-machine.js';
import { handoffKeys } from '../../src/handoff/keys.js';
import { HandoffQueue } from '../../src/handoff/queue.js';
import pino from 'pino';
import { addAgent, AGENT_PASSWORD, agentCall } from '../helpers/agent.js';
import { startTestApp, stopTestApps, type TestApp } from '../helpers/app.js';
import { testConnections, uniquePrefix } from '../helpers/redis.js';
import { createSession, history, postMessage } from '../helpers/webchat.js';

/**
 * A replica that dies right after a ticket transition: the transition (ticket, conversation,
 * waiting line, outbox entry) is one Lua script, so it happened whole; its effects — the BullMQ
 * job, the player's notice — are finished by another replica from the outbox, once.
 */
const prefix = uniquePrefix('outbox');
let gateway: TestApp;
let queue: HandoffQueue;
let connections: Awaited<ReturnType<typeof testConnections>>;
let state: ConversationStateMachine;
let agent: { token: string; agent: { id: string; name: string } };

beforeAll(async () => {
  gateway = await startTestApp({ prefix, env: { HANDOFF_STALLED_CHECK_SECONDS: '0.5' } });
  state = new ConversationStateMachine(gateway.redis, handoffKeys(prefix).state, gateway.config.LIVE_RETENTION_HOURS * 3600);
  // The BullMQ side as an operator's dashboard sees it: a queue handle of our own on the same keys.
  connections = await testConnections('outbox-test');
  queue = new HandoffQueue({ connections, keys: handoffKeys(prefix), lockMs: 60_000, stalledCheckMs: 600_000, keepCompletedSeconds: 3600, logger: pino({ level: 'silent' }) });
  await addAgent(gateway, 'olga@demo.example', 'Olga');
  const login = await fetch(`${gateway.url}/api/agent/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'olga@demo.example', password: AGENT_PASSWORD }),
  });
  agent = (await login.json()) as typeof agent;
});
afterAll(async () => {
  await queue.close();
  connections.closeAll();
  await stopTestApps(prefix, gateway);
});

async function queuedPlayer(): Promise<{ token: string; conversationId: string; ticketId: string }> {
  const { token, conversationId } = await createSession(gateway.url);
  const { body } = await postMessage(gateway.url, token, { text: 'I want to talk to a human agent' });
  return { token, conversationId, ticketId: body.replies[0]!.handoff!.ticketId! };
}

describe('a replica that crashes right after a ticket transition', () => {
  it('leaves ticket and conversation agreeing, and another replica finishes the claim: job locked, player told once', async () => {
    const player = await queuedPlayer();
    // What the dying replica got done: the claim transition, and nothing after it.
    const claimed = (await state.claim({ id: player.ticketId, conversationKey: player.conversationId, locale: 'en' }, agent.agent, `${agent.agent.id}.dying`)) as OutboxEvent;
    expect(claimed.type).toBe('ticket.claimed');

    // Already whole: the player's next message goes to the agent, not to the bot.
    const { body } = await postMessage(gateway.url, player.token, { text: 'hello? is anyone there' });
    expect(body.replies).toEqual([]);
    const ticket = await agentCall<{ ticket: { status: string; agentName: string } }>(gateway, agent.token, 'GET', `/api/agent/tickets/${player.ticketId}`);
    expect(ticket.body.ticket).toMatchObject({ status: 'assigned', agentName: 'Olga' });
    // The consoles' queue lists it with Olga at once too, though its job is not locked to her yet.
    const listed = await agentCall<{ tickets: Array<{ ticket: { id: string; status: string; agentName?: string } }> }>(gateway, agent.token, 'GET', '/api/agent/queue');
    expect(listed.body.tickets.find((entry) => entry.ticket.id === player.ticketId)?.ticket).toMatchObject({ status: 'assigned', agentName: 'Olga' });

    // The rest is finished from the outbox.
    await expect.poll(async () => queue.activeIds(), { timeout: 15_000 }).toContain(player.ticketId);
    await expect.poll(async () => (await history(gateway.url, player.token)).filter((m) => m.handoff?.status === 'assigned').length, { timeout: 15_000 }).toBe(1);
    expect(await queue.extendLock(player.ticketId, `${agent.agent.id}.dying`)).toBe(true);

    // And the agent carries on as after any claim.
    expect((await agentCall(gateway, agent.token, 'POST', `/api/agent/tickets/${player.ticketId}/messages`, { text: 'Olga here, sorry for the wait.' })).status).toBe(200);
    expect((await agentCall(gateway, agent.token, 'POST', `/api/agent/tickets/${player.ticketId}/resolve`)).status).toBe(200);
    await expect.poll(async () => queue.queue.getJobState(player.ticketId)).toBe('completed');
    const notices = (await history(gateway.url, player.token)).filter((m) => m.from === 'system' && m.handoff);
    expect(notices.map((m) => m.handoff!.status)).toEqual(['queued', 'assigned', 'resolved']);
  });

  it('answers a claim of a ticket whose transition already happened elsewhere with a clear refusal, changing nothing', async () => {
    const player = await queuedPlayer();
    await state.claim({ id: player.ticketId, conversationKey: player.conversationId, locale: 'en' }, { id: 'someone-else', name: 'Rafael' }, 'someone-else.token');
    const refused = await agentCall<{ error: string; message: string }>(gateway, agent.token, 'POST', `/api/agent/tickets/${player.ticketId}/claim`);
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ error: 'ticket_not_waiting' });
    expect(refused.body.message).toMatch(/with Rafael/);
    const view = await agentCall<{ ticket: { agentName: string } }>(gateway, agent.token, 'GET', `/api/agent/tickets/${player.ticketId}`);
    expect(view.body.ticket.agentName).toBe('Rafael');
  });
});
