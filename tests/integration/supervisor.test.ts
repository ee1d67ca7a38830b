import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ticket } from '../../src/core/ticket.js';
import type { SupervisorOverview } from '../../src/handoff/supervisor.js';
import { addAgent, agentCall, loginAgent } from '../helpers/agent.js';
import { startTestApp, stopTestApps, type TestApp } from '../helpers/app.js';
import { DatabaseProxy } from '../helpers/database-proxy.js';
import { uniquePrefix } from '../helpers/redis.js';
import { createSession, history, postMessage } from '../helpers/webchat.js';

/**
 * The supervisor view (SPEC §8.3): the live queue and agents, and a day's figures counted in the
 * system of record — on the machine's PostgreSQL (the day in UTC) and on the embedded PGlite with
 * support hours in Baku (the day in that time zone).
 */
const backends: Array<{ name: string; timeZone: string; env: Record<string, string> }> = [
  { name: 'PostgreSQL', timeZone: 'UTC', env: {} },
  { name: 'embedded PGlite', timeZone: 'Asia/Baku', env: { DATABASE_URL: '', DATA_DIR: 'memory://', SUPPORT_HOURS: 'Daily 00:00-24:00 Asia/Baku' } },
];

/** Today's date in a time zone, as YYYY-MM-DD. */
const today = (timeZone: string) => new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
const seconds = (from: string | undefined, to: string | undefined) => (Date.parse(to!) - Date.parse(from!)) / 1000;

describe.each(backends)('the supervisor view on $name', ({ name, timeZone, env }) => {
  const prefix = uniquePrefix(`supervisor-${name.includes('PGlite') ? 'pglite' : 'pg'}`);
  let gateway: TestApp;
  let sofia: string;
  let anna: string;

  beforeAll(async () => {
    gateway = await startTestApp({ prefix, env: { ...env, RECORD_DRAIN_MS: '100' } });
    await addAgent(gateway, 'sofia@demo.example', 'Sofia', { role: 'supervisor' });
    await addAgent(gateway, 'anna@demo.example', 'Anna', { maxChats: 4 });
    sofia = await loginAgent(gateway, 'sofia@demo.example');
    anna = await loginAgent(gateway, 'anna@demo.example');
  });
  afterAll(async () => {
    await stopTestApps(prefix, gateway);
  });

  const overview = async (query = '') => {
    const { status, body } = await agentCall<SupervisorOverview>(gateway, sofia, 'GET', `/api/agent/supervisor${query}`);
    expect(status).toBe(200);
    return body;
  };
  const ticket = async (id: string) => (await agentCall<{ ticket: Ticket }>(gateway, sofia, 'GET', `/api/agent/tickets/${id}`)).body.ticket;

  /** A player's chat: one message, and the ticket it opened, if any. */
  async function chat(locale: 'en' | 'ru', text: string): Promise<{ token: string; ticketId: string | undefined }> {
    const { token } = await createSession(gateway.url, { locale });
    const { status, body } = await postMessage(gateway.url, token, { text });
    expect(status).toBe(200);
    return { token, ticketId: body.replies.find((reply) => reply.handoff?.ticketId)?.handoff?.ticketId };
  }

  /** Anna claims, answers, resolves; the player rates. */
  async function serve(player: { token: string; ticketId: string | undefined }, rating: number): Promise<void> {
    const id = player.ticketId!;
    expect((await agentCall(gateway, anna, 'POST', `/api/agent/tickets/${id}/claim`)).status).toBe(200);
    expect((await agentCall(gateway, anna, 'POST', `/api/agent/tickets/${id}/messages`, { text: 'Hello, Anna here. Let me look.' })).status).toBe(200);
    expect((await agentCall(gateway, anna, 'POST', `/api/agent/tickets/${id}/resolve`)).status).toBe(200);
    await expect.poll(async () => (await history(gateway.url, player.token)).some((m) => m.handoff?.status === 'resolved'), { timeout: 10_000 }).toBe(true);
    expect((await postMessage(gateway.url, player.token, { text: String(rating) })).body.replies).toHaveLength(1);
  }

  it("counts today's tickets, response and handle times, satisfaction and deflection, and shows the live queue and load", async () => {
    const started = Date.now();
    // Two questions the bot answers: deflected.
    for (const [locale, text] of [['en', 'How long do withdrawals take?'], ['ru', 'Сколько времени занимает вывод средств на карту?']] as const) {
      expect((await chat(locale, text)).ticketId).toBeUndefined();
    }
    const served = [await chat('en', 'I want to talk to a real person'), await chat('ru', 'позовите оператора')];
    const waiting = await chat('ru', 'Проиграл всю зарплату, надо срочно отыграться, не могу остановиться');
    const held = await chat('en', 'I want to talk to a real person');
    for (const player of [...served, waiting, held]) expect(player.ticketId).toBeDefined();
    await serve(served[0]!, 5);
    await serve(served[1]!, 2);
    expect((await agentCall(gateway, anna, 'POST', `/api/agent/tickets/${held.ticketId}/claim`)).status).toBe(200);
    const elapsed = (Date.now() - started) / 1000;

    // The live parts at once, from Redis.
    const live = await overview();
    expect(live.queue).toMatchObject({ waiting: 1, withAgents: 1 });
    expect(live.queue.groups).toEqual([
      { reason: 'responsible_gambling', locale: 'ru', waiting: 1, oldestWaitSeconds: expect.any(Number), withAgents: 0 },
      { reason: 'requested', locale: 'en', waiting: 0, oldestWaitSeconds: null, withAgents: 1 },
    ]);
    expect(live.queue.oldestWaitSeconds).toBeLessThanOrEqual(Math.ceil(elapsed));
    expect(live.agents.map((agent) => [agent.email, agent.role, agent.holding, agent.maxChats, agent.load])).toEqual(
      expect.arrayContaining([
        ['anna@demo.example', 'agent', 1, 4, 0.25],
        ['sofia@demo.example', 'supervisor', 0, 5, 0],
      ]),
    );

    // The figures once the record has caught up.
    await expect
      .poll(async () => (await overview()).figures, { timeout: 20_000 })
      .toMatchObject({
        day: today(timeZone),
        timeZone,
        opened: {
          total: 4,
          byReason: [{ reason: 'requested', count: 3 }, { reason: 'responsible_gambling', count: 1 }],
          byLanguage: [{ locale: 'en', count: 2 }, { locale: 'ru', count: 2 }],
        },
        firstResponse: { count: 2 },
        handleTime: { count: 2 },
        csat: { ratings: 2, average: 3.5, satisfiedShare: 0.5 },
        deflection: { conversations: 6, deflected: 2 },
      });
    const { figures } = await overview();
    expect(figures!.deflection.rate).toBeCloseTo(1 / 3, 10);
    // The day is the time zone's calendar day: 24 hours from its local midnight.
    expect(seconds(figures!.from, figures!.to)).toBe(24 * 3600);
    expect(new Date(figures!.from).toLocaleString('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })).toBe('00:00');

    // First response: from the ticket's opening to the agent's first reply; handle time: from the claim to the resolution.
    const tickets = await Promise.all(served.map((player) => ticket(player.ticketId!)));
    const firstResponses = tickets.map((t) => seconds(t.createdAt, t.firstReplyAt));
    const handleTimes = tickets.map((t) => seconds(t.claimedAt, t.resolvedAt));
    for (const value of [...firstResponses, ...handleTimes]) expect(value).toBeGreaterThan(0);
    for (const value of [...firstResponses, ...handleTimes]) expect(value).toBeLessThan(elapsed);
    const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
    // Of two, the median is their mean.
    expect(figures!.firstResponse.medianSeconds).toBeCloseTo(mean(firstResponses), 3);
    expect(figures!.firstResponse.averageSeconds).toBeCloseTo(mean(firstResponses), 3);
    expect(figures!.handleTime.medianSeconds).toBeCloseTo(mean(handleTimes), 3);
    expect(figures!.handleTime.averageSeconds).toBeCloseTo(mean(handleTimes), 3);
  });

  it('counts another day on ?day=, and refuses a date that does not exist', async () => {
    const { figures } = await overview('?day=2020-01-01');
    expect(figures).toMatchObject({
      day: '2020-01-01',
      opened: { total: 0, byReason: [], byLanguage: [] },
      firstResponse: { count: 0, medianSeconds: null, averageSeconds: null },
      handleTime: { count: 0, medianSeconds: null, averageSeconds: null },
      csat: { ratings: 0, average: null, satisfiedShare: null },
      deflection: { conversations: 0, deflected: 0, rate: null },
    });
    const refused = await agentCall<{ error: string; message: string }>(gateway, sofia, 'GET', '/api/agent/supervisor?day=2026-02-30');
    expect(refused).toEqual({ status: 400, body: { error: 'invalid_input', message: expect.stringMatching(/day: must be a date like 2026-03-31/) } });
  });

  it('is for supervisors only', async () => {
    const refused = await agentCall<{ error: string; message: string }>(gateway, anna, 'GET', '/api/agent/supervisor');
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ error: 'supervisors_only', message: expect.stringMatching(/supervisors only/) });
    expect((await agentCall(gateway, undefined, 'GET', '/api/agent/supervisor')).status).toBe(401);
  });
});

describe('the supervisor view while the system of record is away', () => {
  const prefix = uniquePrefix('supervisor-outage');
  const proxy = new DatabaseProxy();
  let gateway: TestApp;
  let sofia: string;

  beforeAll(async () => {
    await proxy.open();
    gateway = await startTestApp({ prefix, env: { DATABASE_URL: proxy.url, RECORD_DRAIN_MS: '100' } });
    await addAgent(gateway, 'sofia@demo.example', 'Sofia', { role: 'supervisor' });
    sofia = await loginAgent(gateway, 'sofia@demo.example');
  });
  afterAll(async () => {
    await stopTestApps(prefix, gateway);
    await proxy.close();
  });

  it('still shows the live queue and agents, says why the figures are missing, and has them again once it is back', async () => {
    await proxy.close();
    const { token } = await createSession(gateway.url, { locale: 'en' });
    expect((await postMessage(gateway.url, token, { text: 'I want to talk to a real person' })).body.replies[0]?.handoff?.ticketId).toBeDefined();

    const away = await agentCall<SupervisorOverview>(gateway, sofia, 'GET', '/api/agent/supervisor');
    expect(away.status).toBe(200);
    expect(away.body.queue).toMatchObject({ waiting: 1, groups: [{ reason: 'requested', locale: 'en', waiting: 1 }] });
    expect(away.body.agents.map((agent) => agent.email)).toEqual(['sofia@demo.example']);
    expect(away.body.figures).toBeNull();
    expect(away.body.figuresUnavailable).toEqual({ error: 'record_unavailable', message: expect.stringMatching(/The queue and the agents are live/) });

    await proxy.open();
    await expect
      .poll(async () => (await agentCall<SupervisorOverview>(gateway, sofia, 'GET', '/api/agent/supervisor')).body.figures?.opened.total, { timeout: 20_000 })
      .toBe(1);
  });
});
