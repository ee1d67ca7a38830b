import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Message } from '../../src/core/schemas.js';
import { addAgent, agentCall, loginAgent } from '../helpers/agent.js';
import { startTestApp, stopTestApps, type TestApp } from '../helpers/app.js';
import { uniquePrefix } from '../helpers/redis.js';
import { createSession, history, postMessage } from '../helpers/webchat.js';

const prefix = uniquePrefix('callback');
const logs: string[] = [];
let gateway: TestApp;
let agent: string;

type Ticket = { id: string; status: string; reason: string; priority: number; facts: Record<string, string> };

beforeAll(async () => {
  const logger = pino({ level: 'info' }, { write: (line: string) => void logs.push(line) });
  gateway = await startTestApp({ prefix, env: { SUPPORT_HOURS: 'Daily 00:00-24:00 Asia/Baku' }, logger });
  await addAgent(gateway, 'anna@demo.example', 'Anna', { languages: ['en', 'ru', 'az'] });
  agent = await loginAgent(gateway, 'anna@demo.example');
});
afterAll(async () => {
  await stopTestApps(prefix, gateway);
});

/** One message from the player; the bot's replies. */
async function say(token: string, text: string): Promise<Message[]> {
  const response = await postMessage(gateway.url, token, { text });
  expect(response.status).toBe(200);
  return response.body.replies;
}

const ticketOf = async (id: string) => (await agentCall<{ ticket: Ticket }>(gateway, agent, 'GET', `/api/agent/tickets/${id}`)).body.ticket;

describe('a phone callback, asked for in each language', () => {
  it('English: asks for the number until it is a real one, then the language and a time, and queues a callback ticket the agent closes as done', async () => {
    const { token } = await createSession(gateway.url, { locale: 'en' });
    const [askPhone] = await say(token, 'Can you call me back please?');
    expect(askPhone!.text).toMatch(/What number should we call\? Please write it with the country code, e\.g\. \+44 /);
    expect(askPhone!.actions?.map((a) => a.title)).toEqual(['Cancel the call']);

    const [again] = await say(token, 'my number is 12345');
    expect(again!.text).toMatch(/does not look like a phone number/);
    const [askLanguage] = await say(token, '+994 50 123 45 67');
    expect(askLanguage!.text).toBe('Which language should we speak on the call?');
    expect(askLanguage!.actions?.map((a) => a.title)).toEqual(['English', 'Русский', 'Azərbaycanca', 'Türkçe', 'Cancel the call']);

    const [askWindow] = await say(token, 'English');
    expect(askWindow!.text).toBe('When is a good time to call? Times are GMT+4.');
    const titles = askWindow!.actions!.map((a) => a.title);
    expect(titles[0]).toBe('As soon as possible');
    // Morning, afternoon and evening (today's starting now when it has begun), soonest first.
    const slots = titles.slice(1, 4).map((title) => /^(Today|Tomorrow) (\d\d):(\d\d)–(\d\d:\d\d)$/.exec(title));
    expect(slots.every(Boolean), titles.join(' | ')).toBe(true);
    const byEnd = Object.fromEntries(slots.map((m) => [m![4], Number(m![2])]));
    expect(Object.keys(byEnd).sort()).toEqual(['12:00', '18:00', '22:00']);
    for (const [end, opens] of [['12:00', 9], ['18:00', 12], ['22:00', 18]] as const) {
      expect(byEnd[end], end).toBeGreaterThanOrEqual(opens);
      expect(byEnd[end], end).toBeLessThan(Number(end.slice(0, 2)));
    }
    const starts = slots.map((m) => (m![1] === 'Tomorrow' ? 24 * 60 : 0) + Number(m![2]) * 60 + Number(m![3]));
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
    expect(titles[4]).toBe('Cancel the call');

    const [booked] = await say(token, 'As soon as possible');
    expect(booked!.text).toMatch(/^Thank you! We will call \+994 50 123 45 67 as soon as possible\. The call will be in English\. .*Your ticket is T-/);
    expect(booked!.handoff).toMatchObject({ reason: 'callback', status: 'queued' });
    const ticketId = booked!.handoff!.ticketId!;

    const ticket = await ticketOf(ticketId);
    expect(ticket).toMatchObject({ reason: 'callback', priority: 5, facts: { phone: '+994501234567', callbackLanguage: 'en' } });
    const [from, to] = ticket.facts.callbackWindow!.split('/');
    expect(Date.parse(to!) - Date.parse(from!)).toBe(2 * 3600 * 1000);

    // The number is in the ticket for the agent, and only masked in the logs.
    const logged = logs.filter((line) => line.includes('callback requested'));
    expect(logged).toHaveLength(1);
    expect(logged[0]).toContain('+994*******67');
    expect(logs.some((line) => /994\s?50\s?123\s?45\s?67/.test(line))).toBe(false);

    expect((await agentCall(gateway, agent, 'POST', `/api/agent/tickets/${ticketId}/claim`)).status).toBe(200);
    const done = await agentCall<{ ticket: Ticket }>(gateway, agent, 'POST', `/api/agent/tickets/${ticketId}/callback`, { outcome: 'done' });
    expect(done.status).toBe(200);
    expect(done.body.ticket).toMatchObject({ status: 'resolved', facts: { callbackOutcome: 'done' } });
    const told = (await history(gateway.url, token)).at(-1)!;
    expect(told.text).toBe(`Thank you for talking with us on the phone. Request ${ticketId} is closed. How would you rate the help, from 1 (poor) to 5 (excellent)?`);
    expect(told.actions?.map((a) => a.title)).toEqual(['1', '2', '3', '4', '5']);
    expect((await say(token, '5'))[0]!.text).toMatch(/Thank you for your rating/);
  });

  it('Russian: a typed language and a later window; a failed call closes the ticket and tells the player how to ask again', async () => {
    const { token } = await createSession(gateway.url, { locale: 'ru' });
    const [askPhone] = await say(token, 'Перезвоните мне, пожалуйста');
    expect(askPhone!.text).toMatch(/На какой номер звонить\? .*например \+7 /);
    const [askLanguage] = await say(token, '+7 912 345-67-89');
    expect(askLanguage!.actions?.[0]?.title).toBe('Русский');
    const [askWindow] = await say(token, 'по-русски');
    expect(askWindow!.text).toBe('Когда вам удобно принять звонок? Время указано по GMT+4.');
    const evening = askWindow!.actions!.find((a) => a.title.endsWith('22:00'))!.title;
    expect(evening).toMatch(/^(Сегодня|Завтра) /);

    const [booked] = await say(token, evening);
    expect(booked!.text).toMatch(new RegExp(`^Спасибо! Мы позвоним на номер \\+7 912 345 67 89 ${evening.toLowerCase()} \\(GMT\\+4\\)\\. Язык звонка: Русский\\.`));
    const ticketId = booked!.handoff!.ticketId!;
    expect(await ticketOf(ticketId)).toMatchObject({ reason: 'callback', facts: { phone: '+79123456789', callbackLanguage: 'ru' } });

    await agentCall(gateway, agent, 'POST', `/api/agent/tickets/${ticketId}/claim`);
    const failed = await agentCall<{ ticket: Ticket }>(gateway, agent, 'POST', `/api/agent/tickets/${ticketId}/callback`, { outcome: 'failed' });
    expect(failed.body.ticket).toMatchObject({ status: 'resolved', facts: { callbackOutcome: 'failed' } });
    const told = (await history(gateway.url, token)).at(-1)!;
    expect(told.text).toBe(`Мы пытались позвонить на номер +7 912 345 67 89, но не дозвонились, поэтому обращение ${ticketId} закрыто. Напишите «перезвоните», чтобы заказать новый звонок, или задайте вопрос здесь.`);
    expect(told.actions ?? []).toEqual([]);
    // No rating is asked for a call that never happened: "5" is just a message again.
    expect((await say(token, '5'))[0]!.text).not.toMatch(/Спасибо за оценку/);
  });

  it('Azerbaijani: the number given with the request skips its question; a rescheduled call stays with the agent and the player hears the new time', async () => {
    const { token } = await createSession(gateway.url, { locale: 'az' });
    const [askLanguage] = await say(token, 'Mənə zəng edin, nömrəm +994 55 765 43 21');
    expect(askLanguage!.text).toBe('Zəng zamanı hansı dildə danışaq?');
    expect(askLanguage!.actions?.[0]?.title).toBe('Azərbaycanca');
    const [askWindow] = await say(token, 'Azərbaycanca');
    const [booked] = await say(token, askWindow!.actions![0]!.title);
    expect(booked!.text).toMatch(/^Təşəkkürlər! \+994 55 765 43 21 nömrəsinə mümkün qədər tez zəng edəcəyik\. Zəngin dili: Azərbaycanca\./);
    const ticketId = booked!.handoff!.ticketId!;

    await agentCall(gateway, agent, 'POST', `/api/agent/tickets/${ticketId}/claim`);
    const tomorrow = new Date(Date.now() + 26 * 3600 * 1000);
    const window = { from: tomorrow.toISOString(), to: new Date(tomorrow.getTime() + 3600 * 1000).toISOString() };
    const moved = await agentCall<{ ticket: Ticket }>(gateway, agent, 'POST', `/api/agent/tickets/${ticketId}/callback`, { outcome: 'rescheduled', window });
    expect(moved.body.ticket).toMatchObject({ status: 'assigned', facts: { callbackOutcome: 'rescheduled', callbackWindow: `${window.from}/${window.to}` } });
    const told = (await history(gateway.url, token)).at(-1)!;
    expect(told.text).toMatch(/^Zənginiz başqa vaxta keçirildi: \+994 55 765 43 21 nömrəsinə (sabah|\d+ \p{L}+) \d\d:\d\d–\d\d:\d\d \(GMT\+4\) zəng edəcəyik\.$/u);
  });

  it('Turkish: asks in Turkish and can be cancelled, after which the bot answers as usual', async () => {
    const { token } = await createSession(gateway.url, { locale: 'tr' });
    const [askPhone] = await say(token, 'Beni arayabilir misiniz?');
    expect(askPhone!.text).toMatch(/^Elbette, sizi arayabiliriz\./);
    const [cancelled] = await say(token, 'Aramayı iptal et');
    expect(cancelled!.text).toMatch(/^Tamam, aramayacağız\./);
    const [answer] = await say(token, 'how do free spins work');
    expect(answer!.citations?.length).toBeGreaterThan(0);
  });

  it('stops asking after three answers that are not a number', async () => {
    const { token } = await createSession(gateway.url, { locale: 'en' });
    await say(token, 'call me');
    await say(token, 'no');
    await say(token, 'why do you need it');
    const [gaveUp] = await say(token, 'abc');
    expect(gaveUp!.text).toMatch(/I still have no number we can call/);
    expect((await say(token, 'what is the minimum deposit'))[0]!.text).toMatch(/deposit/i);
  });
});

describe('a callback with a more urgent reason', () => {
  it('keeps a dispute a dispute, at its priority and with its complaint clock, with the call added', async () => {
    const { token } = await createSession(gateway.url, { locale: 'en' });
    await say(token, 'You voided my winnings for no reason, this is a scam. Call me on +994 50 222 33 44');
    await say(token, 'English');
    const [booked] = await say(token, 'As soon as possible');
    expect(booked!.handoff).toMatchObject({ reason: 'dispute', status: 'queued' });
    const ticket = await ticketOf(booked!.handoff!.ticketId!);
    expect(ticket).toMatchObject({ reason: 'dispute', priority: 2, facts: { phone: '+994502223344' } });
    expect(ticket).toHaveProperty('ackDueAt');
  });

  it('gives responsible-gambling help and a top-priority ticket at once, then adds the call to it', async () => {
    const { token } = await createSession(gateway.url, { locale: 'en' });
    const replies = await say(token, "I can't stop gambling and I lost all my savings, please call me");
    expect(replies[0]!.handoff).toMatchObject({ reason: 'responsible_gambling', status: 'queued' });
    const ticketId = replies[0]!.handoff!.ticketId!;
    expect(replies.at(-1)!.text).toMatch(/What number should we call\?/);
    await say(token, '+994 50 111 22 33');
    await say(token, 'English');
    const [added] = await say(token, 'As soon as possible');
    expect(added!.text).toBe(`Thank you! We will call +994 50 111 22 33 as soon as possible. The call will be in English. Your request ${ticketId} stays in the queue.`);
    expect(await ticketOf(ticketId)).toMatchObject({ reason: 'responsible_gambling', priority: 1, facts: { phone: '+994501112233', callbackLanguage: 'en' } });
  });
});

describe('recording how a call went', () => {
  it('refuses what makes no sense and changes nothing', async () => {
    const { token } = await createSession(gateway.url, { locale: 'en' });
    const [queued] = await say(token, 'I want to talk to an agent');
    const ticketId = queued!.handoff!.ticketId!;
    const call = (body: unknown, token = agent) => agentCall<{ error: string; message: string }>(gateway, token, 'POST', `/api/agent/tickets/${ticketId}/callback`, body);
    expect((await call({ outcome: 'done' })).body.error).toBe('no_callback');
    expect((await call({ outcome: 'maybe' })).status).toBe(400);
    await say(token, 'call me on +994 50 333 44 55');
    await say(token, 'English');
    await say(token, 'As soon as possible');
    // Not claimed: nobody holds it.
    expect((await call({ outcome: 'done' })).status).toBe(403);
    await agentCall(gateway, agent, 'POST', `/api/agent/tickets/${ticketId}/claim`);
    expect((await call({ outcome: 'rescheduled' })).body.error).toBe('window_required');
    const past = { from: new Date(Date.now() - 7200_000).toISOString(), to: new Date(Date.now() - 3600_000).toISOString() };
    expect((await call({ outcome: 'rescheduled', window: past })).body.error).toBe('invalid_window');
    expect((await call({ outcome: 'rescheduled', window: { from: 'tomorrow', to: 'later' } })).status).toBe(400);
    expect(await ticketOf(ticketId)).toMatchObject({ status: 'assigned', facts: { phone: '+994503334455' } });
    expect((await ticketOf(ticketId)).facts.callbackOutcome).toBeUndefined();
  });
});
