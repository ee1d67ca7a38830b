import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { HistoryConversation } from '../../src/core/history.js';
import type { TicketView } from '../../src/handoff/views.js';
import { addAgent, agentCall, loginAgent } from '../helpers/agent.js';
import { startTestApp, stopTestApps, type TestApp } from '../helpers/app.js';
import { schemaFor, TEST_DATABASE_URL } from '../helpers/database.js';
import { uniquePrefix } from '../helpers/redis.js';
import { createSession, postMessage } from '../helpers/webchat.js';

/** The ticket view's "earlier conversations": what the system of record knows of the player's past tickets. */
const prefix = uniquePrefix('ticket-earlier');
let gateway: TestApp;
let agent: string;

beforeAll(async () => {
  gateway = await startTestApp({ prefix, env: { RECORD_DRAIN_MS: '100' } });
  await addAgent(gateway, 'lena@demo.example', 'Lena');
  agent = await loginAgent(gateway, 'lena@demo.example');
});
afterAll(async () => {
  await stopTestApps(prefix, gateway);
});

async function askForAgent(token: string): Promise<string> {
  const { body } = await postMessage(gateway.url, token, { text: 'I want to talk to a real person' });
  return body.replies[0]!.handoff!.ticketId!;
}

const view = async (ticketId: string) => (await agentCall<TicketView>(gateway, agent, 'GET', `/api/agent/tickets/${ticketId}`)).body;

describe("the ticket view's earlier conversations", () => {
  let conversationId: string;
  let first: string;
  let second: string;

  // A player whose first ticket was resolved and rated, and who has asked for an agent again.
  beforeAll(async () => {
    const session = await createSession(gateway.url, { locale: 'en', name: 'Nadia' });
    conversationId = session.conversationId;
    first = await askForAgent(session.token);
    await agentCall(gateway, agent, 'POST', `/api/agent/tickets/${first}/claim`);
    await agentCall(gateway, agent, 'POST', `/api/agent/tickets/${first}/messages`, { text: 'Sorted, anything else?' });
    await agentCall(gateway, agent, 'POST', `/api/agent/tickets/${first}/resolve`);
    await postMessage(gateway.url, session.token, { text: '4' });
    second = await askForAgent(session.token);
    // The record is written within moments: wait until it has the first ticket's rating.
    await vi.waitFor(
      async () => {
        const { body } = await agentCall<HistoryConversation>(gateway, agent, 'GET', `/api/agent/conversations/${conversationId}`);
        expect(body.tickets?.find((t) => t.id === first)?.rating).toBe(4);
      },
      { timeout: 15_000, interval: 100 },
    );
  });

  it("lists the chat's tickets before this one, with reason, status, times and rating", async () => {
    expect(second).not.toBe(first);
    const { earlier } = await view(second);
    expect(earlier).toEqual([{ id: first, conversationKey: conversationId, reason: 'requested', status: 'resolved', rating: 4, createdAt: expect.any(String), resolvedAt: expect.any(String) }]);
    expect(Date.parse(earlier![0]!.resolvedAt!)).toBeGreaterThanOrEqual(Date.parse(earlier![0]!.createdAt));
    // The later ticket is not "earlier" for the first one.
    expect((await view(first)).earlier).toEqual([]);
  });

  it('still shows the ticket when the record does not answer, only without the earlier conversations', async () => {
    // A transaction holding the tickets table: the record's reads wait behind it, as on a stuck database.
    const blocker = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await blocker.connect();
    try {
      await blocker.query('BEGIN');
      await blocker.query(`LOCK TABLE "${schemaFor(prefix)}".tickets IN ACCESS EXCLUSIVE MODE`);
      const response = await agentCall<TicketView>(gateway, agent, 'GET', `/api/agent/tickets/${second}`);
      expect(response.status).toBe(200);
      expect(response.body.ticket.id).toBe(second);
      expect(response.body.transcript.length).toBeGreaterThan(0);
      expect(response.body).not.toHaveProperty('earlier');
    } finally {
      await blocker.query('ROLLBACK');
      await blocker.end();
    }
    // Once the record answers again, so does the list.
    await expect.poll(async () => (await view(second)).earlier?.map((t) => t.id)).toEqual([first]);
  });

  it('still shows the ticket when the record fails, only without the earlier conversations', async () => {
    const blocker = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await blocker.connect();
    try {
      // The record's tables gone from under it: every query of the history fails.
      await blocker.query('BEGIN');
      await blocker.query(`ALTER TABLE "${schemaFor(prefix)}".tickets RENAME TO tickets_away`);
      await blocker.query('COMMIT');
      const response = await agentCall<TicketView>(gateway, agent, 'GET', `/api/agent/tickets/${second}`);
      expect(response.status).toBe(200);
      expect(response.body.ticket.id).toBe(second);
      expect(response.body).not.toHaveProperty('earlier');
    } finally {
      await blocker.query(`ALTER TABLE IF EXISTS "${schemaFor(prefix)}".tickets_away RENAME TO tickets`);
      await blocker.end();
    }
  });
});
