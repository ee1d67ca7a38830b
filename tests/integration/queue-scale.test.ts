import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addAgent, agentCall, loginAgent } from '../helpers/agent.js';
import { startTestApp, stopTestApps, type TestApp } from '../helpers/app.js';
import { TEST_REDIS_URL, uniquePrefix } from '../helpers/redis.js';
import { createSession, postMessage } from '../helpers/webchat.js';

/**
 * What a claim and a place-in-queue answer cost with a long queue, counted in Redis commands (every
 * command touching this file's keys, seen through MONITOR), not timed: the same with 1,000 tickets
 * waiting as with 10.
 */
const prefix = uniquePrefix('queue-scale');
let gateway: TestApp;
let agent: string;
let monitor: Redis;
/** Commands seen on this file's keys, and where the last markers were. */
const seen = { commands: 0, startMarkerAt: 0, endMarkerAt: 0 };
const players: string[] = [];

/** Opens tickets (one player each, in `players`) until `count` are waiting. */
async function queueUp(count: number): Promise<void> {
  while (players.length < count) {
    const batch = Math.min(25, count - players.length);
    const tokens = await Promise.all(
      Array.from({ length: batch }, async () => {
        const { token } = await createSession(gateway.url);
        const { body } = await postMessage(gateway.url, token, { text: 'operator please' });
        expect(body.replies[0]?.handoff?.status).toBe('queued');
        return token;
      }),
    );
    players.push(...tokens);
  }
}

/** Redis commands on this file's keys while `action` runs. */
async function commandsFor(action: () => Promise<unknown>): Promise<number> {
  // A marker command on each side: MONITOR reports commands in order, so everything between is the action's.
  const marker = new Redis(TEST_REDIS_URL);
  const { startMarkerAt, endMarkerAt } = seen;
  await marker.get(`${prefix}marker:start`);
  await expect.poll(() => seen.startMarkerAt).toBeGreaterThan(startMarkerAt);
  await action();
  await marker.get(`${prefix}marker:end`);
  await expect.poll(() => seen.endMarkerAt).toBeGreaterThan(endMarkerAt);
  marker.disconnect();
  return seen.endMarkerAt - seen.startMarkerAt - 1;
}

beforeAll(async () => {
  // Alerts, the stalled check and the record's copy run on timers; far apart here, so they do not land in a measurement.
  gateway = await startTestApp({ prefix, env: { HANDOFF_ALERT_SECONDS: '3600', HANDOFF_STALLED_CHECK_SECONDS: '600', RECORD_DRAIN_MS: '60000' } });
  await addAgent(gateway, 'queue@demo.example', 'Quinn');
  agent = await loginAgent(gateway, 'queue@demo.example');
  monitor = await new Redis(TEST_REDIS_URL).monitor();
  monitor.on('monitor', (_time: string, args: string[]) => {
    if (!args.some((arg) => arg.includes(prefix))) return;
    seen.commands++;
    if (args.includes(`${prefix}marker:start`)) seen.startMarkerAt = seen.commands;
    if (args.includes(`${prefix}marker:end`)) seen.endMarkerAt = seen.commands;
  });
}, 60_000);
afterAll(async () => {
  monitor.disconnect();
  await stopTestApps(prefix, gateway);
});

describe('a long queue', () => {
  it('costs the same Redis commands per claim, per "status" and per /metrics scrape with 1,000 tickets waiting as with 10', async () => {
    const measure = async () => {
      const last = players.at(-1)!;
      const status = await commandsFor(async () => expect((await postMessage(gateway.url, last, { text: 'status' })).body.replies[0]?.text).toMatch(/number \d+ in the queue/));
      const claimNext = await commandsFor(async () => expect((await agentCall(gateway, agent, 'POST', '/api/agent/claim')).status).toBe(200));
      const byId = players.at(-2)!;
      const ticketId = (await postMessage(gateway.url, byId, { text: 'status' })).body.replies[0]!.handoff!.ticketId!;
      const claimById = await commandsFor(async () => expect((await agentCall(gateway, agent, 'POST', `/api/agent/tickets/${ticketId}/claim`)).status).toBe(200));
      const scrape = await commandsFor(async () => expect((await fetch(`${gateway.url}/metrics`)).status).toBe(200));
      return { status, claimNext, claimById, scrape };
    };
    await queueUp(10);
    const short = await measure();
    await queueUp(1000);
    const long = await measure();
    for (const operation of ['status', 'claimNext', 'claimById', 'scrape'] as const) {
      expect(long[operation], `${operation}: ${short[operation]} commands with 10 waiting, ${long[operation]} with 1,000`).toBeLessThanOrEqual(short[operation] + 10);
      expect(long[operation]).toBeLessThan(150);
    }
  }, 180_000);
});
