import { createSigner } from 'fast-jwt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AgentStore } from '../../src/handoff/agents.js';
import { handoffKeys } from '../../src/handoff/keys.js';
import { AGENT_PASSWORD, addAgent } from '../helpers/agent.js';
import { startTestApp, stopTestApps, TEST_SECRET, type TestApp } from '../helpers/app.js';
import { uniquePrefix } from '../helpers/redis.js';
import { createSession } from '../helpers/webchat.js';

const prefix = uniquePrefix('redteam-sessions');
let gateway: TestApp;
let agents: AgentStore;

beforeAll(async () => {
  gateway = await startTestApp({ prefix, env: { TRUST_PROXY: 'true' } });
  agents = new AgentStore(gateway.redis, handoffKeys(prefix));
});
afterAll(() => stopTestApps(prefix, gateway));

interface Response<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  body: T & { error?: string };
}

/** A request as it arrives through the reverse proxy, from the given client address. */
async function call<T = Record<string, unknown>>(method: string, path: string, options: { token?: string; ip?: string; body?: unknown } = {}): Promise<Response<T>> {
  const headers: Record<string, string> = { 'x-forwarded-for': options.ip ?? '198.51.100.1' };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${gateway.url}${path}`, { method, headers, body: options.body === undefined ? undefined : JSON.stringify(options.body) });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : {} };
}

async function login(email: string, password: string, ip?: string) {
  return call<{ token: string; agent: { id: string } }>('POST', '/api/agent/login', { ip, body: { email, password } });
}

async function loginOk(email: string, password = AGENT_PASSWORD): Promise<string> {
  const response = await login(email, password);
  expect(response.status).toBe(200);
  return response.body.token;
}

/** Opens the console's event stream; `ended` resolves when the server closes it. */
async function openEvents(token: string): Promise<{ ended: Promise<void> }> {
  const response = await fetch(`${gateway.url}/api/agent/events`, { headers: { authorization: `Bearer ${token}` } });
  expect(response.status).toBe(200);
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let received = '';
  while (!received.includes('event: ready')) {
    const { value, done } = await reader.read();
    if (done) throw new Error('the stream closed before it was ready');
    received += decoder.decode(value, { stream: true });
  }
  const ended = (async () => {
    for (;;) if ((await reader.read()).done) return;
  })();
  return { ended };
}

function claimsOf(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8')) as Record<string, unknown>;
}

/** A token signed with the gateway's own key, so only the claims decide whether it is accepted. */
function forge(secret: string, claims: Record<string, unknown>): string {
  return createSigner({ key: secret, algorithm: 'HS256' })(claims);
}

const now = () => Math.floor(Date.now() / 1000);

async function agentClaims(email: string, overrides: Record<string, unknown> = {}): Promise<Record<string, unknown>> {
  const agent = (await agents.get(email))!;
  return { sub: agent.id, email: agent.email, name: agent.name, ver: agent.tokenVersion, auth_time: now() - 60, aud: 'pitboss:agent', exp: now() + 600, ...overrides };
}

describe('agent sessions', () => {
  it('a password reset ends every session: the API, renewal and the event stream refuse the old token', async () => {
    await addAgent(gateway, 'reset@demo.example', 'Reset');
    const oldToken = await loginOk('reset@demo.example');
    const events = await openEvents(oldToken);
    expect((await call('GET', '/api/agent/queue', { token: oldToken })).status).toBe(200);

    await agents.add({ email: 'reset@demo.example', name: 'Reset', password: 'a brand new password' }, { replace: true });

    await events.ended;
    const queue = await call('GET', '/api/agent/queue', { token: oldToken });
    expect(queue.status).toBe(401);
    expect(queue.body.error).toBe('session_ended');
    expect((await call('POST', '/api/agent/token', { token: oldToken })).status).toBe(401);
    expect((await call('GET', '/api/agent/events', { token: oldToken })).status).toBe(401);
    expect((await login('reset@demo.example', AGENT_PASSWORD)).status).toBe(401);
    const fresh = await loginOk('reset@demo.example', 'a brand new password');
    expect((await call('GET', '/api/agent/queue', { token: fresh })).status).toBe(200);
  });

  it('removing an agent ends their sessions at once, and re-adding the e-mail does not revive them', async () => {
    await addAgent(gateway, 'leaver@demo.example', 'Leaver');
    const token = await loginOk('leaver@demo.example');
    const events = await openEvents(token);

    await agents.remove('leaver@demo.example');

    await events.ended;
    expect((await call('GET', '/api/agent/queue', { token })).status).toBe(401);
    expect((await call('POST', '/api/agent/token', { token })).status).toBe(401);
    expect((await login('leaver@demo.example', AGENT_PASSWORD)).status).toBe(401);
    await addAgent(gateway, 'leaver@demo.example', 'Leaver again');
    expect((await call('GET', '/api/agent/queue', { token })).status).toBe(401);
  });

  it('renews a token without moving the login time, and refuses renewal after the maximum session length', async () => {
    await addAgent(gateway, 'night@demo.example', 'Night shift');
    const token = await loginOk('night@demo.example');
    const renewed = await call<{ token: string }>('POST', '/api/agent/token', { token });
    expect(renewed.status).toBe(200);
    const first = claimsOf(token);
    const second = claimsOf(renewed.body.token);
    expect(second.auth_time).toBe(first.auth_time);
    expect(second.exp as number).toBeLessThanOrEqual((first.auth_time as number) + 12 * 3600);

    const secret = gateway.config.AGENT_TOKEN_SECRET;
    const nearTheEnd = forge(secret, await agentClaims('night@demo.example', { auth_time: now() - 12 * 3600 + 120 }));
    const lastRenewal = await call<{ token: string }>('POST', '/api/agent/token', { token: nearTheEnd });
    expect(lastRenewal.status).toBe(200);
    expect(claimsOf(lastRenewal.body.token).exp as number).toBeLessThanOrEqual(now() + 120);

    const tooOld = forge(secret, await agentClaims('night@demo.example', { auth_time: now() - 12 * 3600 - 60 }));
    const refused = await call('POST', '/api/agent/token', { token: tooOld });
    expect(refused.status).toBe(401);
    expect(refused.body.error).toBe('session_expired');
    expect((await call('GET', '/api/agent/queue', { token: tooOld })).status).toBe(401);
  });

  it('refuses agent tokens without exp or aud, even when signed with the right key', async () => {
    await addAgent(gateway, 'claims@demo.example', 'Claims');
    const secret = gateway.config.AGENT_TOKEN_SECRET;
    const { exp: _exp, ...withoutExp } = await agentClaims('claims@demo.example');
    const { aud: _aud, ...withoutAud } = await agentClaims('claims@demo.example');
    expect((await call('GET', '/api/agent/queue', { token: forge(secret, await agentClaims('claims@demo.example')) })).status).toBe(200);
    expect((await call('GET', '/api/agent/queue', { token: forge(secret, withoutExp) })).status).toBe(401);
    expect((await call('GET', '/api/agent/queue', { token: forge(secret, withoutAud) })).status).toBe(401);
    expect((await call('POST', '/api/agent/token', { token: forge(secret, withoutExp) })).status).toBe(401);
  });

  it('refuses player tokens without exp or aud, even when signed with the right key', async () => {
    const { conversationId } = await createSession(gateway.url);
    const full = { sub: conversationId, aud: 'pitboss:webchat', exp: now() + 600 };
    const { exp: _exp, ...withoutExp } = full;
    const { aud: _aud, ...withoutAud } = full;
    expect((await call('GET', '/api/webchat/messages', { token: forge(TEST_SECRET, full) })).status).toBe(200);
    expect((await call('GET', '/api/webchat/messages', { token: forge(TEST_SECRET, withoutExp) })).status).toBe(401);
    expect((await call('GET', '/api/webchat/messages', { token: forge(TEST_SECRET, withoutAud) })).status).toBe(401);
  });
});

describe('agent login under attack', () => {
  it('twenty parallel wrong passwords get five answers, then 429 too_many_requests with Retry-After', async () => {
    await addAgent(gateway, 'target@demo.example', 'Target');
    const attacker = '203.0.113.7';
    const attempts = await Promise.all(Array.from({ length: 20 }, (_, i) => login('target@demo.example', `guess-${i}`, attacker)));

    const statuses = attempts.map((attempt) => attempt.status).sort();
    expect(statuses).toEqual([...Array(5).fill(401), ...Array(15).fill(429)]);
    for (const refused of attempts.filter((attempt) => attempt.status === 429)) {
      expect(refused.body.error).toBe('too_many_requests');
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    }
  });

  it('a stranger guessing from another address cannot lock the agent out', async () => {
    await addAgent(gateway, 'busy@demo.example', 'Busy');
    for (let i = 0; i < 8; i++) await login('busy@demo.example', `guess-${i}`, '203.0.113.8');
    expect((await login('busy@demo.example', AGENT_PASSWORD, '203.0.113.8')).status).toBe(429);

    const fromTheOffice = await login('busy@demo.example', AGENT_PASSWORD, '192.0.2.44');
    expect(fromTheOffice.status).toBe(200);
  });

  it('limits one address trying many e-mails', async () => {
    const scanner = '203.0.113.9';
    const statuses: number[] = [];
    for (let i = 0; i < 21; i++) statuses.push((await login(`nobody-${i}@demo.example`, 'guess', scanner)).status);
    expect(statuses.slice(0, 20).every((status) => status === 401)).toBe(true);
    expect(statuses[20]).toBe(429);
    const blocked = await login('busy@demo.example', AGENT_PASSWORD, scanner);
    expect(blocked.status).toBe(429);
    expect(blocked.body.error).toBe('too_many_requests');
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});
