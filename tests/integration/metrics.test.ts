import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WaitingLines } from '../../src/handoff/waiting-line.js';
import { addAgent, agentCall, loginAgent } from '../helpers/agent.js';
import { startTestApp, stopTestApps, type TestApp } from '../helpers/app.js';
import { uniquePrefix } from '../helpers/redis.js';
import { createSession, history, postMessage } from '../helpers/webchat.js';

/** What an operator's Prometheus sees when it scrapes one replica. */
const prefix = uniquePrefix('metrics');
let gateway: TestApp;
let agent: string;

type QueueView = { tickets: Array<{ ticket: { id: string; createdAt: string }; position?: number }> };

async function scrape(): Promise<string> {
  const response = await fetch(`${gateway.url}/metrics`);
  expect(response.status).toBe(200);
  return response.text();
}

/** The sum of a metric's samples whose labels include `labels` (label order in the text does not matter). */
function sample(text: string, name: string, labels: Record<string, string> = {}): number {
  let total = 0;
  let found = false;
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const present = Object.fromEntries([...(match[2] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map(([, key, value]) => [key, value]));
    if (Object.entries(labels).every(([key, value]) => present[key] === value)) {
      total += Number(match[3]);
      found = true;
    }
  }
  if (!found) throw new Error(`no ${name} sample with ${JSON.stringify(labels)} in /metrics`);
  return total;
}

async function waitingTickets(): Promise<QueueView['tickets']> {
  const { body } = await agentCall<QueueView>(gateway, agent, 'GET', '/api/agent/queue');
  return body.tickets.filter((entry) => entry.position !== undefined);
}

beforeAll(async () => {
  gateway = await startTestApp({ prefix });
  await addAgent(gateway, 'metrics@demo.example', 'Mira');
  agent = await loginAgent(gateway, 'metrics@demo.example');

  const asker = await createSession(gateway.url);
  await postMessage(gateway.url, asker.token, { text: 'how long does a withdrawal to visa take' });
  await postMessage(gateway.url, asker.token, { text: 'what is the max bet while wagering a bonus' });
  await history(gateway.url, asker.token, 1);
  for (const text of ['operator please', 'I want a human']) {
    const { token } = await createSession(gateway.url);
    expect((await postMessage(gateway.url, token, { text })).body.replies[0]?.handoff).toMatchObject({ reason: 'requested', status: 'queued' });
  }
}, 60_000);
afterAll(async () => {
  await stopTestApps(prefix, gateway);
});

describe('/metrics of one replica', () => {
  it('counts turns by channel, conversations and handoffs by reason, in memory rather than in Redis', async () => {
    const text = await scrape();
    expect(sample(text, 'pitboss_turns_total', { channel: 'webchat' })).toBe(4);
    expect(sample(text, 'pitboss_conversations_total')).toBe(3);
    expect(sample(text, 'pitboss_handoffs_total', { reason: 'requested' })).toBe(2);
    expect(text).not.toMatch(/pitboss_deflection_rate/);
    // The totals used to live in one Redis hash, written on every turn.
    expect(await gateway.redis.exists(`${prefix}metrics`)).toBe(0);
  });

  it('times HTTP requests by route pattern and status, never by raw URL or id', async () => {
    const [waiting] = await waitingTickets();
    const ticketId = waiting!.ticket.id;
    expect((await agentCall(gateway, agent, 'GET', `/api/agent/tickets/${ticketId}`)).status).toBe(200);
    expect((await fetch(`${gateway.url}/no-such-page-x7q/42`)).status).toBe(404);

    const text = await scrape();
    const count = 'http_request_duration_seconds_count';
    expect(sample(text, count, { method: 'POST', route: '/api/webchat/messages', status_code: '200' })).toBe(4);
    expect(sample(text, count, { method: 'GET', route: '/api/webchat/messages', status_code: '200' })).toBe(1);
    expect(sample(text, count, { method: 'GET', route: '/api/agent/tickets/:id', status_code: '200' })).toBe(1);
    expect(sample(text, count, { method: 'GET', route: 'unmatched', status_code: '404' })).toBe(1);
    expect(sample(text, 'http_request_duration_seconds_bucket', { route: '/api/webchat/messages', method: 'POST', le: '+Inf' })).toBe(4);
    expect(text).not.toContain(ticketId);
    expect(text).not.toContain('no-such-page');
    expect(text).not.toContain('after=');
  });

  it('exports the Node.js process metrics, unprefixed', async () => {
    const text = await scrape();
    expect(sample(text, 'process_cpu_user_seconds_total')).toBeGreaterThan(0);
    expect(sample(text, 'process_resident_memory_bytes')).toBeGreaterThan(0);
    expect(sample(text, 'nodejs_heap_size_used_bytes')).toBeGreaterThan(0);
    expect(text).toMatch(/^# TYPE nodejs_eventloop_lag_seconds gauge$/m);
  });

  it('reads the queue depth and the oldest wait from the shared queue at scrape time', async () => {
    const waiting = await waitingTickets();
    expect(waiting).toHaveLength(2);
    const oldest = Math.min(...waiting.map((entry) => Date.parse(entry.ticket.createdAt)));
    const before = Date.now();
    const text = await scrape();
    const after = Date.now();
    expect(sample(text, 'pitboss_queue_waiting_tickets')).toBe(2);
    const oldestWait = sample(text, 'pitboss_queue_oldest_wait_seconds');
    expect(oldestWait).toBeGreaterThanOrEqual((before - oldest) / 1000);
    expect(oldestWait).toBeLessThanOrEqual((after - oldest) / 1000);

    expect((await agentCall(gateway, agent, 'POST', '/api/agent/claim')).status).toBe(200);
    expect(sample(await scrape(), 'pitboss_queue_waiting_tickets')).toBe(1);
    expect((await agentCall(gateway, agent, 'POST', '/api/agent/claim')).status).toBe(200);
    const drained = await scrape();
    expect(sample(drained, 'pitboss_queue_waiting_tickets')).toBe(0);
    expect(sample(drained, 'pitboss_queue_oldest_wait_seconds')).toBe(0);
    expect(sample(drained, 'pitboss_queue_wait_seconds_count')).toBe(2);
  });

  it('takes the oldest wait from the longest-waiting ticket, even when a younger, more urgent one is first in line or in another line', async () => {
    const lines = new WaitingLines(gateway.redis, { waitingLine: (line) => `${prefix}oldest-line:${line}`, waitingLines: `${prefix}oldest-lines` });
    expect(await lines.oldestCreatedAt()).toBeUndefined();
    const now = Date.parse('2030-01-01T12:00:00Z');
    const add = (id: string, priority: number, msAgo: number, locale = 'en') => lines.add({ id, locale, priority, createdAt: new Date(now - msAgo).toISOString() });
    await add('T-URGE', 1, 10_000);
    await add('T-DISP', 2, 100_000);
    await add('T-OLDR', 6, 600_000, 'ru');
    await add('T-NEWR', 6, 1_000);
    expect(await lines.next(() => true)).toBe('T-URGE');
    expect(await lines.next((line) => line.locale === 'ru')).toBe('T-OLDR');
    expect(await lines.oldestCreatedAt()).toBe(now - 600_000);
  });
});
