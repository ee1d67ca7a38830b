import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempKnowledge } from '../helpers/knowledge.js';
import { type MessengerGateway, startMessengerGateway } from '../helpers/messengers.js';
import { uniquePrefix } from '../helpers/redis.js';
import { postUpdate, textUpdate } from '../fixtures/fake-telegram.js';
import { postWebhook, waTextMessage, waWebhook } from '../fixtures/fake-whatsapp.js';

/**
 * An answer longer than a messenger takes in one message (4,096 characters on both, and the fakes
 * refuse more, as the real APIs do) reaches the player whole, in several messages, in order.
 */
const prefix = uniquePrefix('long-answers');
const steps = Array.from({ length: 60 }, (_, i) => `Step ${i + 1}: check that the payment method in your account matches the one you deposited with, then wait for the review.`);
const section = steps.join(' ');
const kb = tempKnowledge([
  {
    id: 'verification-guide',
    locale: 'en',
    title: 'The complete verification guide',
    category: 'account',
    body: `Everything about verification.\n\n## How does the complete verification process work?\n${section}`,
  },
]);
let messengers: MessengerGateway;

beforeAll(async () => {
  messengers = await startMessengerGateway(prefix, kb.dir);
});
afterAll(async () => {
  await messengers.stop();
  kb.cleanup();
});

/** The answer's steps as the player reads them across the messages. */
const stepsIn = (texts: string[]) => texts.join(' ').match(/Step \d+:/g) ?? [];

describe('an answer longer than one messenger message', () => {
  it('reaches a Telegram player whole, in order, in messages Telegram accepts', async () => {
    expect(section.length, 'the answer is longer than one message of either messenger').toBeGreaterThan(6000);
    const chat = 910_001;
    await postUpdate(messengers.gateway.url, textUpdate(chat, 'How does the complete verification process work?'));
    await expect.poll(() => stepsIn(messengers.telegram.sent(chat).map((call) => String(call.body.text))).length, { timeout: 10_000 }).toBe(steps.length);
    const texts = messengers.telegram.sent(chat).map((call) => String(call.body.text));
    expect(texts.length).toBeGreaterThan(1);
    expect(stepsIn(texts)).toEqual(steps.map((_, i) => `Step ${i + 1}:`));
  });

  it('reaches a WhatsApp player whole, in order, in messages the Cloud API accepts', async () => {
    const to = '99450000001';
    await postWebhook(messengers.gateway.url, waWebhook({ messages: [waTextMessage(to, 'How does the complete verification process work?')] }));
    const texts = () => messengers.graph.messages(to).map((call) => JSON.stringify(call.body));
    await expect.poll(() => stepsIn(texts()).length, { timeout: 10_000 }).toBe(steps.length);
    expect(texts().length).toBeGreaterThan(1);
    expect(stepsIn(texts())).toEqual(steps.map((_, i) => `Step ${i + 1}:`));
  });
});
