import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conversationKeys } from '../../src/conversation/keys.js';
import type { Message } from '../../src/core/schemas.js';
import type { CaseFile } from '../../src/handoff/case-file.js';
import {
  attachmentEvent,
  deliveryEvent,
  echoEvent,
  type FakeMeta,
  META_ENV,
  type MetaChannel,
  metaWebhook,
  postMetaWebhook,
  quickReplyEvent,
  reactionEvent,
  readEvent,
  signMeta,
  startFakeMeta,
  TEXT_FITS,
  textEvent,
} from '../fixtures/fake-meta.js';
import { IDENTITY_SECRET } from '../fixtures/fake-player-api.js';
import { addAgent, agentCall, loginAgent } from '../helpers/agent.js';
import { startTestApp, stopTestApps, type TestApp } from '../helpers/app.js';
import { uniquePrefix } from '../helpers/redis.js';

const prefix = uniquePrefix('meta');
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
const HOUR_MS = 3600 * 1000;

let gateway: TestApp;
let meta: FakeMeta;
let agent: string;
let player = 7_100_000_000_000_000;

beforeAll(async () => {
  meta = await startFakeMeta();
  gateway = await startTestApp({ prefix, env: { ...META_ENV, META_API_ROOT: meta.url, IDENTITY_SECRET } });
  // Every channel's handoff tests hold tickets at once.
  await addAgent(gateway, 'anna@demo.example', 'Anna', { maxChats: 20 });
  agent = await loginAgent(gateway, 'anna@demo.example');
});
afterAll(async () => {
  await stopTestApps(prefix, gateway);
  await meta?.close();
});

describe.each(['messenger', 'instagram'] as const)('%s', (channel: MetaChannel) => {
  const texts = (to: string) => meta.sent(channel, to).map((m) => m.body.message.text ?? '');
  const waitForSent = async (to: string, count: number) => {
    await expect.poll(() => meta.sent(channel, to).length, { timeout: 8000 }).toBeGreaterThanOrEqual(count);
    return meta.sent(channel, to);
  };
  /** Hands the player to an agent; Anna claims the ticket: its id. */
  const handedToAnna = async (to: string) => {
    await postMetaWebhook(gateway.url, metaWebhook(channel, textEvent(channel, to, 'I want to talk to an agent')));
    await expect.poll(() => texts(to).join('\n'), { timeout: 8000 }).toMatch(/Your ticket is T-/);
    const ticketId = (await gateway.redis.hget(conversationKeys(prefix).record(`${channel}:${to}`), 'ticketId'))!;
    expect((await agentCall(gateway, agent, 'POST', `/api/agent/tickets/${ticketId}/claim`)).status).toBe(200);
    await expect.poll(() => texts(to).join('\n'), { timeout: 8000 }).toMatch(/Anna from our team has joined/);
    return ticketId;
  };
  const playerLastWrote = (to: string, hoursAgo: number) =>
    gateway.redis.hset(conversationKeys(prefix).record(`${channel}:${to}`), 'lastPlayerAt', new Date(Date.now() - hoursAgo * HOUR_MS).toISOString());

  it('answers the subscription handshake only with the right verify token', async () => {
    const ok = await fetch(`${gateway.url}/webhooks/meta?hub.mode=subscribe&hub.verify_token=${META_ENV.META_VERIFY_TOKEN}&hub.challenge=8112`);
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe('8112');
    const bad = await fetch(`${gateway.url}/webhooks/meta?hub.mode=subscribe&hub.verify_token=guess&hub.challenge=8112`);
    expect(bad.status).toBe(403);
  });

  it('refuses a delivery with a wrong or missing signature and answers nothing for it', async () => {
    const to = String(++player);
    const refused = metaWebhook(channel, textEvent(channel, to, 'how do free spins work'));
    expect(await postMetaWebhook(gateway.url, refused, signMeta(JSON.stringify(refused), 'not-the-app-secret'))).toMatchObject({ status: 401, body: { error: 'bad_signature' } });
    expect((await postMetaWebhook(gateway.url, refused, null)).status).toBe(401);
    // A player's messages are answered in order: once a later, signed one is answered, a refused one would have been too.
    expect((await postMetaWebhook(gateway.url, metaWebhook(channel, textEvent(channel, to, 'what is the minimum deposit')))).body).toEqual({ ok: true, stored: 1 });
    await expect.poll(() => meta.sent(channel, to).some((m) => m.body.message.quick_replies), { timeout: 8000 }).toBe(true);
    expect(texts(to).join('\n')).toMatch(/deposit/i);
    expect(texts(to).join('\n')).not.toMatch(/free spin/i);
  });

  it('answers a question with the cited article and quick replies, marks it seen, and takes a tapped quick reply', async () => {
    const to = String(++player);
    await postMetaWebhook(gateway.url, metaWebhook(channel, textEvent(channel, to, 'What documents do I need for verification?')));
    await expect.poll(() => meta.sent(channel, to).some((m) => m.body.message.quick_replies), { timeout: 8000 }).toBe(true);
    const answer = meta.sent(channel, to);
    expect(answer.map((m) => m.body.messaging_type)).toEqual(answer.map(() => 'RESPONSE'));
    const text = texts(to).join('\n');
    expect(text).toMatch(/passport|ID/);
    expect(text).toMatch(/Source: Account verification \(KYC\)/);
    for (const part of texts(to)) expect(TEXT_FITS[channel](part)).toBe(true);
    // The quick replies ride on the last part only, within Meta's 13 and 20 characters.
    const quickReplies = answer.at(-1)!.body.message.quick_replies!;
    expect(answer.slice(0, -1).every((m) => m.body.message.quick_replies === undefined)).toBe(true);
    expect(quickReplies.length).toBeLessThanOrEqual(13);
    for (const reply of quickReplies) expect([...reply.title!].length).toBeLessThanOrEqual(20);
    expect(quickReplies.map((reply) => reply.title)).toContain('Talk to an agent');
    expect(meta.senderActions(channel, to)).toContain('mark_seen');
    await expect.poll(() => meta.senderActions(channel, to)).toContain('typing_on');

    const helpful = quickReplies[0]!;
    const before = answer.length;
    await postMetaWebhook(gateway.url, metaWebhook(channel, quickReplyEvent(channel, to, helpful.title!, helpful.payload!)));
    await waitForSent(to, before + 1);
    expect(texts(to).at(-1)).toMatch(/Glad I could help/);
  });

  it('hands the player to an agent whose reply arrives under their name', async () => {
    const to = String(++player);
    const ticketId = await handedToAnna(to);
    const before = meta.sent(channel, to).length;
    const sent = await agentCall<{ message: Message & { warning?: string } }>(gateway, agent, 'POST', `/api/agent/tickets/${ticketId}/messages`, { text: 'Hello, Anna here.' });
    expect(sent.status).toBe(200);
    expect(sent.body.message.warning).toBeUndefined();
    const [reply] = (await waitForSent(to, before + 1)).slice(before);
    expect(reply!.body).toMatchObject({ messaging_type: 'RESPONSE', message: { text: '*Anna*\nHello, Anna here.' } });
    expect(reply!.body.tag).toBeUndefined();
  });

  it("sends a file the agent attaches as the platform documents it (Messenger: with the message; Instagram: uploaded first)", async () => {
    const to = String(++player);
    const ticketId = await handedToAnna(to);
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(PNG)]), 'how to withdraw.png');
    const response = await fetch(`${gateway.url}/api/agent/tickets/${ticketId}/attachments`, { method: 'POST', headers: { authorization: `Bearer ${agent}` }, body: form });
    expect(response.status).toBe(201);
    await expect.poll(() => meta.sent(channel, to).filter((m) => m.body.message.attachment).length, { timeout: 8000 }).toBe(1);
    const withFile = meta.sent(channel, to).find((m) => m.body.message.attachment)!;
    expect(withFile.body).toMatchObject({ messaging_type: 'RESPONSE', message: { attachment: { type: 'image' } } });
    const uploads = meta.calls.filter((call) => call.path.endsWith('/me/message_attachments') && call.status === 200);
    // Only Instagram goes through the upload API (and only this test sends an Instagram file).
    expect(uploads).toHaveLength(channel === 'messenger' ? 0 : 1);
    const multipart = channel === 'messenger' ? withFile.call : uploads[0]!;
    expect(String(multipart.body.raw)).toContain('name="filedata"; filename="how_to_withdraw.png"');
  });

  it("splits a long agent reply where the platform's limit says (Instagram counts bytes), and the player gets all of it", async () => {
    const to = String(++player);
    const ticketId = await handedToAnna(to);
    const before = meta.sent(channel, to).length;
    // About 2300 characters of Cyrillic: over Messenger's 2000 characters, and over 4000 bytes of UTF-8.
    const long = Array.from({ length: 60 }, (_, i) => `Проверка выплаты ${i + 1}: документы приняты.`).join(' ');
    expect((await agentCall(gateway, agent, 'POST', `/api/agent/tickets/${ticketId}/messages`, { text: long })).status).toBe(200);
    const expectedParts = channel === 'messenger' ? 2 : 5;
    const parts = (await waitForSent(to, before + expectedParts)).slice(before).map((m) => m.body.message.text!);
    expect(parts).toHaveLength(expectedParts);
    for (const part of parts) expect(TEXT_FITS[channel](part)).toBe(true);
    expect(parts.join(' ').replace(/\s+/g, ' ')).toBe(`*Anna* ${long}`);
  });

  it('links the chat to a player with `link <code>`, and never keeps the code', async () => {
    const to = String(++player);
    const issued = await fetch(`${gateway.url}/api/identity/link-codes`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${IDENTITY_SECRET}` },
      body: JSON.stringify({ playerId: 'p-1001' }),
    });
    const { code } = (await issued.json()) as { code: string };
    await postMetaWebhook(gateway.url, metaWebhook(channel, textEvent(channel, to, `link ${code}`)));
    await expect.poll(() => texts(to).join('\n'), { timeout: 8000 }).toMatch(/linked to your Demo Casino account/);
    expect(await gateway.redis.hget(conversationKeys(prefix).record(`${channel}:${to}`), 'playerId')).toBe('p-1001');
    const transcript = await gateway.redis.xrange(`${prefix}conv:${channel}:${to}:log`, '-', '+');
    expect(JSON.stringify(transcript)).not.toContain(code);
  });

  it('answers a redelivered message once', async () => {
    const to = String(++player);
    const body = metaWebhook(channel, textEvent(channel, to, 'how do free spins work'));
    expect((await postMetaWebhook(gateway.url, body)).body).toEqual({ ok: true, stored: 1 });
    expect((await postMetaWebhook(gateway.url, body)).body).toEqual({ ok: true, stored: 0 });
    // Answered in order: when the next message's answer is out, a second answer to the first would be too.
    await postMetaWebhook(gateway.url, metaWebhook(channel, textEvent(channel, to, 'blackjack rules please')));
    await expect.poll(() => texts(to).some((text) => /blackjack/i.test(text)), { timeout: 8000 }).toBe(true);
    // Each answer ends with its quick replies: two answers, the first about free spins.
    const answerEnds = meta.sent(channel, to).flatMap((m, i) => (m.body.message.quick_replies ? [i] : []));
    expect(answerEnds).toHaveLength(2);
    expect(texts(to).slice(0, answerEnds[0]! + 1).join('\n')).toMatch(/free spin/i);
  });

  it('ignores echoes of its own messages, deliveries, reads and reactions', async () => {
    const to = String(++player);
    const noise = metaWebhook(channel, echoEvent(channel, to, 'How can I help?'), deliveryEvent(channel, to), readEvent(channel, to), reactionEvent(channel, to));
    expect(await postMetaWebhook(gateway.url, noise)).toEqual({ status: 200, body: { ok: true, stored: 0 } });
    // The player's next message is the first thing answered in this chat.
    await postMetaWebhook(gateway.url, metaWebhook(channel, textEvent(channel, to, 'roulette payouts')));
    await expect.poll(() => meta.sent(channel, to).some((m) => m.body.message.quick_replies), { timeout: 8000 }).toBe(true);
    expect(texts(to).join('\n')).toMatch(/roulette/i);
    expect(texts(to).join('\n')).not.toMatch(/How can I help\?/);
  });

  it("keeps a picture the player sends, fetched from Meta's address without the page token, in the agent's case file", async () => {
    const to = String(++player);
    const ticketId = await handedToAnna(to);
    meta.files.set(`${channel}-${to}.png`, PNG);
    const url = meta.attachmentUrl(`${channel}-${to}.png`);
    await postMetaWebhook(gateway.url, metaWebhook(channel, attachmentEvent(channel, to, 'image', url)));

    let caseFile: CaseFile | undefined;
    await expect
      .poll(async () => {
        caseFile = (await agentCall<CaseFile>(gateway, agent, 'GET', `/api/agent/tickets/${ticketId}/export`)).body;
        return caseFile.attachments.length;
      }, { timeout: 8000 })
      .toBe(1);
    expect(caseFile!.attachments[0]).toMatchObject({ from: 'player', contentType: 'image/png', sha256: createHash('sha256').update(PNG).digest('hex') });
    expect(caseFile!.transcript.find((m) => m.attachments?.length)?.text).toBe('[image]');
    const file = await fetch(`${gateway.url}/api/agent/attachments/${caseFile!.attachments[0]!.id}`, { headers: { authorization: `Bearer ${agent}` } });
    expect(Buffer.from(await file.arrayBuffer()).equals(PNG)).toBe(true);
    const fetched = meta.calls.find((call) => call.path.startsWith(`/cdn/${channel}-${to}.png`));
    expect(fetched?.headers.authorization).toBeUndefined();
  });

  it("sends an agent's reply after 24 hours with the HUMAN_AGENT tag and warns the agent, but no bot message", async () => {
    const to = String(++player);
    const ticketId = await handedToAnna(to);
    await playerLastWrote(to, 25);
    const before = meta.sent(channel, to).length;
    const sent = await agentCall<{ message: Message & { warning?: string } }>(gateway, agent, 'POST', `/api/agent/tickets/${ticketId}/messages`, { text: 'Sorry for the wait, I checked your withdrawal.' });
    expect(sent.status).toBe(200);
    const name = channel === 'messenger' ? 'Messenger' : 'Instagram';
    expect(sent.body.message.warning).toMatch(new RegExp(`^Sent with ${name}'s HUMAN_AGENT tag: the 24-hour window closed at .+; replies are refused after `));
    const [tagged] = (await waitForSent(to, before + 1)).slice(before);
    expect(tagged!.body).toMatchObject({ messaging_type: 'MESSAGE_TAG', tag: 'HUMAN_AGENT', message: { text: '*Anna*\nSorry for the wait, I checked your withdrawal.' } });

    // Resolving asks for a rating: the bot's question stays in the transcript, outside the window it is not sent.
    await agentCall(gateway, agent, 'POST', `/api/agent/tickets/${ticketId}/resolve`);
    await expect
      .poll(async () => (await agentCall<{ transcript: Message[] }>(gateway, agent, 'GET', `/api/agent/tickets/${ticketId}`)).body.transcript.some((m) => /How would you rate/.test(m.text)))
      .toBe(true);
    // The player answers the rating (in the window again): the thanks is the next thing they get.
    await postMetaWebhook(gateway.url, metaWebhook(channel, textEvent(channel, to, '5')));
    await waitForSent(to, before + 2);
    expect(texts(to).slice(before + 1)).toEqual([expect.stringMatching(/Thank you for your rating/)]);
  });

  it('refuses an agent reply 8 days after the player last wrote, and sends nothing', async () => {
    const to = String(++player);
    const ticketId = await handedToAnna(to);
    await playerLastWrote(to, 8 * 24);
    const before = meta.sent(channel, to).length;
    const refused = await agentCall<{ error: string; message: string }>(gateway, agent, 'POST', `/api/agent/tickets/${ticketId}/messages`, { text: 'Are you still there?' });
    expect(refused.status).toBe(409);
    expect(refused.body.error).toBe('reply_window_closed');
    expect(refused.body.message).toMatch(new RegExp(`^${channel === 'messenger' ? 'Messenger' : 'Instagram'} only delivers replies within 7 days`));
    const transcript = (await agentCall<{ transcript: Message[] }>(gateway, agent, 'GET', `/api/agent/tickets/${ticketId}`)).body.transcript;
    expect(transcript.some((m) => m.text === 'Are you still there?')).toBe(false);
    expect(meta.sent(channel, to)).toHaveLength(before);
  });

  it('retries when the Graph API fails, then delivers', async () => {
    const to = String(++player);
    meta.failNext((call) => call.path.endsWith('/me/messages') && (call.body.recipient as { id?: string } | undefined)?.id === to && call.body.message !== undefined, 2, {
      status: 500,
      body: { error: { message: 'An unexpected error has occurred. Please retry your request later.', type: 'OAuthException', code: 2 } },
    });
    await postMetaWebhook(gateway.url, metaWebhook(channel, textEvent(channel, to, 'roulette payouts')));
    await expect.poll(() => meta.sent(channel, to).length, { timeout: 10_000 }).toBeGreaterThanOrEqual(1);
    const attempts = meta.calls.filter((call) => (call.body.recipient as { id?: string } | undefined)?.id === to && call.body.message !== undefined);
    expect(attempts.slice(0, 3).map((call) => call.status)).toEqual([500, 500, 200]);
    expect(texts(to).join('\n')).toMatch(/roulette/i);
  });
});

describe('Meta channels off', () => {
  it('acknowledges an Instagram delivery when only Messenger is on, and stores nothing', async () => {
    const messengerOnly = uniquePrefix('meta-messenger-only');
    const { INSTAGRAM_PAGE_TOKEN: _off, ...env } = META_ENV;
    const onlyMessenger = await startTestApp({ prefix: messengerOnly, env: { ...env, META_API_ROOT: meta.url } });
    try {
      const to = String(++player);
      expect(await postMetaWebhook(onlyMessenger.url, metaWebhook('instagram', textEvent('instagram', to, 'hello')))).toEqual({ status: 200, body: { ok: true, stored: 0 } });
      expect(await postMetaWebhook(onlyMessenger.url, metaWebhook('messenger', textEvent('messenger', to, 'hello')))).toEqual({ status: 200, body: { ok: true, stored: 1 } });
    } finally {
      await stopTestApps(messengerOnly, onlyMessenger);
    }
  });
});
