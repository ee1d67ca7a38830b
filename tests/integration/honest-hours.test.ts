import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Handoff, Message } from '../../src/core/schemas.js';
import { addAgent, agentCall, loginAgent, openAgentEvents } from '../helpers/agent.js';
import { startTestApp, stopTestApps, type TestApp } from '../helpers/app.js';
import { uniquePrefix } from '../helpers/redis.js';
import { createSession, postMessage } from '../helpers/webchat.js';

const prefix = uniquePrefix('honest-hours');
const closedPrefix = uniquePrefix('honest-hours-closed');
let gateway: TestApp;
let closed: TestApp;
let lev: string;

/** Opening hours that do not include now: two days from today, one hour. */
function hoursNotNow(): string {
  const day = new Date(Date.now() + 2 * 86_400_000).toLocaleDateString('en-US', { weekday: 'short', timeZone: 'UTC' });
  return `${day} 10:00-11:00 UTC`;
}

beforeAll(async () => {
  gateway = await startTestApp({ prefix });
  closed = await startTestApp({ prefix: closedPrefix, env: { SUPPORT_HOURS: hoursNotNow() } });
  for (const app of [gateway, closed]) await addAgent(app, 'lev@demo.example', 'Lev', { languages: ['en'] });
  lev = await loginAgent(gateway, 'lev@demo.example');
});
afterAll(async () => {
  await stopTestApps(prefix, gateway);
  await stopTestApps(closedPrefix, closed);
});

async function askForPerson(app: TestApp, locale: 'en' | 'ru'): Promise<Message & { token: string }> {
  const { token } = await createSession(app.url, { locale });
  const text = locale === 'en' ? 'I want to talk to an agent' : 'Позовите оператора';
  const replies = (await postMessage(app.url, token, { text })).body.replies;
  return { ...replies.find((reply) => reply.handoff?.status === 'queued')!, token };
}

const noEta = (message: Message) => expect(message.handoff as Handoff).toEqual(expect.objectContaining({ status: 'queued', agentsOnline: false, position: expect.any(Number) }));

describe('what a waiting player is promised', () => {
  it('promises no time while no agent is online, in the player\'s language, and keeps the ticket queued', async () => {
    const en = await askForPerson(gateway, 'en');
    noEta(en);
    expect(en.handoff!.etaSeconds).toBeUndefined();
    expect(en.text).toMatch(/no agent who can help with this is online right now, so I can't promise a time/);
    expect(en.text).toMatch(/leave your e-mail address/);
    expect(en.text).not.toMatch(/expected wait|about \d+ min/);

    const ru = await askForPerson(gateway, 'ru');
    noEta(ru);
    expect(ru.text).toMatch(/сейчас нет сотрудника, который может помочь с этим, поэтому не могу назвать время ожидания/);
  });

  it('takes an e-mail address the waiting player leaves onto the ticket, for the agent to reach them at', async () => {
    const waiting = await askForPerson(gateway, 'ru');
    const reply = (await postMessage(gateway.url, waiting.token, { text: 'пишите на Player.One@example.com, пожалуйста' })).body.replies;
    expect(reply.map((m) => m.text)).toEqual([`Спасибо — я добавил player.one@example.com в обращение ${waiting.handoff!.ticketId}, сотрудник сможет написать и туда.`]);
    const view = await agentCall<{ ticket: { facts: Record<string, string> } }>(gateway, lev, 'GET', `/api/agent/tickets/${waiting.handoff!.ticketId}`);
    expect(view.body.ticket.facts.email).toBe('player.one@example.com');
    // Something that only looks like an address is just a message for the agent.
    const notAnAddress = (await postMessage(gateway.url, waiting.token, { text: 'моя почта: player@example' })).body.replies;
    expect(notAnAddress.map((m) => m.text).join(' ')).not.toMatch(/добавил/);
  });

  it('gives a wait once an agent who serves the language has the console open, and none for a language nobody online speaks', async () => {
    const console = await openAgentEvents(gateway, lev);
    const en = await askForPerson(gateway, 'en');
    expect(en.handoff).toMatchObject({ agentsOnline: true, etaSeconds: expect.any(Number) });
    expect(en.text).toMatch(/expected wait/);
    noEta(await askForPerson(gateway, 'ru'));
    console.close();
  });

  it('counts an away agent as not online: no alerts for them, no wait promised on their account', async () => {
    const console = await openAgentEvents(gateway, lev);
    expect((await agentCall(gateway, lev, 'POST', '/api/agent/presence', { status: 'away' })).status).toBe(204);
    const team = await agentCall<{ agents: Array<{ email: string; presence: string; online: boolean }> }>(gateway, lev, 'GET', '/api/agent/team');
    expect(team.body.agents).toEqual([expect.objectContaining({ email: 'lev@demo.example', presence: 'away', online: false })]);

    const waiting = await askForPerson(gateway, 'en');
    noEta(waiting);
    const created = await console.next((event) => event.event === 'queue' && event.data.type === 'ticket.created' && event.data.ticketId === waiting.handoff!.ticketId);
    expect(created.data.alert).toBe(false);

    expect((await agentCall(gateway, lev, 'POST', '/api/agent/presence', { status: 'online' })).status).toBe(204);
    expect((await askForPerson(gateway, 'en')).handoff).toMatchObject({ agentsOnline: true });
    console.close();
  });

  it('refuses a presence it does not know, changing nothing', async () => {
    const refused = await agentCall<{ error: string }>(gateway, lev, 'POST', '/api/agent/presence', { status: 'busy' });
    expect(refused.status).toBe(400);
    const team = await agentCall<{ agents: Array<{ presence: string }> }>(gateway, lev, 'GET', '/api/agent/team');
    expect(team.body.agents[0]!.presence).toBe('online');
  });

  it('outside support hours says when the team works, with no time, even with an agent online', async () => {
    const console = await openAgentEvents(closed, await loginAgent(closed, 'lev@demo.example'));
    const en = await askForPerson(closed, 'en');
    noEta(en);
    expect(en.text).toMatch(/our support team works \w{3} 10:00–11:00 \(GMT\), so I can't promise a time now/);
    const ru = await askForPerson(closed, 'ru');
    expect(ru.text).toMatch(/служба поддержки работает \S+ 10:00–11:00 \(GMT\)/);
    console.close();
  });
});
