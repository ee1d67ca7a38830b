import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addAgent, agentCall, loginAgent } from '../helpers/agent.js';
import { startTestApp, stopTestApps, type TestApp } from '../helpers/app.js';
import { uniquePrefix } from '../helpers/redis.js';
import { callbackUpdate, postUpdate, startFakeTelegram, TELEGRAM_SECRET, TELEGRAM_TOKEN, TELEGRAM_TOKEN as TELEGRAM_BOT_TOKEN, textUpdate } from '../fixtures/fake-telegram.js';

const prefix = uniquePrefix('telegram');
let gateway: TestApp;
let telegram: Awaited<ReturnType<typeof startFakeTelegram>>;
let chat = 700_000;

type Keyboard = { inline_keyboard: Array<Array<{ text: string; callback_data: string }>> };

beforeAll(async () => {
  telegram = await startFakeTelegram();
  gateway = await startTestApp({ prefix, env: { TELEGRAM_BOT_TOKEN: TELEGRAM_TOKEN, TELEGRAM_WEBHOOK_SECRET: TELEGRAM_SECRET, TELEGRAM_API_ROOT: telegram.url } });
  await addAgent(gateway, 'anna@demo.example', 'Anna');
});
afterAll(async () => {
  await stopTestApps(prefix, gateway);
  await telegram.close();
});

const waitForSent = async (chatId: number, count: number, timeout = 5000) => {
  await expect.poll(() => telegram.sent(chatId).length, { timeout }).toBeGreaterThanOrEqual(count);
  return telegram.sent(chatId);
};

describe('Telegram webhook', () => {
  it('refuses a request without the right secret token', async () => {
    const update = textUpdate(++chat, 'hello');
    expect((await postUpdate(gateway.url, update, 'wrong-secret-wrong-secret')).status).toBe(401);
    const response = await fetch(`${gateway.url}/webhooks/telegram`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(update) });
    expect(response.status).toBe(401);
    // A chat's updates are answered in order: once a later, signed update is answered, a refused one would have been too.
    expect((await postUpdate(gateway.url, textUpdate(chat, 'what is the minimum deposit'))).status).toBe(200);
    const sent = await waitForSent(chat, 1);
    expect(sent.map((call) => String(call.body.text))).toEqual([expect.stringMatching(/deposit/i)]);
  });

  it('acknowledges at once, then answers with the cited article and buttons as an inline keyboard', async () => {
    const id = ++chat;
    const ack = await postUpdate(gateway.url, textUpdate(id, 'How long does a withdrawal to my Visa card take?'));
    expect(ack.status).toBe(200);
    const [answer] = await waitForSent(id, 1);
    expect(answer!.body.parse_mode).toBe('HTML');
    expect(answer!.body.text).toMatch(/1–5 business days/);
    expect(answer!.body.text).toMatch(/<i>Source: Withdrawal/);
    const keyboard = answer!.body.reply_markup as Keyboard;
    expect(keyboard.inline_keyboard.map((row) => row[0]!.text)).toEqual(['Helpful', 'Talk to an agent']);
    for (const row of keyboard.inline_keyboard) expect(Buffer.byteLength(row[0]!.callback_data)).toBeLessThanOrEqual(64);
    expect(telegram.calls.some((c) => c.path.endsWith('/sendChatAction') && Number(c.body.chat_id) === id)).toBe(true);

    await postUpdate(gateway.url, callbackUpdate(id, keyboard.inline_keyboard[0]![0]!.callback_data));
    const [, thanks] = await waitForSent(id, 2);
    expect(thanks!.body.text).toMatch(/Glad I could help/);
    expect(telegram.calls.some((c) => c.path.endsWith('/answerCallbackQuery'))).toBe(true);
  });

  it('answers a redelivered update only once', async () => {
    const id = ++chat;
    const update = textUpdate(id, 'what is the minimum deposit');
    expect((await postUpdate(gateway.url, update)).status).toBe(200);
    expect((await postUpdate(gateway.url, update)).body).toMatchObject({ ok: true, duplicate: true });
    // Answered in order: when the next update's answer is out, a second answer to the first would be too.
    await postUpdate(gateway.url, textUpdate(id, 'blackjack rules please'));
    await expect.poll(() => telegram.sent(id).some((call) => /blackjack/i.test(String(call.body.text))), { timeout: 5000 }).toBe(true);
    expect(telegram.sent(id).map((call) => String(call.body.text))).toEqual([expect.stringMatching(/deposit/i), expect.stringMatching(/blackjack/i)]);
  });

  it('answers messages of one chat in the order they were sent', async () => {
    const id = ++chat;
    const questions = ['blackjack rules please', 'how does roulette pay', 'what are free spins'];
    for (const question of questions) await postUpdate(gateway.url, textUpdate(id, question));
    const sent = await waitForSent(id, 3);
    expect(sent.slice(0, 3).map((c) => String(c.body.text))).toEqual([
      expect.stringMatching(/blackjack/i),
      expect.stringMatching(/roulette/i),
      expect.stringMatching(/free spin/i),
    ]);
  });

  it('escapes HTML and asks politely for text when a photo arrives', async () => {
    const id = ++chat;
    await postUpdate(gateway.url, textUpdate(id, '<b>hi</b> & what is <wagering>?'));
    const [answer] = await waitForSent(id, 1);
    expect(answer!.body.text).not.toMatch(/<b>hi/);
    const photo = textUpdate(id, '', { photo: [{ file_id: 'x', width: 1, height: 1 }] });
    delete (photo.message as { text?: string }).text;
    await postUpdate(gateway.url, photo);
    const [, reply] = await waitForSent(id, 2);
    expect(reply!.body.text).toMatch(/I can only read text/);
  });

  it('acknowledges update types it has no use for, without answering', async () => {
    const response = await postUpdate(gateway.url, { update_id: 99_999_001, edited_message: { message_id: 1, chat: { id: 1, type: 'private' }, text: 'x' } });
    expect(response).toMatchObject({ status: 200, body: { ok: true, ignored: true } });
    expect((await postUpdate(gateway.url, { nothing: true })).status).toBe(400);
  });

  it('waits as long as Telegram asks on a 429, then delivers', async () => {
    const id = ++chat;
    telegram.failNext((call) => call.path.endsWith('/sendMessage') && Number(call.body.chat_id) === id, 1, { status: 429, body: { ok: false, error_code: 429, description: 'Too Many Requests: retry after 1', parameters: { retry_after: 1 } } });
    await postUpdate(gateway.url, textUpdate(id, 'how do I reset my password'));
    const attempts = await expect
      .poll(() => telegram.calls.filter((c) => c.path.endsWith('/sendMessage') && Number(c.body.chat_id) === id), { timeout: 8000 })
      .toHaveLength(2)
      .then(() => telegram.calls.filter((c) => c.path.endsWith('/sendMessage') && Number(c.body.chat_id) === id));
    expect(attempts[1]!.at - attempts[0]!.at).toBeGreaterThanOrEqual(950);
    expect(attempts[1]!.body.text).toMatch(/password/i);
  });

  it('runs the whole handoff over Telegram: queue, agent messages, resolve and rating', async () => {
    const id = ++chat;
    await postUpdate(gateway.url, textUpdate(id, 'I want to talk to an operator'));
    const [queued] = await waitForSent(id, 1);
    expect(queued!.body.text).toMatch(/Your ticket is T-/);
    const agent = await loginAgent(gateway, 'anna@demo.example');
    const claimed = await agentCall<{ ticket: { id: string; channel: string } }>(gateway, agent, 'POST', '/api/agent/claim');
    expect(claimed.body.ticket.channel).toBe('telegram');
    const ticketId = claimed.body.ticket.id;
    await agentCall(gateway, agent, 'POST', `/api/agent/tickets/${ticketId}/messages`, { text: 'Hi, Anna here. <How> can I help?' });
    const sent = await waitForSent(id, 3);
    expect(sent[1]!.body.text).toMatch(/Anna from our team has joined/);
    expect(sent[2]!.body.text).toBe('<b>Anna</b>\nHi, Anna here. &lt;How&gt; can I help?');

    await postUpdate(gateway.url, textUpdate(id, 'my withdrawal is missing'));
    await expect.poll(async () => (await agentCall<{ transcript: Array<{ text: string }> }>(gateway, agent, 'GET', `/api/agent/tickets/${ticketId}`)).body.transcript.at(-1)?.text).toBe('my withdrawal is missing');

    await agentCall(gateway, agent, 'POST', `/api/agent/tickets/${ticketId}/resolve`);
    const afterResolve = await waitForSent(id, 4);
    const rating = afterResolve[3]!;
    expect(rating.body.text).toMatch(/from 1 \(poor\) to 5/);
    const buttons = (rating.body.reply_markup as Keyboard).inline_keyboard.map((row) => row[0]!);
    expect(buttons.map((b) => b.text)).toEqual(['1', '2', '3', '4', '5']);
    await postUpdate(gateway.url, callbackUpdate(id, buttons[4]!.callback_data));
    const final = await waitForSent(id, 5);
    expect(final[4]!.body.text).toMatch(/Thank you for your rating/);
  });
});

describe('npm run telegram:webhook', () => {
  it('registers the webhook with the public URL, the secret and the update types the bot handles', async () => {
    // Asynchronous on purpose: the fake Telegram runs in this process and must keep answering.
    const run = spawn(process.execPath, ['--import', 'tsx', 'src/cli/telegram-webhook.ts'], {
      env: { PATH: process.env.PATH ?? '', TELEGRAM_BOT_TOKEN, TELEGRAM_WEBHOOK_SECRET: TELEGRAM_SECRET, TELEGRAM_API_ROOT: telegram.url, PUBLIC_URL: 'https://support.demo-casino.example' },
      stdio: 'ignore',
    });
    const [code] = await once(run, 'exit');
    expect(code).toBe(0);
    const call = telegram.calls.find((c) => c.path.endsWith('/setWebhook'));
    expect(call?.body).toMatchObject({
      url: 'https://support.demo-casino.example/webhooks/telegram',
      secret_token: TELEGRAM_SECRET,
      allowed_updates: ['message', 'callback_query'],
    });
  });
});
