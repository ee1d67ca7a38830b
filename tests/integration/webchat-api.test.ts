import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TokenService } from '../../src/auth/tokens.js';
import { startTestApp, stopTestApps, type TestApp } from '../helpers/app.js';
import { uniquePrefix } from '../helpers/redis.js';
import { createSession, history, postMessage } from '../helpers/webchat.js';

const prefix = uniquePrefix('webchat');
let gateway: TestApp;

beforeAll(async () => {
  gateway = await startTestApp({ prefix });
});
afterAll(async () => {
  await stopTestApps(prefix, gateway);
});

async function rawPost(path: string, token: string | undefined, body: string | Blob, contentType = 'application/json') {
  const headers: Record<string, string> = { 'content-type': contentType };
  if (token) headers.authorization = `Bearer ${token}`;
  const response = await fetch(`${gateway.url}${path}`, { method: 'POST', headers, body });
  return { status: response.status, body: (await response.json()) as { error: string; message: string } };
}

describe('web chat sessions', () => {
  it('opens a conversation, returns its token and greets the player in their language', async () => {
    const session = await createSession(gateway.url, { locale: 'ru', name: 'Ivan' });
    expect(session.conversationId).toMatch(/^webchat:/);
    const messages = await history(gateway.url, session.token);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ seq: 1, from: 'bot', locale: 'ru' });
    expect(messages[0]!.text).toContain('Ivan');
    expect(messages[0]!.text).toContain('Здравствуйте');
  });

  it('rejects a locale that is not a string and an over-long name with a 400 that names the field', async () => {
    const bad = await rawPost('/api/webchat/sessions', undefined, JSON.stringify({ locale: 42, name: 'n'.repeat(200) }));
    expect(bad.status).toBe(400);
    expect(bad.body.error).toBe('invalid_input');
    expect(bad.body.message).toMatch(/locale/);
    expect(bad.body.message).toMatch(/name/);
  });
});

describe('web chat messages', () => {
  it('answers a message and records both in the transcript', async () => {
    const { token } = await createSession(gateway.url);
    const { status, body } = await postMessage(gateway.url, token, { text: 'Hello, what can you do?' });
    expect(status).toBe(200);
    expect(body.replies).toHaveLength(1);
    expect(body.replies[0]).toMatchObject({ from: 'bot', locale: 'en' });
    expect(body.replies[0]!.text).toMatch(/rules, bonuses, payments and accounts/);
    const messages = await history(gateway.url, token);
    expect(messages.map((m) => m.from)).toEqual(['bot', 'player', 'bot']);
    expect(messages[1]).toMatchObject({ id: body.messageId, text: 'Hello, what can you do?' });
  });

  it('answers in the language the player writes in', async () => {
    const { token } = await createSession(gateway.url, { locale: 'en' });
    const { body } = await postMessage(gateway.url, token, { text: 'Здравствуйте!' });
    expect(body.replies[0]).toMatchObject({ locale: 'ru' });
    expect(body.replies[0]!.text).toMatch(/правилами игр/);
  });

  it('returns the first result for a repeated clientMessageId and replies only once', async () => {
    const { token } = await createSession(gateway.url);
    const first = await postMessage(gateway.url, token, { text: 'hi there', clientMessageId: 'client-1' });
    const again = await postMessage(gateway.url, token, { text: 'hi there', clientMessageId: 'client-1' });
    expect(again.body).toEqual(first.body);
    expect((await history(gateway.url, token)).filter((m) => m.from === 'player')).toHaveLength(1);
  });

  it('replies only once when the same message arrives twice at the same moment', async () => {
    const { token } = await createSession(gateway.url);
    const [a, b] = await Promise.all([
      postMessage(gateway.url, token, { text: 'double tap', clientMessageId: 'tap-1' }),
      postMessage(gateway.url, token, { text: 'double tap', clientMessageId: 'tap-1' }),
    ]);
    expect(a.body).toEqual(b.body);
    const messages = await history(gateway.url, token);
    expect(messages.filter((m) => m.from === 'player')).toHaveLength(1);
    expect(messages.filter((m) => m.from === 'bot')).toHaveLength(2);
  });

  it('keeps HTML in a message as plain text, exactly as typed', async () => {
    const { token } = await createSession(gateway.url);
    const text = '<script>alert("x")</script> & <b>bold</b>';
    await postMessage(gateway.url, token, { text });
    expect((await history(gateway.url, token))[1]!.text).toBe(text);
  });

  it('lists only the messages after the cursor', async () => {
    const { token } = await createSession(gateway.url);
    await postMessage(gateway.url, token, { text: 'one' });
    await postMessage(gateway.url, token, { text: 'two' });
    const after = await history(gateway.url, token, 3);
    expect(after.map((m) => [m.seq, m.from, m.text.slice(0, 3)])).toEqual([
      [4, 'player', 'two'],
      [5, 'bot', after[1]!.text.slice(0, 3)],
    ]);
  });
});

describe('bad input changes nothing', () => {
  const badRequests: Array<[string, () => Promise<{ status: number; body: { error: string; message: string } }>, number, RegExp]> = [
    ['blank text', () => rawPost('/api/webchat/messages', token, JSON.stringify({ text: '   \n\t ' })), 400, /empty/],
    ['missing text', () => rawPost('/api/webchat/messages', token, JSON.stringify({})), 400, /text/],
    ['5,000-character text', () => rawPost('/api/webchat/messages', token, JSON.stringify({ text: 'a'.repeat(5000) })), 400, /4000/],
    ['10,000-character text', () => rawPost('/api/webchat/messages', token, JSON.stringify({ text: 'б'.repeat(10_000) })), 400, /4000/],
    ['broken JSON', () => rawPost('/api/webchat/messages', token, '{"text": "hi"'), 400, /JSON/],
    ['invalid UTF-8', () => rawPost('/api/webchat/messages', token, new Blob([new Uint8Array([0x7b, 0x22, 0x74, 0x65, 0x78, 0x74, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d])])), 400, /UTF-8/],
    ['a body over the size limit', () => rawPost('/api/webchat/messages', token, JSON.stringify({ text: 'x'.repeat(200_000) })), 413, /too large/],
    ['a form-encoded body', () => rawPost('/api/webchat/messages', token, 'text=hi', 'application/x-www-form-urlencoded'), 415, /application\/json/],
    ['a bad clientMessageId', () => rawPost('/api/webchat/messages', token, JSON.stringify({ text: 'hi', clientMessageId: 'has spaces' })), 400, /clientMessageId/],
    ['no token', () => rawPost('/api/webchat/messages', undefined, JSON.stringify({ text: 'hi' })), 401, /bearer token/i],
    ['a garbage token', () => rawPost('/api/webchat/messages', 'not-a-token', JSON.stringify({ text: 'hi' })), 401, /sessions/],
    [
      'a token signed with another secret',
      () => rawPost('/api/webchat/messages', foreignToken(), JSON.stringify({ text: 'hi' })),
      401,
      /Invalid or expired/,
    ],
  ];
  let token: string;
  let conversationId: string;

  function foreignToken(): string {
    return new TokenService({ secret: 'another-secret-another-secret-0000', ttlSeconds: 60, audience: 'pitboss:webchat', hint: '' }).sign(conversationId);
  }

  beforeAll(async () => {
    ({ token, conversationId } = await createSession(gateway.url));
    await postMessage(gateway.url, token, { text: 'first message' });
  });

  it.each(badRequests)('answers %s with a clean 4xx and leaves the transcript untouched', async (_name, send, status, message) => {
    const before = await history(gateway.url, token);
    const response = await send();
    expect(response.status).toBe(status);
    expect(typeof response.body.error).toBe('string');
    expect(response.body.message).toMatch(message);
    expect(await history(gateway.url, token)).toEqual(before);
  });

  it('refuses to read the transcript without a valid token', async () => {
    const response = await fetch(`${gateway.url}/api/webchat/messages?after=0`, { headers: { authorization: 'Bearer nope' } });
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: 'unauthorized' });
  });

  it('rejects a negative cursor', async () => {
    const response = await fetch(`${gateway.url}/api/webchat/messages?after=-5`, { headers: { authorization: `Bearer ${token}` } });
    expect(response.status).toBe(400);
  });

  it('answers an unknown route with a JSON 404', async () => {
    const response = await fetch(`${gateway.url}/api/nope`);
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ error: 'not_found' });
  });
});

describe('every player route', () => {
  /** The routes in the player API's plugin scope, so behind its token check; a new one belongs here too. */
  const playerRoutes = [
    // Broken JSON: the token is checked before the body is read.
    ['POST', '/api/webchat/messages', '{"text": '],
    ['GET', '/api/webchat/messages?after=0', undefined],
    ['GET', '/api/webchat/events', undefined],
    ['POST', '/api/webchat/attachments', '{"file": '],
    ['GET', '/api/webchat/attachments/AAAAAAAAAAAAAAAA', undefined],
  ] as const;
  let conversationId: string;
  const credentials: Array<[string, () => string | undefined, RegExp]> = [
    ['no token', () => undefined, /^Missing bearer token\. Create a session with POST \/api\/webchat\/sessions\.$/],
    ['a garbage token', () => 'not-a-token', /^Invalid or expired token\./],
    [
      'a token signed with another secret',
      () => new TokenService({ secret: 'another-secret-another-secret-0000', ttlSeconds: 60, audience: 'pitboss:webchat', hint: '' }).sign(conversationId),
      /^Invalid or expired token\./,
    ],
  ];
  const cases = playerRoutes.flatMap(([method, path, body]) => credentials.map(([name, token, message]) => [method, path, name, body, token, message] as const));

  beforeAll(async () => {
    ({ conversationId } = await createSession(gateway.url));
  });

  it('are the routes the API documents as needing the player token', async () => {
    type Operations = Record<string, Record<string, { security?: unknown }>>;
    const { paths } = (await (await fetch(`${gateway.url}/docs/json`)).json()) as { paths: Operations };
    const documented = Object.entries(paths).flatMap(([path, operations]) =>
      Object.entries(operations)
        .filter(([, operation]) => JSON.stringify(operation.security) === JSON.stringify([{ player: [] }]))
        .map(([method]) => `${method.toUpperCase()} ${path}`),
    );
    const asDocumented = (path: string) => path.split('?')[0]!.replace(/\/attachments\/[\w-]{16}$/, '/attachments/{id}');
    expect(documented.sort()).toEqual(playerRoutes.map(([method, path]) => `${method} ${asDocumented(path)}`).sort());
  });

  it.each(cases)('%s %s refuses %s with 401 and the same JSON error', async (method, path, _name, body, token, message) => {
    const headers: Record<string, string> = body === undefined ? {} : { 'content-type': 'application/json' };
    const bearer = token();
    if (bearer) headers.authorization = `Bearer ${bearer}`;
    const response = await fetch(`${gateway.url}${path}`, { method, headers, body });
    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await response.json()).toEqual({ error: 'unauthorized', message: expect.stringMatching(message) });
  });
});

describe('health', () => {
  it('is live and ready when Redis answers', async () => {
    expect((await fetch(`${gateway.url}/healthz`)).status).toBe(200);
    const ready = await fetch(`${gateway.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ready', checks: { redis: 'ok' } });
  });
});

describe('widget assets', () => {
  it('serves the chat page, its script and the embeddable widget', async () => {
    const page = await fetch(`${gateway.url}/chat`);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    expect(page.headers.get('content-security-policy')).toMatch(/script-src 'self'/);
    expect(await page.text()).toContain('<script src="/chat.js"');
    const script = await fetch(`${gateway.url}/chat.js`);
    expect(script.headers.get('content-type')).toMatch(/javascript/);
    expect(await script.text()).toContain('/api/webchat/messages');
    const widget = await fetch(`${gateway.url}/widget.js`);
    expect(await widget.text()).toContain('/chat');
  });
});
