import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakePlayerApi, IDENTITY_SECRET, playerProfile, startFakePlayerApi, verifiedPlayersEnv } from '../fixtures/fake-player-api.js';
import { postUpdate, textUpdate } from '../fixtures/fake-telegram.js';
import { postWebhook, waTextMessage, waWebhook } from '../fixtures/fake-whatsapp.js';
import { type MessengerGateway, startMessengerGateway } from '../helpers/messengers.js';
import { uniquePrefix } from '../helpers/redis.js';

const prefix = uniquePrefix('linking');

const aysel = playerProfile('p-1001', {
  name: 'Aysel',
  currency: 'AZN',
  withdrawals: [{ id: 'w-17', amount: 200, currency: 'AZN', method: 'M10', status: 'processing', requestedAt: '2026-11-29T08:00:00Z' }],
});

let api: FakePlayerApi;
let messengers: MessengerGateway;
let chat = 910_000;

beforeAll(async () => {
  api = await startFakePlayerApi([aysel]);
  messengers = await startMessengerGateway(prefix, 'knowledge', verifiedPlayersEnv(api));
});

afterAll(async () => {
  await messengers?.stop();
  await api?.close();
});

async function linkCode(playerId: string, secret = IDENTITY_SECRET): Promise<{ status: number; body: { code?: string; expiresAt?: string; error?: string } }> {
  const response = await fetch(`${messengers.gateway.url}/api/identity/link-codes`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${secret}` },
    body: JSON.stringify({ playerId }),
  });
  return { status: response.status, body: (await response.json()) as { code?: string; expiresAt?: string } };
}

describe('messenger linking', () => {
  it('issues one-time codes only to the operator, with the identity secret', async () => {
    expect((await linkCode('p-1001', 'wrong-secret-wrong-secret-wrong-secret')).status).toBe(401);
    expect((await linkCode('')).status).toBe(400);
    const { status, body } = await linkCode('p-1001');
    expect(status).toBe(201);
    expect(body.code).toMatch(/^[A-Za-z0-9_-]{8,16}$/);
    expect(Date.parse(body.expiresAt!) - Date.now()).toBeGreaterThan(9 * 60_000);
  });

  it("links a Telegram chat with /start <code>, then answers with that player's own data", async () => {
    const { telegram, gateway } = messengers;
    const id = ++chat;
    const { body } = await linkCode('p-1001');
    await postUpdate(gateway.url, textUpdate(id, `/start ${body.code}`));
    await expect.poll(() => telegram.sent(id).length).toBeGreaterThanOrEqual(1);
    expect(String(telegram.sent(id)[0]!.body.text)).toMatch(/linked to your Demo Casino account/);

    await postUpdate(gateway.url, textUpdate(id, 'where is my withdrawal?'));
    await expect.poll(() => telegram.sent(id).length).toBeGreaterThanOrEqual(2);
    const answer = String(telegram.sent(id)[1]!.body.text);
    expect(answer).toContain('M10');
    expect(answer).toMatch(/200/);
    expect(answer).toMatch(/being processed/);
    // The code was a credential: the transcript never keeps it.
    const transcript = await gateway.redis.xrange(`${prefix}conv:telegram:${id}:log`, '-', '+');
    expect(JSON.stringify(transcript)).not.toContain(body.code!);
  });

  it('refuses a used code, and a chat that sent it stays unverified', async () => {
    const { telegram, gateway } = messengers;
    const { body } = await linkCode('p-1001');
    const first = ++chat;
    await postUpdate(gateway.url, textUpdate(first, `/start ${body.code}`));
    await expect.poll(() => telegram.sent(first).length).toBeGreaterThanOrEqual(1);
    const second = ++chat;
    await postUpdate(gateway.url, textUpdate(second, `/start ${body.code}`));
    await expect.poll(() => telegram.sent(second).length).toBeGreaterThanOrEqual(1);
    expect(String(telegram.sent(second)[0]!.body.text)).toMatch(/not valid any more/);
    await postUpdate(gateway.url, textUpdate(second, 'where is my withdrawal?'));
    await expect.poll(() => telegram.sent(second).length).toBeGreaterThanOrEqual(2);
    expect(telegram.sent(second).map((c) => String(c.body.text)).join('\n')).not.toContain('M10');
  });

  it('links a WhatsApp chat with "link <code>" to the same player', async () => {
    const { graph, gateway } = messengers;
    const from = `99450${++chat}`;
    const { body } = await linkCode('p-1001');
    await postWebhook(gateway.url, waWebhook({ messages: [waTextMessage(from, `link ${body.code}`)] }));
    await expect.poll(() => graph.messages(from).length).toBeGreaterThanOrEqual(1);
    await postWebhook(gateway.url, waWebhook({ messages: [waTextMessage(from, 'where is my withdrawal?')] }));
    await expect.poll(() => graph.messages(from).length).toBeGreaterThanOrEqual(2);
    expect(JSON.stringify(graph.messages(from)[1]!.body)).toContain('M10');
    const linked = await gateway.redis.smembers(`${prefix}player:p-1001:conversations`);
    expect(linked).toContain(`whatsapp:${from}`);
    expect(linked.some((key) => key.startsWith('telegram:'))).toBe(true);
  });
});
