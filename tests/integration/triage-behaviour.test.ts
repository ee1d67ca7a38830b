import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localize } from '../../src/core/messages.js';
import { TriageModel } from '../../src/bot/triage/triage.js';
import { loadKnowledge } from '../../src/knowledge/load.js';
import { loadAllTriageExamples } from '../../src/knowledge/triage-content.js';
import { addAgent, agentCall, loginAgent } from '../helpers/agent.js';
import { startTestApp, stopTestApps, type TestApp } from '../helpers/app.js';
import { uniquePrefix } from '../helpers/redis.js';
import { createSession, postMessage } from '../helpers/webchat.js';

/** What a player sees when triage is unsure, sure, or facing a crisis (SPEC §3). */
const prefix = uniquePrefix('triage-behaviour');
let app: TestApp;

beforeAll(async () => {
  app = await startTestApp({ prefix });
});
afterAll(async () => {
  await stopTestApps(prefix, app);
});

/**
 * Messages that might or might not be harm ("am I playing too much?"). Which of them the shipped
 * classifier is unsure about moves with the content, so the test takes the first it is unsure about;
 * that there is one is part of what is tested.
 */
const MAYBE_HARM = [
  'am i playing too much?',
  'son vaxtlar cox oynayiram',
  'i think i play too much',
  'lost more than usual this week',
  'I keep losing lately, what is the RTP of this slot?',
  'kind of worried about how much i play',
  'maybe i should take a break from playing',
  'играю что-то слишком часто в последнее время',
];
const { articles } = await loadKnowledge('knowledge');
const shipped = TriageModel.train((await loadAllTriageExamples('knowledge')).examples, articles);
const uncertain = MAYBE_HARM.find((text) => shipped.classify(text).checkIn === true);

const say = async (token: string, text: string) => (await postMessage(app.url, token, { text })).body.replies;

describe('an uncertain harm signal', () => {
  it('gets a gentle check-in with the tools and a way to a person, but no handoff and no lasting flag', async () => {
    expect(uncertain).toBeDefined();
    const { token } = await createSession(app.url);
    const replies = await say(token, uncertain!);
    expect(replies.some((reply) => reply.handoff)).toBe(false);
    const checkIn = replies[0]!;
    expect(checkIn.text.startsWith(localize(checkIn.locale, 'rgCheckIn'))).toBe(true);
    expect(checkIn.citations?.map((c) => c.id)).toEqual(['rg-tools']);
    expect(checkIn.actions?.map((a) => a.title)).toEqual([localize(checkIn.locale, 'actionRgTalk'), localize(checkIn.locale, 'actionRgFine')]);

    // Not flagged: a bonus question afterwards is answered as for anyone.
    const bonus = await say(token, 'what is the welcome bonus for new players?');
    expect(bonus[0]!.citations?.[0]?.id).toBe('bonus-welcome');
  });

  it('hands off at top priority when the player taps "Yes, talk to someone"', async () => {
    const { token } = await createSession(app.url);
    await say(token, uncertain!);
    const replies = await say(token, 'Yes, talk to someone');
    expect(replies[0]!.handoff).toMatchObject({ reason: 'responsible_gambling', status: 'queued' });
    expect(replies[0]!.text).toBe(localize(replies[0]!.locale, 'rgSupport'));
  });

  it('thanks the player who says they are fine, and hands nothing off', async () => {
    const { token } = await createSession(app.url, { locale: 'ru' });
    await say(token, uncertain!);
    const replies = await say(token, 'Всё в порядке');
    expect(replies).toHaveLength(1);
    expect(replies[0]!.handoff).toBeUndefined();
    expect(replies[0]!.text).toBe(localize(replies[0]!.locale, 'rgCheckInOk'));
  });
});

describe('our own buttons', () => {
  it.each(['en', 'ru', 'az'] as const)('[%s] "Helpful" under an answer is thanked, never read as a complaint that nothing helped', async (locale) => {
    const { token } = await createSession(app.url, { locale });
    const answer = await say(token, { en: 'how long does a skrill withdrawal take', ru: 'сколько идёт вывод на скрилл', az: 'skrill-ə pul çıxarmaq nə qədər çəkir' }[locale]);
    expect(answer[0]!.actions?.map((a) => a.title)).toContain(localize(locale, 'actionHelpful'));
    const replies = await say(token, localize(locale, 'actionHelpful'));
    expect(replies).toHaveLength(1);
    expect(replies[0]!.handoff).toBeUndefined();
    expect(replies[0]!.text).toBe(localize(locale, 'helpfulThanks'));
  });
});

describe('crisis language', () => {
  it('shows crisis resources first and hands off as responsible gambling, with the crisis in the summary', async () => {
    const { token } = await createSession(app.url);
    const replies = await say(token, 'I lost everything again. I do not want to live anymore.');
    expect(replies[0]!.text).toMatch(/call your local emergency number/);
    expect(replies[0]!.text).not.toMatch(/\d{3}[- ]?\d{3,}/);
    expect(replies[0]!.handoff).toMatchObject({ reason: 'responsible_gambling', status: 'queued' });
    await addAgent(app, 'crisis@demo.example', 'Cris');
    const agent = await loginAgent(app, 'crisis@demo.example');
    const ticket = await agentCall<{ ticket: { reason: string; summary: string; priority: number } }>(app, agent, 'GET', `/api/agent/tickets/${replies[0]!.handoff!.ticketId}`);
    expect(ticket.body.ticket).toMatchObject({ reason: 'responsible_gambling', priority: 1, summary: expect.stringMatching(/^CRISIS LANGUAGE\./) });
  });

  it('escalates a waiting ticket with crisis resources when crisis language comes while queued', async () => {
    const { token } = await createSession(app.url, { locale: 'ru' });
    const queued = await say(token, 'оператора позовите');
    expect(queued[0]!.handoff).toMatchObject({ reason: 'requested', status: 'queued' });
    const replies = await say(token, 'всё проиграл, не хочу больше жить');
    expect(replies[0]!.text).toMatch(/экстренной службы/);
  });
});

describe('plain questions that look like a reason', () => {
  it('answers "do you accept credit cards" without a handoff or a responsible-gambling flag', async () => {
    const { token } = await createSession(app.url, { locale: 'ru' });
    const replies = await say(token, 'Принимаете кредитные карты?');
    expect(replies.some((reply) => reply.handoff)).toBe(false);
    const bonus = await say(token, 'какой приветственный бонус на первый депозит?');
    expect(bonus[0]!.text).not.toMatch(/не помогаю с бонусами/);
    expect(bonus[0]!.citations?.[0]?.id).toBe('bonus-welcome');
  });

  it('does not treat "error 404" as a technical failure with money at stake', async () => {
    const { token } = await createSession(app.url);
    const replies = await say(token, 'error 404');
    expect(replies.some((reply) => reply.handoff)).toBe(false);
  });
});
