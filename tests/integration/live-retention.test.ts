import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handoffKeys } from '../../src/handoff/keys.js';
import { addAgent, agentCall, loginAgent } from '../helpers/agent.js';
import { startTestApp, stopTestApps, type TestApp } from '../helpers/app.js';
import { uniquePrefix } from '../helpers/redis.js';
import { createSession, postMessage } from '../helpers/webchat.js';

/**
 * Redis keeps live conversations only: one without an open ticket is deleted `LIVE_RETENTION_HOURS`
 * after the player's last message, one with an open ticket is kept however long it waits, and a
 * resolved ticket goes with its conversation.
 */
const prefix = uniquePrefix('retention');
const keys = handoffKeys(prefix).state;
const HOUR = 3600;
let gateway: TestApp;
let agent: string;

beforeAll(async () => {
  gateway = await startTestApp({ prefix, env: { LIVE_RETENTION_HOURS: '1' } });
  await addAgent(gateway, 'rita@demo.example', 'Rita');
  agent = await loginAgent(gateway, 'rita@demo.example');
});
afterAll(async () => {
  await stopTestApps(prefix, gateway);
});

/** Seconds until each key is deleted: -1 kept, -2 gone. */
const ttls = (...names: string[]) => Promise.all(names.map((name) => gateway.redis.ttl(name)));
const expiringWithinAnHour = (ttl: number) => ttl > 0 && ttl <= HOUR;

describe('live retention in Redis', () => {
  it('deletes a bot conversation an hour after the player last wrote, keeps it while a ticket is open, and deletes it with its ticket after the resolve', async () => {
    const { token, conversationId } = await createSession(gateway.url);
    await postMessage(gateway.url, token, { text: 'How long do withdrawals take?' });
    const conversation = [keys.conversation(conversationId), keys.transcript(conversationId)];
    expect((await ttls(...conversation)).every(expiringWithinAnHour)).toBe(true);

    const { body } = await postMessage(gateway.url, token, { text: 'I want to talk to a human agent' });
    const ticketId = body.replies[0]!.handoff!.ticketId!;
    expect(await ttls(...conversation, keys.ticket(ticketId))).toEqual([-1, -1, -1]);
    // Waiting and writing again changes nothing: an open ticket's conversation is never deleted.
    await postMessage(gateway.url, token, { text: 'still there?' });
    expect(await ttls(...conversation)).toEqual([-1, -1]);

    await agentCall(gateway, agent, 'POST', `/api/agent/tickets/${ticketId}/claim`);
    await agentCall(gateway, agent, 'POST', `/api/agent/tickets/${ticketId}/notes`, { text: 'asked about a withdrawal' });
    expect((await agentCall(gateway, agent, 'POST', `/api/agent/tickets/${ticketId}/resolve`)).status).toBe(200);
    const closed = await ttls(...conversation, keys.ticket(ticketId), keys.notes(ticketId));
    expect(closed.every(expiringWithinAnHour), `TTLs after the resolve: ${closed.join(', ')}`).toBe(true);
  });
});
