import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addAgent, agentCall, loginAgent } from '../helpers/agent.js';
import { startTestApp, stopTestApps, type TestApp } from '../helpers/app.js';
import { type LocalRedis, startRedisServer } from '../helpers/local-redis.js';
import { uniquePrefix } from '../helpers/redis.js';
import { createSession, postMessage } from '../helpers/webchat.js';

/**
 * What a claim and a place-in-queue answer cost with a long queue, counted in Redis commands (every
 * command touching this file's keys, seen through MONITOR) and in the bytes Redis sends, not timed:
 * the same with 1,000 tickets waiting as with 10.
 */
const prefix = uniquePrefix('queue-scale');
let gateway: TestApp;
let agent: string;
let watcher: Redis;
let monitor: Redis;
let redisServer: LocalRedis;
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

/** The bytes the Redis server has sent to all its clients so far. */
async function bytesSent(redis: Redis): Promise<number> {
  return Number(/total_net_output_bytes:(\d+)/.exec(await redis.info('stats'))?.[1]);
}

/** Redis commands while `action` runs, and the bytes Redis sent meanwhile (a reply listing the whole queue shows there). */
async function costOf(action: () => Promise<unknown>): Promise<{ commands: number; bytes: number }> {
  // A marker command on each side: MONITOR reports commands in order, so everything between is the action's.
  const marker = new Redis(redisServer.url);
  const { startMarkerAt, endMarkerAt } = seen;
  const before = await bytesSent(marker);
  await marker.get(`${prefix}marker:start`);
  await expect.poll(() => seen.startMarkerAt).toBeGreaterThan(startMarkerAt);
  await action();
  await marker.get(`${prefix}marker:end`);
  await expect.poll(() => seen.endMarkerAt).toBeGreaterThan(endMarkerAt);
  const bytes = (await bytesSent(marker)) - before;
  marker.disconnect();
  return { commands: seen.endMarkerAt - seen.startMarkerAt - 1, bytes };
}

beforeAll(async () => {
  // Alerts, the stalled check and the record's copy run on timers; far apart here, so they do not land in a measurement.
  // A Redis of this test's own: nothing else's commands or replies are counted.
  redisServer = await startRedisServer();
  gateway = await startTestApp({
    prefix,
    env: { REDIS_URL: redisServer.url, HANDOFF_ALERT_SECONDS: '3600', HANDOFF_STALLED_CHECK_SECONDS: '600', RECORD_DRAIN_MS: '60000' },
  });
  await addAgent(gateway, 'queue@demo.example', 'Quinn');
  agent = await loginAgent(gateway, 'queue@demo.example');
  // MONITOR takes a connection of its own; the client it came from is closed too, after.
  watcher = new Redis(redisServer.url);
  monitor = await watcher.monitor();
  monitor.on('monitor', (_time: string, args: string[]) => {
    if (!args.some((arg) => arg.includes(prefix))) return;
    seen.commands++;
    if (args.includes(`${prefix}marker:start`)) seen.startMarkerAt = seen.commands;
    if (args.includes(`${prefix}marker:end`)) seen.endMarkerAt = seen.commands;
  });
}, 60_000);
afterAll(async () => {
  monitor.disconnect();
  watcher.disconnect();
  await stopTestApps(prefix, gateway);
  await redisServer.stop();
});

describe('a long queue', () => {
  it('costs the same Redis commands per claim, per "status" and per /metrics scrape with 1,000 tickets waiting as with 10', async () => {
    const measure = async () => {
      const last = players.at(-1)!;
      const status = await costOf(async () => expect((await postMessage(gateway.url, last, { text: 'status' })).body.replies[0]?.text).toMatch(/number \d+ in the queue/));
      const claimNext = await costOf(async () => expect((await agentCall(gateway, agent, 'POST', '/api/agent/claim')).status).toBe(200));
      const byId = players.at(-2)!;
      const ticketId = (await postMessage(gateway.url, byId, { text: 'status' })).body.replies[0]!.handoff!.ticketId!;
      const claimById = await costOf(async () => expect((await agentCall(gateway, agent, 'POST', `/api/agent/tickets/${ticketId}/claim`)).status).toBe(200));
      const scrape = await costOf(async () => expect((await fetch(`${gateway.url}/metrics`)).status).toBe(200));
      return { status, claimNext, claimById, scrape };
    };
    await queueUp(10);
    const short = await measure();
    await queueUp(1000);
    const long = await measure();
    for (const operation of ['status', 'claimNext', 'claimById', 'scrape'] as const) {
      const [few, many] = [short[operation], long[operation]];
      expect(many.commands, `${operation}: ${few.commands} commands with 10 waiting, ${many.commands} with 1,000`).toBeLessThanOrEqual(few.commands + 10);
      expect(many.commands).toBeLessThan(150);
      // Listing 1,000 waiting tickets would send over 10 KB more.
      expect(many.bytes, `${operation}: Redis sent ${few.bytes} bytes with 10 waiting, ${many.bytes} with 1,000`).toBeLessThanOrEqual(few.bytes + 4_000);
    }
  }, 180_000);
});
