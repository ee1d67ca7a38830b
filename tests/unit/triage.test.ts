import { readFileSync } from 'node:fs';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { extractFacts, factsAreEnough } from '../../src/bot/triage/facts.js';
import { LiveTriage } from '../../src/bot/triage/live-triage.js';
import { TriageModel } from '../../src/bot/triage/triage.js';
import { maskForStorage } from '../../src/core/personal-data.js';
import { readEvalFiles } from '../../src/knowledge/evaluate.js';
import { KnowledgeBase } from '../../src/knowledge/knowledge-base.js';
import { loadKnowledge } from '../../src/knowledge/load.js';
import { checkKnowledgeDir } from '../../src/knowledge/check.js';
import { loadAllTriageExamples } from '../../src/knowledge/triage-content.js';
import { tempKnowledge, withdrawalArticles } from '../helpers/knowledge.js';

/**
 * Dev material only: player messages written by someone who never saw the triage files. The
 * classifier never trains on them; they measure it.
 */
const messages = parse(readFileSync('tests/fixtures/triage-messages.yaml', 'utf8')) as Array<{ lang: string; reason: string; text: string }>;
const evalFiles = await readEvalFiles('knowledge/eval/dev');
const evalHandoffs = evalFiles.flatMap((file) => file.questions.filter((q) => q.handoff).map((q) => ({ reason: q.handoff!, text: q.q })));
const faqQuestions = [
  ...evalFiles.flatMap((file) => file.questions.filter((q) => q.expect).map((q) => q.q)),
  ...(parse(readFileSync('tests/fixtures/retrieval-questions.yaml', 'utf8')) as Array<{ q: string }>).map((q) => q.q),
];

const { articles } = await loadKnowledge('knowledge');
const shippedFiles = (await loadAllTriageExamples('knowledge')).examples;
const model = TriageModel.train(shippedFiles, articles);
const reasonOf = (text: string) => model.classify(text).reason ?? 'none';

const share = <T>(items: T[], ok: (item: T) => boolean) => items.filter(ok).length / items.length;
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

describe('triage learned from the content', () => {
  it('gives most dev-set handoff messages, in en, ru and az, the reason a person would', () => {
    const handoffs = [...messages.filter((m) => m.reason !== 'none'), ...evalHandoffs];
    expect(share(handoffs, (m) => reasonOf(m.text) === m.reason)).toBeGreaterThanOrEqual(0.8);
  });

  it('misses almost no responsible-gambling message of the dev sets: each is handed off or met with a check-in', () => {
    const harm = [...messages, ...evalHandoffs].filter((m) => m.reason === 'responsible_gambling');
    const caught = (text: string) => reasonOf(text) === 'responsible_gambling' || model.classify(text).checkIn === true;
    expect(share(harm, (m) => caught(m.text))).toBeGreaterThanOrEqual(0.95);
  });

  it('hands off at most 3% of the plain questions the knowledge base answers', () => {
    const questions = [...faqQuestions, ...messages.filter((m) => m.reason === 'none').map((m) => m.text)];
    expect(share(questions, (text) => reasonOf(text) !== 'none')).toBeLessThanOrEqual(0.03);
  });

  it('answers plain questions that share words with a reason (cards, limits, fairness, errors)', () => {
    for (const text of ['Do you accept credit cards?', 'how do deposit limits work', 'is your roulette certified fair?', 'what happens if a game freezes', 'error 404']) {
      expect(model.classify(text), text).toEqual({ reason: undefined, signals: [] });
    }
  });

  it('reads a long message sentence by sentence: a signal in its last sentence still counts', () => {
    const filler = 'How long does a withdrawal to a Visa card take? Which documents do you need for verification? '.repeat(20);
    expect(reasonOf(filler)).toBe('none');
    expect(reasonOf(`${filler}I borrowed money from my brother and lost it, I need to win it back.`)).toBe('responsible_gambling');
  });

  it('reads the fillers of the triage files as if they were not there', () => {
    const files = [{ locale: 'en' as const, reasons: {}, crisis: [], none: [], fillers: ['honestly', 'tbh'] }];
    const withFillers = TriageModel.train([...shippedFiles.map((file) => ({ ...file, fillers: [] })), ...files], articles);
    for (const [plain, padded] of [
      ['this casino is a scam', 'Honestly this casino is a scam tbh'],
      ['i borrowed from my brother to win it back', 'honestly i borrowed from my brother to win it back'],
    ] as const) {
      expect(withFillers.classify(padded), padded).toEqual(withFillers.classify(plain));
    }
    expect(withFillers.classify('Honestly this casino is a scam.').reason).toBe('dispute');
  });

  it('reports every reason a message shows and puts responsible gambling first', () => {
    const result = model.classify('Your casino is a total scam. I borrowed money to win back my losses and lost it all again. Get me a real person now.');
    expect(result.reason).toBe('responsible_gambling');
    expect(result.signals).toEqual(expect.arrayContaining(['responsible_gambling', 'dispute', 'requested']));
  });

  it('marks crisis language as a responsible-gambling handoff with the crisis flag', () => {
    for (const text of ['I lost everything and I do not want to live anymore', 'всё проиграл, не хочу больше жить', 'hər şeyi uduzdum, yaşamaq istəmirəm']) {
      expect(model.classify(text), text).toMatchObject({ reason: 'responsible_gambling', crisis: true });
    }
  });

  it('treats closing the account over a gambling problem as responsible gambling, and a plain closure as a question', () => {
    expect(reasonOf('please close my account because I cannot control my gambling')).toBe('responsible_gambling');
    expect(reasonOf('закройте мне доступ, у меня зависимость')).toBe('responsible_gambling');
    expect(reasonOf('how do I close my account')).toBe('none');
  });
});

describe('triage content is live', () => {
  it('learns a new example from knowledge/triage without a restart, the previous model classifying until the new one is trained', async () => {
    const kb = tempKnowledge(withdrawalArticles);
    const knowledge = await KnowledgeBase.open({ dir: kb.dir, logger: pino({ level: 'silent' }) });
    cleanups.push(() => knowledge.close(), () => kb.cleanup());
    const triage = new LiveTriage(knowledge, pino({ level: 'silent' }));
    const message = 'zorblax quimble';
    expect(triage.classify(message).reason).toBeUndefined();
    const en = readFileSync(`${kb.dir}/triage/en.yaml`, 'utf8');
    const reloaded = new Promise((resolve) => knowledge.once('reloaded', resolve));
    kb.writeRaw('triage/en.yaml', en.replace('  dispute:\n', `  dispute:\n${['zorblax quimble', 'zorblax quimble again', 'quimble zorblax'].map((t) => `    - "${t}"\n`).join('')}`));
    await reloaded;
    // The new model trains between requests; meanwhile the previous one goes on classifying.
    expect(triage.classify(message).reason).toBeUndefined();
    await triage.whenTrained();
    expect(triage.classify(message).reason).toBe('dispute');
  });

  it('keeps the last good examples when a triage file breaks, and kb:check names the problem', async () => {
    const kb = tempKnowledge(withdrawalArticles);
    const knowledge = await KnowledgeBase.open({ dir: kb.dir, logger: pino({ level: 'silent' }) });
    cleanups.push(() => knowledge.close(), () => kb.cleanup());
    const triage = new LiveTriage(knowledge, pino({ level: 'silent' }));
    expect(triage.classify('you stole my winnings, scammers').reason).toBe('dispute');
    const rejected = new Promise((resolve) => knowledge.once('rejected', resolve));
    kb.writeRaw('triage/en.yaml', 'locale: en\nreasons:\n  disputes: ["typo in the reason name"]\n');
    await rejected;
    expect(triage.classify('you stole my winnings, scammers').reason).toBe('dispute');
    expect(await checkKnowledgeDir(kb.dir)).toContainEqual(expect.objectContaining({ level: 'error', file: 'triage/en.yaml', message: expect.stringMatching(/disputes/) }));
  });

  it('kb:check flags a message filed both as a reason and as a plain question', async () => {
    const kb = tempKnowledge(withdrawalArticles);
    cleanups.push(() => kb.cleanup());
    kb.writeRaw('triage/ru.yaml', 'locale: ru\nreasons:\n  dispute: ["вы мошенники"]\nnone: ["Вы мошенники"]\n');
    expect(await checkKnowledgeDir(kb.dir)).toContainEqual(expect.objectContaining({ level: 'error', file: 'triage/ru.yaml', message: expect.stringMatching(/under none and under dispute/) }));
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
