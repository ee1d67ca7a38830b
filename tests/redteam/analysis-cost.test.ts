import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TriageModel } from '../../src/bot/triage/triage.js';
import { MAX_TEXT_LENGTH } from '../../src/channels/webchat/limits.js';
import type { HandoffReason } from '../../src/core/schemas.js';
import { QUERY_LIMITS, terms } from '../../src/knowledge/analysis.js';
import { loadKnowledge } from '../../src/knowledge/load.js';
import { KnowledgeIndex } from '../../src/knowledge/search-index.js';
import { loadAllTriageExamples } from '../../src/knowledge/triage-content.js';
import { worstCaseMessages } from '../fixtures/hostile-messages.js';
import { startTestApp, stopTestApps, type TestApp } from '../helpers/app.js';
import { uniquePrefix } from '../helpers/redis.js';
import { createSession, history, postMessage } from '../helpers/webchat.js';

/**
 * Anyone can open a web chat and send 4,000 characters. Whatever they send, the search behind the
 * answer must do about as much work as for a question, so that a few such clients cannot slow
 * everybody else down; triage still reads every sentence, and agents still see every word.
 */
const { articles } = await loadKnowledge('knowledge');
const index = new KnowledgeIndex(articles);
const triage = TriageModel.train((await loadAllTriageExamples('knowledge')).examples, articles);
const hostile = worstCaseMessages(articles);
const prefix = uniquePrefix('analysis-cost');
let app: TestApp;

beforeAll(async () => {
  app = await startTestApp({ prefix });
});
afterAll(async () => {
  await stopTestApps(prefix, app);
});

/** Benign sentences repeated up to the length limit, then `last` as the final sentence. */
function longMessage(sentences: string[], last: string): string {
  let text = '';
  for (let i = 0; text.length + sentences[i % sentences.length]!.length + last.length + 2 <= MAX_TEXT_LENGTH; i++) text += `${sentences[i % sentences.length]} `;
  return `${text}${last}`;
}

const PLAIN_QUESTIONS: Record<'ru' | 'en', string[]> = {
  ru: [
    'Подскажите, сколько идёт вывод на карту Visa и есть ли комиссия.',
    'Какие документы нужны для верификации аккаунта?',
    'Как отыгрывается приветственный бонус и какая максимальная ставка при активном бонусе?',
    'Во сколько начисляются фриспины и на какие слоты они действуют?',
  ],
  en: [
    'How long does a withdrawal to a Visa card usually take?',
    'Which documents do you need for account verification?',
    'How does the welcome bonus wagering work, and what is the max bet while a bonus is active?',
    'When are free spins credited and which slots can I use them on?',
  ],
};

describe('a 4,000-character message of the most expensive kind', () => {
  it.each(hostile)('is answered through the web chat: $name', async ({ text, locale }) => {
    expect(text.length).toBeGreaterThan(MAX_TEXT_LENGTH - 20);
    const { token } = await createSession(app.url, { locale });
    const { status, body } = await postMessage(app.url, token, { text });
    expect(status).toBe(200);
    expect(body.replies.length).toBeGreaterThan(0);
    expect(body.replies[0]!.text.length).toBeGreaterThan(0);
  });

  it('is kept whole in the transcript the agent reads', async () => {
    const { text, locale } = hostile.find((m) => m.name === 'distinct Russian words')!;
    const { token } = await createSession(app.url, { locale });
    await postMessage(app.url, token, { text });
    expect((await history(app.url, token)).find((m) => m.from === 'player')?.text).toBe(text);
  });

  it.each(hostile)('costs its search no more lookups than the limits allow: $name', ({ text, locale }) => {
    const { work } = index.searchCounted(text, locale);
    expect(work.chars).toBeLessThanOrEqual(QUERY_LIMITS.chars);
    expect(work.terms).toBeLessThanOrEqual(work.indexes * QUERY_LIMITS.terms);
    expect(work.pairs).toBeLessThanOrEqual(work.indexes * QUERY_LIMITS.pairs);
    expect(work.grams).toBeLessThanOrEqual(work.indexes * QUERY_LIMITS.grams);
    // Nothing after the part that is read changes the work.
    expect(index.searchCounted(text.slice(0, 1000), locale).work).toEqual(work);
  });

  it('holds far more distinct words than search looks up, so the limits are what bound it', () => {
    for (const name of ['distinct Russian words', 'distinct Azerbaijani words', 'English words in a Russian conversation']) {
      const { text, locale } = hostile.find((m) => m.name === name)!;
      expect(new Set(terms(text, locale)).size).toBeGreaterThan(10 * QUERY_LIMITS.terms);
      expect(index.searchCounted(text, locale).work.terms).toBe(index.searchCounted(text, locale).work.indexes * QUERY_LIMITS.terms);
    }
  });
});

describe('a signal in the last sentence of a 4,000-character message', () => {
  it.each<['ru' | 'en', string, HandoffReason]>([
    ['ru', 'Я занял деньги у брата, чтобы отыграться.', 'responsible_gambling'],
    ['en', 'I borrowed money from my brother to win it back.', 'responsible_gambling'],
    ['ru', 'И вообще ваше казино — лохотрон.', 'dispute'],
    ['en', 'Honestly this casino is a scam.', 'dispute'],
  ])('[%s] "%s" still hands off with reason %s', async (locale, last, reason) => {
    const text = longMessage(PLAIN_QUESTIONS[locale], last);
    expect(text.length).toBeGreaterThan(MAX_TEXT_LENGTH - 120);
    expect(triage.classify(text.slice(0, -last.length)).reason).toBeUndefined();
    const { token } = await createSession(app.url, { locale });
    const { status, body } = await postMessage(app.url, token, { text });
    expect(status).toBe(200);
    expect(body.replies.find((reply) => reply.handoff)?.handoff?.reason).toBe(reason);
  });
});
