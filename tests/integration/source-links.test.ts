import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempKnowledge, withdrawalArticles } from '../helpers/knowledge.js';
import { type MessengerGateway, startMessengerGateway } from '../helpers/messengers.js';
import { uniquePrefix } from '../helpers/redis.js';
import { createSession, postMessage } from '../helpers/webchat.js';
import { postUpdate, textUpdate } from '../fixtures/fake-telegram.js';
import { postWebhook, waTextMessage, waWebhook } from '../fixtures/fake-whatsapp.js';

const prefix = uniquePrefix('source-links');
const PUBLIC_URL = 'https://support.demo.example';
const SECTION_URL = `${PUBLIC_URL}/help/en/withdrawals#what-is-the-minimum-withdrawal`;
const kb = tempKnowledge(withdrawalArticles);
// Triage as shipped, so the questions here are triaged as in production.
cpSync('knowledge/triage', join(kb.dir, 'triage'), { recursive: true });
let messengers: MessengerGateway;

beforeAll(async () => {
  messengers = await startMessengerGateway(prefix, kb.dir, { PUBLIC_URL });
});
afterAll(async () => {
  await messengers.stop();
  kb.cleanup();
});

describe('answers link their source on every channel', () => {
  it('gives the web chat an absolute link to the cited section when PUBLIC_URL is set', async () => {
    const { token } = await createSession(messengers.gateway.url);
    const { body } = await postMessage(messengers.gateway.url, token, { text: 'what is the minimum withdrawal' });
    expect(body.replies[0]!.citations).toEqual([expect.objectContaining({ id: 'withdrawals', title: 'Withdrawal times', url: SECTION_URL })]);
  });

  it('links the article title to its help page in a Telegram answer', async () => {
    const chatId = 810_001;
    await postUpdate(messengers.gateway.url, textUpdate(chatId, 'what is the minimum withdrawal'));
    await expect.poll(() => messengers.telegram.sent(chatId).length, { timeout: 5000 }).toBe(1);
    const [answer] = messengers.telegram.sent(chatId);
    expect(answer!.body.parse_mode).toBe('HTML');
    expect(answer!.body.text).toContain('The minimum withdrawal is €20.');
    expect(answer!.body.text).toContain(`<i>Source: <a href="${SECTION_URL}">Withdrawal times</a></i>`);
  });

  it('adds a "Source: <title> <url>" line to a WhatsApp answer', async () => {
    const phone = '994500810001';
    await postWebhook(messengers.gateway.url, waWebhook({ messages: [waTextMessage(phone, 'what is the minimum withdrawal')] }));
    await expect.poll(() => messengers.graph.messages(phone).length, { timeout: 5000 }).toBe(1);
    const [answer] = messengers.graph.messages(phone);
    const body = (answer!.body.interactive as { body: { text: string } }).body.text;
    expect(body).toContain('The minimum withdrawal is €20.');
    expect(body.split('\n').at(-1)).toBe(`_Source: Withdrawal times_ ${SECTION_URL}`);
  });
});
