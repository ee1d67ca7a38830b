import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Message } from '../../src/core/schemas.js';
import { startTestApp, stopTestApps, type TestApp } from '../helpers/app.js';
import { uniquePrefix } from '../helpers/redis.js';
import { createSession, postMessage } from '../helpers/webchat.js';

const prefix = uniquePrefix('webchat-language');
let gateway: TestApp;

beforeAll(async () => {
  gateway = await startTestApp({ prefix });
});
afterAll(async () => {
  await stopTestApps(prefix, gateway);
});

/** Opens a chat in `locale` (none: the client did not say) and sends the messages one by one; returns the bot's first reply to each. */
async function conversation(locale: string | undefined, ...messages: string[]): Promise<Message[]> {
  const { token } = await createSession(gateway.url, locale === undefined ? {} : { locale });
  const replies: Message[] = [];
  for (const text of messages) {
    const { status, body } = await postMessage(gateway.url, token, { text });
    expect(status).toBe(200);
    replies.push(body.replies[0]!);
  }
  return replies;
}

describe('the language the bot answers in', () => {
  it('answers a Russian question typed in Latin letters in Russian, from the Russian article, in a chat opened in English', async () => {
    const [reply] = await conversation('en', 'skolko idet vyvod na kartu');
    expect(reply).toMatchObject({ from: 'bot', locale: 'ru' });
    expect(reply!.text).toMatch(/[а-яё]{4}/);
    expect(reply!.citations?.[0]).toMatchObject({ id: 'payments-withdrawal-times', locale: 'ru' });
  });

  it('answers an Azerbaijani question written without ə, ş, ç… in Azerbaijani', async () => {
    const [reply] = await conversation('en', 'bonusun merc telebi nedir');
    expect(reply).toMatchObject({ from: 'bot', locale: 'az' });
    expect(reply!.citations?.[0]).toMatchObject({ id: 'bonus-wagering', locale: 'az' });
  });

  it('keeps answering an English question in English even when a word of it is also Azerbaijani', async () => {
    const [reply] = await conversation('en', 'are there games for men');
    expect(reply).toMatchObject({ from: 'bot', locale: 'en' });
  });

  it('keeps a Russian conversation in Russian when the player says "ok" or uses an English casino word', async () => {
    const replies = await conversation('ru', 'Сколько идёт вывод на карту?', 'ok', 'cashout', 'А минимальная сумма вывода какая?');
    expect(replies.map((reply) => reply.locale)).toEqual(['ru', 'ru', 'ru', 'ru']);
    expect(replies[3]!.citations?.[0]).toMatchObject({ id: 'payments-withdrawal-times', locale: 'ru' });
  });

  it('takes the language of a short first message when the chat was opened without a language', async () => {
    const [reply] = await conversation(undefined, 'sifreni unutmusam');
    expect(reply).toMatchObject({ from: 'bot', locale: 'az' });
    expect(reply!.citations?.[0]).toMatchObject({ id: 'account-login-password', locale: 'az' });
  });

  it('keeps the language the chat was opened in on the same short message', async () => {
    const [reply] = await conversation('en', 'sifreni unutmusam');
    expect(reply).toMatchObject({ from: 'bot', locale: 'en' });
  });

  it('switches a Russian conversation to English after two short English messages in a row, not after one', async () => {
    const replies = await conversation('ru', 'deposit limits?', 'withdrawal times?');
    expect(replies.map((reply) => reply.locale)).toEqual(['ru', 'en']);
    expect(replies[0]!.text).toMatch(/[а-яё]{4}/);
    expect(replies[1]!.text).not.toMatch(/[а-яё]/);
  });
});

describe('Turkish, which has the bot\'s own words but no articles (as the README says)', () => {
  it.each(['Skrill ile para çekme kaç gün sürer?', 'Bonus çevrim şartı nedir?'])('meets a Turkish question in Turkish, not sure, with an agent one tap away: %s', async (question) => {
    const [reply] = await conversation('tr', question);
    expect(reply).toMatchObject({ from: 'bot', locale: 'tr' });
    expect(reply!.text).toMatch(/^Bu soruya doğru cevabım olduğundan emin değilim\./);
    expect(reply!.citations ?? []).toEqual([]);
    expect(reply!.actions?.map((action) => action.title)).toContain('Temsilciyle konuş');
  });
});
