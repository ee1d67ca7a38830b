import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { conversationKeys } from '../../src/conversation/keys.js';
import { redactPaths } from '../../src/logger.js';
import { WHATSAPP_ENV } from '../fixtures/fake-whatsapp.js';
import { addAgent, loginAgent } from '../helpers/agent.js';
import { startTestApp, stopTestApps, type TestApp } from '../helpers/app.js';
import { uniquePrefix } from '../helpers/redis.js';
import { createSession, history, openEvents, postMessage } from '../helpers/webchat.js';

const prefixes: string[] = [];
const apps: TestApp[] = [];

/** A gateway under a key prefix of its own (or a shared one, for replicas), closed and cleaned after the file. */
async function gateway(env: Record<string, string> = {}, options: { prefix?: string; logger?: pino.Logger } = {}): Promise<TestApp> {
  const prefix = options.prefix ?? uniquePrefix('redteam-http');
  if (!prefixes.includes(prefix)) prefixes.push(prefix);
  const app = await startTestApp({ prefix, env, logger: options.logger });
  apps.push(app);
  return app;
}

afterAll(async () => {
  for (const app of apps) await app.close();
  // Each gateway's keys, and its schema in the system of record.
  for (const prefix of prefixes) await stopTestApps(prefix);
});

/** A logger like production's (same redaction) whose lines the test can read. */
function capturedLogger(level = 'info') {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  const logger = pino({ level, redact: { paths: redactPaths, censor: '[redacted]' } }, stream);
  return { logger, lines, entries: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>) };
}

async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  await once(server, 'close');
  return port;
}

async function startRedisServer(port: number): Promise<ChildProcess> {
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: ['ignore', 'pipe', 'inherit'] });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Ready to accept connections')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`redis-server exited (${code}): ${output}`)));
  });
  return child;
}

async function stopRedisServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  await exited;
}

const json = (response: Response) => response.json() as Promise<{ error: string; message: string }>;
const retryAfter = (response: Response) => Number(response.headers.get('retry-after'));

describe('web chat rate limits', () => {
  it('refuses the fourth new chat in a minute from one address, on every replica, and stores nothing for it', async () => {
    const prefix = uniquePrefix('redteam-http');
    const replicaA = await gateway({ WEBCHAT_SESSIONS_PER_IP_PER_MINUTE: '3' }, { prefix });
    const replicaB = await gateway({ WEBCHAT_SESSIONS_PER_IP_PER_MINUTE: '3' }, { prefix });
    await createSession(replicaA.url);
    await createSession(replicaB.url);
    await createSession(replicaA.url);

    for (const replica of [replicaB, replicaA]) {
      const refused = await fetch(`${replica.url}/api/webchat/sessions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      expect(refused.status).toBe(429);
      expect(retryAfter(refused)).toBeGreaterThanOrEqual(1);
      expect(retryAfter(refused)).toBeLessThanOrEqual(60);
      expect(await json(refused)).toEqual({ error: 'too_many_requests', message: expect.stringMatching(/new chats from your address; try again in \d+ s/) });
    }
    const records = (await replicaA.redis.keys(`${prefix}conv:webchat:*`)).filter((key) => !key.endsWith(':log'));
    expect(records).toHaveLength(3);
  });

  it('refuses a third message in a minute to one chat, without recording or answering it, while other chats go on', async () => {
    const app = await gateway({ WEBCHAT_MESSAGES_PER_CONVERSATION_PER_MINUTE: '2' });
    const flooded = await createSession(app.url);
    expect((await postMessage(app.url, flooded.token, { text: 'how do I withdraw?' })).status).toBe(200);
    expect((await postMessage(app.url, flooded.token, { text: 'how long does it take?' })).status).toBe(200);

    const refused = await postMessage(app.url, flooded.token, { text: 'spam' });
    expect(refused.status).toBe(429);
    expect(refused.body).toEqual({ error: 'too_many_requests', message: expect.stringMatching(/in this chat; try again in \d+ s/) });
    const transcript = await history(app.url, flooded.token);
    expect(transcript.filter((m) => m.from === 'player').map((m) => m.text)).toEqual(['how do I withdraw?', 'how long does it take?']);
    expect(transcript.some((m) => m.text === 'spam')).toBe(false);

    const other = await createSession(app.url);
    expect((await postMessage(app.url, other.token, { text: 'hello' })).status).toBe(200);
  });

  it('refuses messages from one address spread over many chats', async () => {
    const app = await gateway({ WEBCHAT_MESSAGES_PER_IP_PER_MINUTE: '3' });
    const first = await createSession(app.url);
    const second = await createSession(app.url);
    expect((await postMessage(app.url, first.token, { text: 'one' })).status).toBe(200);
    expect((await postMessage(app.url, first.token, { text: 'two' })).status).toBe(200);
    expect((await postMessage(app.url, second.token, { text: 'three' })).status).toBe(200);

    const refused = await fetch(`${app.url}/api/webchat/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${second.token}` },
      body: JSON.stringify({ text: 'four' }),
    });
    expect(refused.status).toBe(429);
    expect(retryAfter(refused)).toBeGreaterThanOrEqual(1);
    expect((await json(refused)).message).toMatch(/from your address/);
    expect((await history(app.url, second.token)).filter((m) => m.from === 'player')).toHaveLength(1);
  });
});

describe('unclaimed sessions', () => {
  it('expire unless the player writes; the first message keeps the chat and its transcript for the live retention', async () => {
    const app = await gateway({ UNCLAIMED_SESSION_TTL_MINUTES: '5' });
    const keys = conversationKeys(app.config.REDIS_PREFIX);
    const { conversationId, token } = await createSession(app.url);
    for (const key of [keys.record(conversationId), keys.transcript(conversationId)]) {
      const ttl = await app.redis.ttl(key);
      expect(ttl, key).toBeGreaterThan(0);
      expect(ttl, key).toBeLessThanOrEqual(300);
    }

    expect((await postMessage(app.url, token, { text: 'what is the wagering requirement?' })).status).toBe(200);
    for (const key of [keys.record(conversationId), keys.transcript(conversationId)]) {
      const ttl = await app.redis.ttl(key);
      expect(ttl, key).toBeGreaterThan(300);
      expect(ttl, key).toBeLessThanOrEqual(app.config.LIVE_RETENTION_HOURS * 3600);
    }
  });
});

describe('event stream abuse', () => {
  it('refuses a resume cursor that is not a message sequence number with a 400, not a stream that never speaks', async () => {
    const app = await gateway();
    const { token } = await createSession(app.url);
    const events = `${app.url}/api/webchat/events`;
    for (const bad of ['abc', '-1', '1e3', '12.5', '99999999999999999999', '9007199254740993']) {
      const byHeader = await fetch(events, { headers: { authorization: `Bearer ${token}`, 'last-event-id': bad } });
      expect(byHeader.status, bad).toBe(400);
      expect(await json(byHeader)).toMatchObject({ error: 'invalid_input', message: expect.stringContaining('last-event-id') });
      const byQuery = await fetch(`${events}?after=${encodeURIComponent(bad)}`, { headers: { authorization: `Bearer ${token}` } });
      expect(byQuery.status, bad).toBe(400);
      expect((await json(byQuery)).message).toContain('after');
    }
    const pastTheEnd = await fetch(events, { headers: { authorization: `Bearer ${token}`, 'last-event-id': '5000' } });
    expect(pastTheEnd.status).toBe(400);
    expect(await json(pastTheEnd)).toMatchObject({ error: 'invalid_cursor' });
  });

  it('caps the open streams of one conversation, and a closed stream frees its place', async () => {
    const app = await gateway({ SSE_MAX_STREAMS_PER_CONVERSATION: '2' });
    const { token } = await createSession(app.url);
    const open = [await openEvents(app.url, token), await openEvents(app.url, token)];

    const refused = await fetch(`${app.url}/api/webchat/events`, { headers: { authorization: `Bearer ${token}` } });
    expect(refused.status).toBe(429);
    expect(retryAfter(refused)).toBeGreaterThanOrEqual(1);
    expect(await json(refused)).toMatchObject({ error: 'too_many_streams' });

    const other = await createSession(app.url);
    const otherStream = await openEvents(app.url, other.token);
    otherStream.close();

    open[0]!.close();
    const statusOfNewStream = async () => {
      const controller = new AbortController();
      const response = await fetch(`${app.url}/api/webchat/events`, { headers: { authorization: `Bearer ${token}` }, signal: controller.signal });
      controller.abort();
      return response.status;
    };
    await expect.poll(statusOfNewStream, { timeout: 5000 }).toBe(200);
    open[1]!.close();
  });

  it('caps the open event streams of one agent', async () => {
    const app = await gateway({ SSE_MAX_STREAMS_PER_AGENT: '2' });
    await addAgent(app, 'flood@demo.example', 'Flood');
    const token = await loginAgent(app, 'flood@demo.example');
    const headers = { authorization: `Bearer ${token}` };
    const first = await fetch(`${app.url}/api/agent/events`, { headers });
    const second = await fetch(`${app.url}/api/agent/events`, { headers });
    expect([first.status, second.status]).toEqual([200, 200]);

    const refused = await fetch(`${app.url}/api/agent/events`, { headers });
    expect(refused.status).toBe(429);
    expect(await json(refused)).toMatchObject({ error: 'too_many_streams' });
    await first.body?.cancel();
    await second.body?.cancel();
  });
});

describe('Redis outage', () => {
  it('answers 503 unavailable with Retry-After (one warning, no stack trace) and recovers when Redis is back', async () => {
    const port = await freePort();
    let redisServer = await startRedisServer(port);
    const logs = capturedLogger('warn');
    try {
      const app = await gateway({ REDIS_URL: `redis://127.0.0.1:${port}` }, { logger: logs.logger });
      const { token } = await createSession(app.url);

      await stopRedisServer(redisServer);
      await expect.poll(() => app.redis.status).not.toBe('ready');

      const newChat = await fetch(`${app.url}/api/webchat/sessions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      const transcript = await fetch(`${app.url}/api/webchat/messages`, { headers: { authorization: `Bearer ${token}` } });
      const message = await postMessage(app.url, token, { text: 'are you there?' });
      for (const response of [newChat, transcript]) {
        expect(response.status).toBe(503);
        expect(retryAfter(response)).toBeGreaterThanOrEqual(1);
        expect(await json(response)).toEqual({ error: 'unavailable', message: expect.stringMatching(/try again/i) });
      }
      expect(message).toMatchObject({ status: 503, body: { error: 'unavailable' } });
      expect((await fetch(`${app.url}/readyz`)).status).toBe(503);

      const outage = logs.entries().filter((entry) => entry.msg === 'Redis is not answering; asked the client to retry');
      expect(outage).toHaveLength(3);
      expect(outage.every((entry) => entry.level === 40 && typeof entry.err === 'string')).toBe(true);
      const requestErrors = logs.entries().filter((entry) => 'reqId' in entry && (entry.level === 50 || JSON.stringify(entry).includes('"stack"')));
      expect(requestErrors).toEqual([]);

      redisServer = await startRedisServer(port);
      await expect.poll(async () => (await fetch(`${app.url}/readyz`)).status, { timeout: 10_000 }).toBe(200);
      expect((await fetch(`${app.url}/api/webchat/sessions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).status).toBe(201);
      await app.close();
      apps.splice(apps.indexOf(app), 1);
    } finally {
      await stopRedisServer(redisServer);
    }
  });
});

describe('/metrics', () => {
  it('with METRICS_TOKEN, answers only a scraper that sends it as Bearer', async () => {
    const token = 'metrics-token-0123456789abcdef0123456789';
    const app = await gateway({ METRICS_TOKEN: token });
    const anonymous = await fetch(`${app.url}/metrics`);
    expect(anonymous.status).toBe(401);
    expect((await json(anonymous)).error).toBe('unauthorized');
    expect((await fetch(`${app.url}/metrics`, { headers: { authorization: 'Bearer metrics-token-0123456789abcdef0123456788' } })).status).toBe(401);

    const scraped = await fetch(`${app.url}/metrics`, { headers: { authorization: `Bearer ${token}` } });
    expect(scraped.status).toBe(200);
    expect(await scraped.text()).toContain('# TYPE pitboss_turns_total counter');
  });

  it('with METRICS_HOST, is served only by its own listener, not on the public port', async () => {
    const port = await freePort();
    const app = await gateway({ METRICS_HOST: '127.0.0.1', METRICS_PORT: String(port) });
    expect((await fetch(`${app.url}/metrics`)).status).toBe(404);
    const scraped = await fetch(`http://127.0.0.1:${port}/metrics`);
    expect(scraped.status).toBe(200);
    expect(await scraped.text()).toContain('# TYPE pitboss_turns_total counter');
  });

  it('refuses to start in production with /metrics open to anyone', () => {
    const secret = () => randomBytes(32).toString('hex');
    const production = { NODE_ENV: 'production', WEBCHAT_TOKEN_SECRET: secret(), AGENT_TOKEN_SECRET: secret() };
    expect(() => loadConfig(production)).toThrow(/METRICS_TOKEN or METRICS_HOST: required when NODE_ENV=production/);
    expect(loadConfig({ ...production, METRICS_HOST: '127.0.0.1' }).config.METRICS_HOST).toBe('127.0.0.1');
    const token = secret();
    expect(loadConfig({ ...production, METRICS_TOKEN: token }).config.METRICS_TOKEN).toBe(token);
  });
});

describe('security headers', () => {
  it('keep the chat embeddable anywhere, the widget script loadable cross-origin, and the agent console unframeable', async () => {
    const app = await gateway();
    const chat = await fetch(`${app.url}/chat`);
    expect(chat.status).toBe(200);
    expect(chat.headers.get('content-security-policy')).toMatch(/frame-ancestors \*/);
    expect(chat.headers.get('x-frame-options')).toBeNull();
    expect(chat.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    expect(chat.headers.get('x-content-type-options')).toBe('nosniff');
    expect(chat.headers.get('referrer-policy')).toBe('no-referrer');

    const widget = await fetch(`${app.url}/widget.js`);
    expect(widget.status).toBe(200);
    expect(widget.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    expect(widget.headers.get('access-control-allow-origin')).toBe('*');
    expect(widget.headers.get('x-content-type-options')).toBe('nosniff');

    const console = await fetch(`${app.url}/agent`);
    expect(console.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(console.headers.get('content-security-policy')).toMatch(/frame-ancestors 'none'/);
  });

  it('are on API answers and event streams too, with HSTS only when PUBLIC_URL is https', async () => {
    const plain = await gateway();
    const session = await fetch(`${plain.url}/api/webchat/sessions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(session.status).toBe(201);
    expect(session.headers.get('x-content-type-options')).toBe('nosniff');
    expect(session.headers.get('referrer-policy')).toBe('no-referrer');
    expect(session.headers.get('strict-transport-security')).toBeNull();
    const { token } = (await session.json()) as { token: string };
    const stream = await fetch(`${plain.url}/api/webchat/events`, { headers: { authorization: `Bearer ${token}` } });
    expect(stream.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(stream.headers.get('x-content-type-options')).toBe('nosniff');
    await stream.body?.cancel();

    const tls = await gateway({ PUBLIC_URL: 'https://support.demo-casino.example' });
    for (const path of ['/chat', '/healthz']) {
      expect((await fetch(`${tls.url}${path}`)).headers.get('strict-transport-security')).toMatch(/^max-age=\d{7,}/);
    }
  });
});

describe('WhatsApp verification handshake', () => {
  it('never writes the verify token (or a guess at it) to the log', async () => {
    const logs = capturedLogger('info');
    const app = await gateway({ ...WHATSAPP_ENV }, { logger: logs.logger });
    const token = WHATSAPP_ENV.WHATSAPP_VERIFY_TOKEN;
    const ok = await fetch(`${app.url}/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=${token}&hub.challenge=1158201444`);
    expect(await ok.text()).toBe('1158201444');
    const guess = await fetch(`${app.url}/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=guess-0451&hub.challenge=1`);
    expect(guess.status).toBe(403);

    const handshakes = logs.entries().filter((entry) => String((entry.req as { url?: string } | undefined)?.url).startsWith('/webhooks/whatsapp'));
    expect(handshakes).toHaveLength(2);
    expect(handshakes.every((entry) => String((entry.req as { url: string }).url).includes('hub.verify_token=redacted'))).toBe(true);
    expect(logs.lines.join('\n')).not.toContain(token);
    expect(logs.lines.join('\n')).not.toContain('guess-0451');
  });
});
