import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { extractFacts, factsAreEnough } from '../../src/bot/triage/facts.js';
import { triageMessage } from '../../src/bot/triage/triage.js';
import { maskForStorage } from '../../src/conversation/personal-data.js';
import { readEvalFiles } from '../../src/knowledge/evaluate.js';

/** Player messages written by someone who never saw the lexicons, in en, ru and az. */
const messages = parse(readFileSync('tests/fixtures/triage-messages.yaml', 'utf8')) as Array<{ lang: string; reason: string; text: string }>;
const evalFiles = await readEvalFiles('knowledge/eval/dev');
const evalHandoffs = evalFiles.flatMap((file) => file.questions.filter((q) => q.handoff).map((q) => ({ lang: file.locale, reason: q.handoff!, text: q.q })));
const evalQuestions = evalFiles.flatMap((file) => file.questions.filter((q) => q.expect).map((q) => ({ lang: file.locale, text: q.q })));

describe('triage', () => {
  it.each(messages.filter((m) => m.reason !== 'none'))('[$lang] hands "$text" to an agent with reason $reason', ({ text, reason }) => {
    expect(triageMessage(text).reason).toBe(reason);
  });

  it.each(messages.filter((m) => m.reason === 'none'))('[$lang] leaves "$text" to the knowledge base', ({ text }) => {
    expect(triageMessage(text).reason).toBeUndefined();
  });

  it.each(evalHandoffs)('[$lang] evaluation set: "$text" → $reason', ({ text, reason }) => {
    expect(triageMessage(text).reason).toBe(reason);
  });

  it('never hands off a plain knowledge question from the evaluation set', () => {
    const handedOff = evalQuestions.filter(({ text }) => triageMessage(text).reason !== undefined);
    expect(handedOff).toEqual([]);
  });

  it('puts responsible gambling above every other reason', () => {
    const result = triageMessage('your casino is a scam, I borrowed money to win it back and lost it all, get me an agent');
    expect(result.reason).toBe('responsible_gambling');
    expect(result.signals).toEqual(expect.arrayContaining(['responsible_gambling', 'dispute', 'requested']));
  });

  it('treats closing the account over a gambling problem as a responsible-gambling request', () => {
    expect(triageMessage('please close my account because I cannot control my gambling').reason).toBe('responsible_gambling');
    expect(triageMessage('закройте мне доступ, у меня зависимость').reason).toBe('responsible_gambling');
  });
});

describe('facts from a player message', () => {
  it('finds amount, round id, time and game', () => {
    expect(extractFacts('Book of Demo froze yesterday at 21:40, lost €50, round ID 8F3K29XQ')).toEqual({
      amount: '€50',
      reference: '8F3K29XQ',
      when: 'yesterday',
      game: 'Book of Demo',
    });
    expect(extractFacts('вчера рулетка, ставка 100 манат, раунд 7781234')).toMatchObject({ amount: '100 манат', reference: '7781234', when: 'вчера' });
  });

  it('knows when there is enough to go on without asking', () => {
    expect(factsAreEnough(extractFacts('withdrawal of 200 EUR yesterday still missing'))).toBe(true);
    expect(factsAreEnough(extractFacts('you stole my money'))).toBe(false);
  });
});

describe('card numbers', () => {
  it('keeps only the first six and last four digits of a real card number', () => {
    expect(maskForStorage('my card is 4111 1111 1111 1111 ok')).toBe('my card is 411111******1111 ok');
    expect(maskForStorage('5500-0000-0000-0004')).toBe('550000******0004');
  });

  it('leaves other long numbers alone', () => {
    expect(maskForStorage('round 1234567890123 and phone +994501234567')).toBe('round 1234567890123 and phone +994501234567');
  });
});
