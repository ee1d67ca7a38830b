import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Handoff, Message } from '../../src/core/schemas.js';
import { addAgent, agentCall, loginAgent, openAgentEvents } from '../helpers/agent.js';
import { startTestApp, stopTestApps, type TestApp } from '../helpers/app.js';
import { uniquePrefix } from '../helpers/redis.js';
import type { SseReader } from '../helpers/sse.js';
import { createSession, history, openEvents, postMessage } from '../helpers/webchat.js';

/**
 * Routing as a team meets it: Rustam serves Russian only and holds two chats at most, Aysel serves
 * Azerbaijani and English, Rena is in the responsible-gambling team, Sabina supervises.
 */
const prefix = uniquePrefix('routing');
let gateway: TestApp;
const token: Record<'rustam' | 'aysel' | 'rena' | 'sabina', string> = { rustam: '', aysel: '', rena: '', sabina: '' };
const consoles: SseReader[] = [];

type View = { ticket: { id: string; status: string; locale: string; team?: string; agentName?: string } };
type QueueEntry = { ticket: View['ticket']; position?: number };

beforeAll(async () => {
  gateway = await startTestApp({ prefix, env: { HANDOFF_TEAMS: 'responsible_gambling:rg' } });
  await addAgent(gateway, 'rustam@demo.example', 'Rustam', { languages: ['ru'], maxChats: 2 });
  await addAgent(gateway, 'aysel@demo.example', 'Aysel', { languages: ['az', 'en'] });
  await addAgent(gateway, 'rena@demo.example', 'Rena', { teams: ['rg'] });
  await addAgent(gateway, 'sabina@demo.example', 'Sabina', { role: 'supervisor' });
  for (const name of Object.keys(token) as Array<keyof typeof token>) token[name] = await loginAgent(gateway, `${name}@demo.example`);
  // Every console is open: these agents are online.
  for (const name of Object.keys(token) as Array<keyof typeof token>) consoles.push(await openAgentEvents(gateway, token[name]));
});
afterAll(async () => {
  for (const reader of consoles) reader.close();
  await stopTestApps(prefix, gateway);
});

/** A web chat player in `locale` who asks for a person; their queued handoff. */
async function queued(locale: 'en' | 'ru' | 'az', text = { en: 'I want to talk to an agent', ru: 'Позовите оператора', az: 'Operatorla danışmaq istəyirəm' }[locale]) {
  const player = await createSession(gateway.url, { locale });
  const replies = (await postMessage(gateway.url, player.token, { text })).body.replies;
  const handoff = replies.find((reply) => reply.handoff?.status === 'queued')!.handoff as Handoff;
  return { ...player, handoff, ticketId: handoff.ticketId! };
}

const claimNext = (agent: string) => agentCall<View & { error?: string }>(gateway, agent, 'POST', '/api/agent/claim');

describe('routing by language, team and capacity', () => {
  it('gives each agent only tickets in their languages, and refuses a claim of one in another', async () => {
    const az = await queued('az');
    const ru = await queued('ru');
    const en = await queued('en');

    const rustamQueue = await agentCall<{ tickets: QueueEntry[] }>(gateway, token.rustam, 'GET', '/api/agent/queue');
    const waitingForRustam = rustamQueue.body.tickets.filter((entry) => entry.ticket.status === 'queued').map((entry) => entry.ticket.id);
    expect(waitingForRustam).toEqual([ru.ticketId]);

    const byId = await agentCall<{ error: string; message: string }>(gateway, token.rustam, 'POST', `/api/agent/tickets/${az.ticketId}/claim`);
    expect(byId.status).toBe(403);
    expect(byId.body).toMatchObject({ error: 'not_your_queue', message: expect.stringMatching(/is for az/) });

    expect((await claimNext(token.rustam)).body.ticket).toMatchObject({ id: ru.ticketId, locale: 'ru' });
    // The oldest first among Aysel's languages; nothing left in Russian for Rustam.
    expect((await claimNext(token.aysel)).body.ticket.id).toBe(az.ticketId);
    expect((await claimNext(token.aysel)).body.ticket.id).toBe(en.ticketId);
    expect((await claimNext(token.rustam)).status).toBe(404);

    for (const [agent, id] of [[token.rustam, ru.ticketId], [token.aysel, az.ticketId], [token.aysel, en.ticketId]] as const) {
      expect((await agentCall(gateway, agent, 'POST', `/api/agent/tickets/${id}/resolve`)).status).toBe(200);
    }
  });

  it('holds an agent to their max chats: the next claim is refused with at_capacity until one is resolved', async () => {
    const players = [await queued('ru'), await queued('ru'), await queued('ru')];
    expect((await claimNext(token.rustam)).status).toBe(200);
    expect((await claimNext(token.rustam)).status).toBe(200);
    const third = await claimNext(token.rustam);
    expect(third.status).toBe(409);
    expect(third.body.error).toBe('at_capacity');
    const byId = await agentCall<{ error: string }>(gateway, token.rustam, 'POST', `/api/agent/tickets/${players[2]!.ticketId}/claim`);
    expect(byId.body.error).toBe('at_capacity');
    // Refused, nothing changed: the third player still waits, first in line.
    expect((await postMessage(gateway.url, players[2]!.token, { text: 'статус' })).body.replies[0]!.handoff).toMatchObject({ status: 'queued', position: 1 });

    expect((await agentCall(gateway, token.rustam, 'POST', `/api/agent/tickets/${players[0]!.ticketId}/resolve`)).status).toBe(200);
    expect((await claimNext(token.rustam)).body.ticket.id).toBe(players[2]!.ticketId);
    for (const player of players.slice(1)) await agentCall(gateway, token.rustam, 'POST', `/api/agent/tickets/${player.ticketId}/resolve`);
  });

  it('sends a reason with a team to that team: only its agents (and those in no team) get it', async () => {
    const harm = await queued('en', 'I lost my whole salary gambling and cannot stop, I need help');
    expect(harm.handoff.reason).toBe('responsible_gambling');
    const plain = await queued('en');
    // Rena is in the rg team only: she gets the harm ticket, never the plain one.
    expect((await claimNext(token.rena)).body.ticket).toMatchObject({ id: harm.ticketId, team: 'rg' });
    expect((await claimNext(token.rena)).status).toBe(404);
    expect((await claimNext(token.aysel)).body.ticket.id).toBe(plain.ticketId);
    for (const [agent, id] of [[token.rena, harm.ticketId], [token.aysel, plain.ticketId]] as const) await agentCall(gateway, agent, 'POST', `/api/agent/tickets/${id}/resolve`);
  });

  it("alerts only the consoles of agents who serve the new ticket's language", async () => {
    const [rustam, aysel] = consoles;
    const az = await queued('az');
    const created = (reader: SseReader) => reader.next((event) => event.event === 'queue' && event.data.type === 'ticket.created' && event.data.ticketId === az.ticketId);
    expect((await created(aysel!)).data.alert).toBe(true);
    expect((await created(rustam!)).data.alert).toBe(false);
    await claimNext(token.aysel);
    await agentCall(gateway, token.aysel, 'POST', `/api/agent/tickets/${az.ticketId}/resolve`);
  });
});

describe('transfer', () => {
  it('moves a held ticket live to another agent, who is alerted and can reply; the player is told who took over', async () => {
    const player = await queued('en');
    const stream = await openEvents(gateway.url, player.token);
    expect((await claimNext(token.aysel)).body.ticket.id).toBe(player.ticketId);

    const moved = await agentCall<View>(gateway, token.aysel, 'POST', `/api/agent/tickets/${player.ticketId}/transfer`, { to: 'Sabina@demo.example' });
    expect(moved.status).toBe(200);
    expect(moved.body.ticket).toMatchObject({ status: 'assigned', agentName: 'Sabina' });
    expect((await stream.next((m: Message) => m.from === 'system' && /taking over/.test(m.text))).text).toBe('Sabina from our team is taking over your conversation.');
    const sabinaAlert = await consoles[3]!.next((event) => event.event === 'queue' && event.data.type === 'ticket.transferred' && event.data.ticketId === player.ticketId);
    expect(sabinaAlert.data).toMatchObject({ agentId: expect.any(String), alert: true });

    // Sabina's console now follows the conversation; Aysel may no longer write in it.
    await postMessage(gateway.url, player.token, { text: 'Hello Sabina' });
    await consoles[3]!.next((event) => event.event === 'message' && event.data.ticketId === player.ticketId && (event.data.message as Message).text === 'Hello Sabina');
    expect((await agentCall(gateway, token.aysel, 'POST', `/api/agent/tickets/${player.ticketId}/messages`, { text: 'still me' })).status).toBe(403);
    expect((await agentCall(gateway, token.sabina, 'POST', `/api/agent/tickets/${player.ticketId}/messages`, { text: 'Sabina here.' })).status).toBe(200);
    await stream.next((m: Message) => m.from === 'agent' && m.author === 'Sabina');
    stream.close();
    await agentCall(gateway, token.sabina, 'POST', `/api/agent/tickets/${player.ticketId}/resolve`);
  });

  it("puts a ticket transferred to a team in that team's line, and tells the player their place there", async () => {
    const player = await queued('en');
    await claimNext(token.aysel);
    const moved = await agentCall<View>(gateway, token.aysel, 'POST', `/api/agent/tickets/${player.ticketId}/transfer`, { to: 'rg' });
    expect(moved.body.ticket).toMatchObject({ status: 'queued', team: 'rg' });
    await expect.poll(async () => (await history(gateway.url, player.token)).at(-1)?.text).toMatch(/passed to colleagues who specialise in this\. You are number 1 in their queue; expected wait/);
    expect((await claimNext(token.rena)).body.ticket.id).toBe(player.ticketId);
    await agentCall(gateway, token.rena, 'POST', `/api/agent/tickets/${player.ticketId}/resolve`);
  });

  it('refuses a transfer to nobody who can take it, and by anyone but the holder or a supervisor, changing nothing', async () => {
    const player = await queued('en');
    await claimNext(token.aysel);
    const transfer = (agent: string, to: string) => agentCall<{ error: string }>(gateway, agent, 'POST', `/api/agent/tickets/${player.ticketId}/transfer`, { to });
    expect(await transfer(token.aysel, 'vip')).toMatchObject({ status: 404, body: { error: 'team_not_found' } });
    expect(await transfer(token.aysel, 'nobody@demo.example')).toMatchObject({ status: 404, body: { error: 'agent_not_found' } });
    expect(await transfer(token.aysel, 'rustam@demo.example')).toMatchObject({ status: 409, body: { error: 'agent_cannot_serve' } });
    expect(await transfer(token.rena, 'rg')).toMatchObject({ status: 403, body: { error: 'ticket_not_yours' } });
    expect(await transfer(token.aysel, '')).toMatchObject({ status: 400 });
    const view = await agentCall<View>(gateway, token.aysel, 'GET', `/api/agent/tickets/${player.ticketId}`);
    expect(view.body.ticket).toMatchObject({ status: 'assigned', agentName: 'Aysel' });
    // A supervisor may move anyone's ticket.
    expect((await transfer(token.sabina, 'rg')).status).toBe(200);
    await claimNext(token.rena);
    await agentCall(gateway, token.rena, 'POST', `/api/agent/tickets/${player.ticketId}/resolve`);
  });
});
