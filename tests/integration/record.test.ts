import { mkdtempSync, rmSync } from 'node:fs';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HistoryConversation, HistoryPage } from '../../src/core/history.js';
import { addAgent, agentCall, loginAgent } from '../helpers/agent.js';
import { startTestApp, stopTestApps, type TestApp } from '../helpers/app.js';
import { TEST_DATABASE_URL } from '../helpers/database.js';
import { uniquePrefix } from '../helpers/redis.js';
import { createSession, history, postMessage } from '../helpers/webchat.js';

/**
 * The system of record, as an agent finds a conversation after the fact: on the machine's
 * PostgreSQL and on the embedded PGlite a gateway uses when DATABASE_URL is unset.
 */
const pgliteDir = mkdtempSync(join(tmpdir(), 'pitboss-record-'));
afterAll(() => rmSync(pgliteDir, { recursive: true, force: true }));

const backends: Array<{ name: string; env: Record<string, string> }> = [
  { name: 'PostgreSQL', env: {} },
  { name: 'embedded PGlite', env: { DATABASE_URL: '', DATA_DIR: pgliteDir } },
];

describe.each(backends)('the system of record on $name', ({ name, env }) => {
  const prefix = uniquePrefix(`record-${name.includes('PGlite') ? 'pglite' : 'pg'}`);
  let gateway: TestApp;
  let agent: string;

  beforeAll(async () => {
    gateway = await startTestApp({ prefix, env: { ...env, RECORD_DRAIN_MS: '100' } });
    await addAgent(gateway, 'irina@demo.example', 'Irina');
    agent = await loginAgent(gateway, 'irina@demo.example');
  });
  afterAll(async () => {
    await stopTestApps(prefix, gateway);
  });

  const search = async (query: Record<string, string>) =>
    (await agentCall<HistoryPage>(gateway, agent, 'GET', `/api/agent/conversations?${new URLSearchParams(query)}`)).body;

  it('keeps a resolved conversation whole and finds it by another form of a word the player wrote', async () => {
    const { token, conversationId } = await createSession(gateway.url, { locale: 'ru', name: 'Олег' });
    const answered = await postMessage(gateway.url, token, { text: 'Сколько времени занимает вывод средств на карту?' });
    expect(answered.body.replies[0]!.citations?.length).toBeGreaterThan(0);
    const { body } = await postMessage(gateway.url, token, { text: 'позовите оператора' });
    const ticketId = body.replies[0]!.handoff!.ticketId!;
    await agentCall(gateway, agent, 'POST', `/api/agent/tickets/${ticketId}/claim`);
    await agentCall(gateway, agent, 'POST', `/api/agent/tickets/${ticketId}/messages`, { text: 'Здравствуйте, Олег! Проверяю ваш вывод.' });
    await agentCall(gateway, agent, 'POST', `/api/agent/tickets/${ticketId}/notes`, { text: 'card withdrawal, 3 days' });
    await agentCall(gateway, agent, 'POST', `/api/agent/tickets/${ticketId}/resolve`);
    await postMessage(gateway.url, token, { text: '5' });
    const live = await history(gateway.url, token);

    // «выводы» is not in the transcript; «вывод» is: Russian stemming finds it.
    await expect.poll(async () => (await search({ query: 'выводы' })).conversations.map((c) => c.key), { timeout: 15_000 }).toContain(conversationId);
    const [found] = (await search({ query: 'выводы' })).conversations;
    expect(found!.snippet).toMatch(/«вывод»/);
    expect(found).toMatchObject({ channel: 'webchat', locale: 'ru', playerName: 'Олег' });

    const record = async () => (await agentCall<HistoryConversation>(gateway, agent, 'GET', `/api/agent/conversations/${conversationId}`)).body;
    await expect.poll(async () => (await record()).messages.length, { timeout: 15_000 }).toBe(live.length);
    await expect.poll(async () => (await record()).tickets[0]?.rating, { timeout: 15_000 }).toBe(5);
    const kept = await record();
    expect(kept.messages.map((m) => [m.seq, m.from, m.text])).toEqual(live.map((m) => [m.seq, m.from, m.text]));
    expect(kept.messages.find((m) => m.citations?.length)?.citations?.[0]?.id).toBe(answered.body.replies[0]!.citations![0]!.id);
    expect(kept.tickets).toEqual([expect.objectContaining({ id: ticketId, reason: 'requested', status: 'resolved', rating: 5 })]);
    // Filters: by ticket, by status, by player.
    for (const filter of [{ ticket: ticketId }, { status: 'resolved', player: 'олег' }] as Array<Record<string, string>>) expect((await search(filter)).conversations.map((c) => c.key)).toEqual([conversationId]);
  });

  it('pages newest first, each conversation once, and refuses a cursor it did not give out', async () => {
    const keys: string[] = [];
    for (const text of ['What is the minimum deposit?', 'Do you accept Skrill?', 'How do free spins work?']) {
      const { token, conversationId } = await createSession(gateway.url, { locale: 'en', name: 'Pager' });
      await postMessage(gateway.url, token, { text });
      keys.push(conversationId);
    }
    await expect.poll(async () => (await search({ player: 'Pager' })).conversations.length, { timeout: 15_000 }).toBe(3);
    const first = await search({ player: 'Pager', limit: '2' });
    const second = await search({ player: 'Pager', limit: '2', cursor: first.next! });
    expect(second.next).toBeNull();
    expect([...first.conversations, ...second.conversations].map((c) => c.key)).toEqual([...keys].reverse());

    const refused = await agentCall<{ error: string }>(gateway, agent, 'GET', '/api/agent/conversations?cursor=not-ours');
    expect(refused.status).toBe(400);
    expect(refused.body.error).toBe('invalid_cursor');
    expect((await agentCall(gateway, agent, 'GET', '/api/agent/conversations/webchat:nobody')).status).toBe(404);
  });
});

describe('a database outage', () => {
  const prefix = uniquePrefix('record-outage');
  const upstream = new URL(TEST_DATABASE_URL);
  const sockets = new Set<Socket>();
  let proxy: Server;
  let port: number;
  let gateway: TestApp;
  let agent: string;

  /** A TCP proxy in front of PostgreSQL: closing it is the outage the gateway sees. */
  const openProxy = () =>
    new Promise<void>((resolve) => {
      proxy = createServer((client) => {
        const server = connect(Number(upstream.port || 5432), upstream.hostname);
        for (const socket of [client, server]) {
          sockets.add(socket);
          socket.on('close', () => sockets.delete(socket));
          socket.on('error', () => socket.destroy());
        }
        client.pipe(server).pipe(client);
      });
      proxy.listen(port, '127.0.0.1', () => resolve());
    });
  const closeProxy = () =>
    new Promise<void>((resolve) => {
      proxy.close(() => resolve());
      for (const socket of sockets) socket.destroy();
    });

  beforeAll(async () => {
    port = 0;
    await openProxy();
    port = (proxy.address() as { port: number }).port;
    const through = new URL(TEST_DATABASE_URL);
    through.hostname = '127.0.0.1';
    through.port = String(port);
    gateway = await startTestApp({ prefix, env: { DATABASE_URL: through.toString(), RECORD_DRAIN_MS: '100' } });
    await addAgent(gateway, 'outage@demo.example', 'Olga');
    agent = await loginAgent(gateway, 'outage@demo.example');
  });
  afterAll(async () => {
    await stopTestApps(prefix, gateway);
    await closeProxy().catch(() => undefined);
  });

  it('answers players while the database is away, and copies every message once it is back', async () => {
    await closeProxy();
    const { token, conversationId } = await createSession(gateway.url, { locale: 'en' });
    for (const text of ['How long do withdrawals take?', 'And what is the minimum deposit?']) {
      const { status, body } = await postMessage(gateway.url, token, { text });
      expect(status).toBe(200);
      expect(body.replies.length).toBeGreaterThan(0);
    }
    const live = await history(gateway.url, token);
    // The agents' history says it is away, and why, rather than failing blindly.
    const away = await agentCall<{ error: string; message: string }>(gateway, agent, 'GET', `/api/agent/conversations/${conversationId}`);
    expect(away.status).toBe(503);
    expect(away.body).toMatchObject({ error: 'history_unavailable', message: expect.stringMatching(/live chats are not affected/) });

    await openProxy();
    await expect
      .poll(async () => (await agentCall<HistoryConversation>(gateway, agent, 'GET', `/api/agent/conversations/${conversationId}`)).body.messages?.length, { timeout: 20_000 })
      .toBe(live.length);
  });
});
