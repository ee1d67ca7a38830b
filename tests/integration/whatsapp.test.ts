import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conversationKeys } from '../../src/conversation/keys.js';
import { addAgent, agentCall, loginAgent } from '../helpers/agent.js';
import { startTestApp, stopTestApps, type TestApp } from '../helpers/app.js';
import { uniquePrefix } from '../helpers/redis.js';
import { postWebhook, sign, startFakeGraph, WHATSAPP_ENV, waButtonReply, waTextMessage, waWebhook } from '../fixtures/fake-whatsapp.js';

const prefix = uniquePrefix('whatsapp');
let gateway: TestApp;
let graph: Awaited<ReturnType<typeof startFakeGraph>>;
let phone = 994_500_000_000;

type Interactive = {
  type: 'button' | 'list';
  body: { text: string };
  action: { buttons?: Array<{ reply: { id: string; title: string } }>; sections?: Array<{ rows: Array<{ id: string; title: string }> }> };
};

beforeAll(async () => {
  graph = await startFakeGraph();
  gateway = await startTestApp({ prefix, env: { ...WHATSAPP_ENV, WHATSAPP_API_ROOT: graph.url } });
  await addAgent(gateway, 'anna@demo.example', 'Anna');
});
afterAll(async () => {
  await stopTestApps(prefix, gateway);
  await graph.close();
});

const waitForMessages = async (to: string, count: number, timeout = 5000) => {
  await expect.poll(() => graph.messages(to).length, { timeout }).toBeGreaterThanOrEqual(count);
  return graph.messages(to);
};

describe('WhatsApp webhook', () => {
  it('answers the verification handshake only with the right verify token', async () => {
    const ok = await fetch(`${gateway.url}/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=${WHATSAPP_ENV.WHATSAPP_VERIFY_TOKEN}&hub.challenge=1158201444`);
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe('1158201444');
    const bad = await fetch(`${gateway.url}/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=nope&hub.challenge=1158201444`);
    expect(bad.status).toBe(403);
  });

  it('refuses a body whose signature does not match, and changes nothing', async () => {
    const to = String(++phone);
    const body = waWebhook({ messages: [waTextMessage(to, 'hello')] });
    expect((await postWebhook(gateway.url, body, sign('something else'))).status).toBe(401);
    expect((await postWebhook(gateway.url, body, 'sha256=00')).status).toBe(401);
    // A sender's messages are answered in order: once a later, signed one is answered, a refused one would have been too.
    expect((await postWebhook(gateway.url, waWebhook({ messages: [waTextMessage(to, 'what is the minimum deposit')] }))).status).toBe(200);
    const answers = await waitForMessages(to, 1);
    expect(answers).toHaveLength(1);
    expect(JSON.stringify(answers[0]!.body)).toMatch(/deposit/i);
  });

  it('checks the signature over the raw bytes, emoji and escapes included', async () => {
    const to = String(++phone);
    const raw = `{"object":"whatsapp_business_account","entry":[{"changes":[{"value":{"contacts":[{"wa_id":"${to}","profile":{"name":"Aysel \\ud83c\\udfb0"}}],"messages":[{"from":"${to}","id":"wamid.raw1","type":"text","text":{"body":"Salam 🎰 \\u00e7\\u0131xar\\u0131\\u015f ne\\u00e7\\u0259 g\\u00fcn\\u0259 g\\u0259lir?"}}]}}]}]}`;
    const response = await fetch(`${gateway.url}/webhooks/whatsapp`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-hub-signature-256': sign(raw) }, body: raw });
    expect(response.status).toBe(200);
    const [reply] = await waitForMessages(to, 1);
    expect(JSON.stringify(reply!.body)).toMatch(/çıxarış|Çıxarış/);
  });

  it('answers a text with reply buttons (at most 3, titles within 20 characters) and marks it read', async () => {
    const to = String(++phone);
    const incoming = waTextMessage(to, 'What documents do I need for verification?');
    expect((await postWebhook(gateway.url, waWebhook({ contacts: [{ wa_id: to, profile: { name: 'Tom' } }], messages: [incoming] }))).status).toBe(200);
    const [answer] = await waitForMessages(to, 1);
    const interactive = answer!.body.interactive as Interactive;
    expect(answer!.body.type).toBe('interactive');
    expect(interactive.type).toBe('button');
    expect(interactive.body.text).toMatch(/passport|ID/i);
    expect(interactive.body.text.length).toBeLessThanOrEqual(1024);
    expect(interactive.action.buttons!.length).toBeLessThanOrEqual(3);
    for (const button of interactive.action.buttons!) expect([...button.reply.title].length).toBeLessThanOrEqual(20);
    expect(graph.calls.some((c) => c.body.status === 'read' && c.body.message_id === incoming.id)).toBe(true);

    const helpful = interactive.action.buttons![0]!.reply;
    await postWebhook(gateway.url, waWebhook({ messages: [waButtonReply(to, helpful.id, helpful.title)] }));
    const [, thanks] = await waitForMessages(to, 2);
    expect(JSON.stringify(thanks!.body)).toMatch(/Glad I could help/);
  });

  it('offers the closest topics as reply buttons whose titles fit the 20 characters WhatsApp allows', async () => {
    const to = String(++phone);
    await postWebhook(gateway.url, waWebhook({ messages: [waTextMessage(to, 'are there games for men')] }));
    // Only a message the (strict) Cloud API accepted counts: article titles are longer than a button allows.
    const [answer] = await waitForMessages(to, 1);
    const titles = (answer!.body.interactive as Interactive).action.buttons!.map((button) => button.reply.title);
    expect(titles.length).toBe(3);
    expect(titles.at(-1)).toBe('Talk to an agent');
    expect(titles.some((title) => title.endsWith('…'))).toBe(true);
  });

  it('accepts status callbacks and error reports silently', async () => {
    const response = await postWebhook(gateway.url, waWebhook({ statuses: [{ id: 'wamid.out1', status: 'delivered', recipient_id: '1' }], errors: [{ code: 131047, title: 'Re-engagement message' }] }));
    expect(response).toMatchObject({ status: 200, body: { ok: true, stored: 0 } });
  });

  it('answers a redelivered message only once', async () => {
    const to = String(++phone);
    const body = waWebhook({ messages: [waTextMessage(to, 'how do free spins work')] });
    expect((await postWebhook(gateway.url, body)).body).toEqual({ ok: true, stored: 1 });
    // The redelivery is recognised at the door: nothing is stored for it.
    expect((await postWebhook(gateway.url, body)).body).toEqual({ ok: true, stored: 0 });
    // Answered in order: when the next message's answer is out, a second answer to the first would be too.
    await postWebhook(gateway.url, waWebhook({ messages: [waTextMessage(to, 'blackjack rules please')] }));
    await expect.poll(() => graph.messages(to).some((call) => /blackjack/i.test(JSON.stringify(call.body))), { timeout: 5000 }).toBe(true);
    expect(graph.messages(to).map((call) => JSON.stringify(call.body))).toEqual([expect.stringMatching(/free spin/i), expect.stringMatching(/blackjack/i)]);
  });

  it('retries with backoff when the Graph API fails, then delivers', async () => {
    const to = String(++phone);
    graph.failNext((call) => call.body.to === to, 2, { status: 500, body: { error: { message: 'Service temporarily unavailable', code: 2 } } });
    await postWebhook(gateway.url, waWebhook({ messages: [waTextMessage(to, 'roulette payouts')] }));
    // Two 500s, then the Cloud API takes it: three calls for the one answer, the last one spaced by backoff.
    await expect.poll(() => graph.messages(to).length, { timeout: 8000 }).toBe(1);
    const attempts = graph.calls.filter((call) => call.body.to === to && call.body.status !== 'read');
    expect(attempts.map((call) => call.status)).toEqual([500, 500, 200]);
    expect(attempts[2]!.at - attempts[1]!.at).toBeGreaterThanOrEqual(900);
    expect(JSON.stringify(attempts[2]!.body)).toMatch(/roulette/i);
  });

  it('runs the handoff over WhatsApp, offers the rating as a list, and refuses agent replies after the 24-hour window', async () => {
    const to = String(++phone);
    await postWebhook(gateway.url, waWebhook({ messages: [waTextMessage(to, 'operator please')] }));
    const [queued] = await waitForMessages(to, 1);
    expect(JSON.stringify(queued!.body)).toMatch(/Your ticket is T-/);
    const agent = await loginAgent(gateway, 'anna@demo.example');
    const claimed = await agentCall<{ ticket: { id: string; channel: string } }>(gateway, agent, 'POST', '/api/agent/claim');
    expect(claimed.body.ticket.channel).toBe('whatsapp');
    const ticketId = claimed.body.ticket.id;
    await agentCall(gateway, agent, 'POST', `/api/agent/tickets/${ticketId}/messages`, { text: 'Hello, Anna here.' });
    const sent = await waitForMessages(to, 3);
    expect(sent[2]!.body).toMatchObject({ type: 'text', text: { body: '*Anna*\nHello, Anna here.' } });

    await agentCall(gateway, agent, 'POST', `/api/agent/tickets/${ticketId}/resolve`);
    const [, , , rating] = await waitForMessages(to, 4);
    const list = rating!.body.interactive as Interactive;
    expect(list.type).toBe('list');
    expect(list.action.sections![0]!.rows.map((r) => r.title)).toEqual(['1', '2', '3', '4', '5']);

    await postWebhook(gateway.url, waWebhook({ messages: [waTextMessage(to, 'I want to talk to an agent again')] }));
    await expect.poll(async () => (await agentCall<{ tickets: unknown[] }>(gateway, agent, 'GET', '/api/agent/queue')).body.tickets.length).toBeGreaterThan(0);
    const second = await agentCall<{ ticket: { id: string } }>(gateway, agent, 'POST', '/api/agent/claim');
    // A day passes: the player last wrote 25 hours ago.
    await gateway.redis.hset(conversationKeys(prefix).record(`whatsapp:${to}`), 'lastPlayerAt', new Date(Date.now() - 25 * 3600 * 1000).toISOString());
    const before = graph.messages(to).length;
    const refused = await agentCall<{ error: string; message: string }>(gateway, agent, 'POST', `/api/agent/tickets/${second.body.ticket.id}/messages`, { text: 'Are you still there?' });
    expect(refused.status).toBe(409);
    expect(refused.body.error).toBe('reply_window_closed');
    expect(refused.body.message).toMatch(/24 hours/);
    expect(graph.messages(to)).toHaveLength(before);
  });
});
