import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Message } from '../../src/core/schemas.js';
import { addAgent, agentCall, loginAgent, openAgentEvents } from '../helpers/agent.js';
import { startTestApp, stopTestApps, type TestApp } from '../helpers/app.js';
import { uniquePrefix } from '../helpers/redis.js';
import { createSession, history, openEvents, postMessage } from '../helpers/webchat.js';

let prefix: string;
let gateway: TestApp;
let anna: string;
let boris: string;

type View = {
  ticket: { id: string; status: string; reason: string; summary: string; facts: Record<string, string>; ackDueAt?: string; finalDueAt?: string; agentName?: string; createdAt: string; priority: number };
  transcript: Message[];
  notes: Array<{ text: string }>;
  suggestions: Array<{ articleId: string }>;
  position?: number;
};

// Each test has a gateway, a queue (its own key prefix) and agents of its own: none depends on another's leftovers.
beforeEach(async () => {
  prefix = uniquePrefix('handoff');
  gateway = await startTestApp({ prefix, env: { ADMIN_PASSWORD: 'ops-password-123', HANDOFF_ALERT_SECONDS: '1' } });
  await addAgent(gateway, 'anna@demo.example', 'Anna');
  await addAgent(gateway, 'boris@demo.example', 'Boris');
  anna = await loginAgent(gateway, 'anna@demo.example');
  boris = await loginAgent(gateway, 'boris@demo.example');
});
afterEach(async () => {
  await stopTestApps(prefix, gateway);
});

describe('a dispute, from the first complaint to the rating', () => {
  it('collects facts, queues, lets an agent talk to the player, resolves and asks for a rating', async () => {
    // Anna's console is open, so the player is promised a wait.
    const events = await openAgentEvents(gateway, anna);
    const { token } = await createSession(gateway.url);
    const answered = await postMessage(gateway.url, token, { text: 'how long does a withdrawal to visa take' });
    const citedHash = answered.body.replies[0]!.citations![0]!.hash;

    const complaint = await postMessage(gateway.url, token, { text: 'You voided my winnings for no reason, this is a scam' });
    expect(complaint.body.replies).toHaveLength(1);
    expect(complaint.body.replies[0]!.handoff).toEqual({ reason: 'dispute', status: 'collecting' });
    expect(complaint.body.replies[0]!.text).toMatch(/round or transaction ID/);

    const facts = await postMessage(gateway.url, token, { text: 'Roulette, yesterday at 21:10, 300 EUR, round 88AB12CD' });
    const queued = facts.body.replies[0]!;
    expect(queued.handoff).toMatchObject({ reason: 'dispute', status: 'queued', ticketId: expect.stringMatching(/^T-[A-Z0-9]{4}$/), position: 1 });
    expect(queued.handoff).toMatchObject({ agentsOnline: true, etaSeconds: expect.any(Number) });
    expect(queued.text).toMatch(/You are number 1 in the queue; expected wait (about \d+ minutes?|under a minute)\./);
    expect(queued.text).toContain(queued.handoff!.ticketId!);
    const ticketId = queued.handoff!.ticketId!;

    const status = await postMessage(gateway.url, token, { text: 'status' });
    expect(status.body.replies[0]!.text).toMatch(new RegExp(`Ticket ${ticketId}: you are number 1`));
    const waiting = await postMessage(gateway.url, token, { text: 'Are you there? I am still waiting.' });
    expect(waiting.body.replies[0]!.text).toMatch(/agent will see it/);
    const again = await postMessage(gateway.url, token, { text: 'hello??' });
    expect(again.body.replies).toEqual([]);

    const queue = await agentCall<{ tickets: Array<{ ticket: View['ticket']; position: number }> }>(gateway, anna, 'GET', '/api/agent/queue');
    const entry = queue.body.tickets.find((t) => t.ticket.id === ticketId)!;
    expect(entry.position).toBe(1);
    expect(Date.parse(entry.ticket.ackDueAt!) - Date.parse(entry.ticket.createdAt)).toBe(24 * 3600 * 1000);
    expect(Date.parse(entry.ticket.finalDueAt!) - Date.parse(entry.ticket.createdAt)).toBe(56 * 24 * 3600 * 1000);

    const player = await openEvents(gateway.url, token);
    const claimed = await agentCall<View>(gateway, anna, 'POST', '/api/agent/claim');
    expect(claimed.status).toBe(200);
    expect(claimed.body.ticket).toMatchObject({ id: ticketId, status: 'assigned', agentName: 'Anna', reason: 'dispute' });
    expect(claimed.body.ticket.facts).toMatchObject({ amount: '300 EUR', reference: '88AB12CD', game: 'Roulette' });
    expect(claimed.body.ticket.summary).toMatch(/Dispute.*voided my winnings/);
    expect(claimed.body.transcript.map((m) => m.text)).toContain('Are you there? I am still waiting.');
    expect(claimed.body.suggestions.length).toBeGreaterThan(0);
    expect((await player.next((m) => m.from === 'system' && m.handoff?.status === 'assigned')).text).toMatch(/Anna from our team has joined/);

    await agentCall(gateway, anna, 'POST', `/api/agent/tickets/${ticketId}/messages`, { text: 'Hi, I am checking round 88AB12CD now.' });
    expect(await player.next((m) => m.from === 'agent')).toMatchObject({ author: 'Anna', text: 'Hi, I am checking round 88AB12CD now.' });

    const whileHeld = await postMessage(gateway.url, token, { text: 'Thank you, how long will it take?' });
    expect(whileHeld.body.replies).toEqual([]);
    const relayed = await events.next((e) => e.event === 'message' && (e.data.message as Message).from === 'player');
    expect(relayed.data).toMatchObject({ ticketId, message: { text: 'Thank you, how long will it take?' } });

    await agentCall(gateway, anna, 'POST', `/api/agent/tickets/${ticketId}/notes`, { text: 'Provider ticket opened.' });
    const caseFile = await agentCall<{ transcript: Message[]; facts: Record<string, string>; notes: Array<{ text: string }>; citedArticles: Array<{ id: string; hash: string; sections?: unknown[] }> }>(
      gateway,
      anna,
      'GET',
      `/api/agent/tickets/${ticketId}/export`,
    );
    expect(caseFile.body.notes.map((n) => n.text)).toEqual(['Provider ticket opened.']);
    expect(caseFile.body.facts.reference).toBe('88AB12CD');
    expect(caseFile.body.citedArticles).toEqual([expect.objectContaining({ id: 'payments-withdrawal-times', hash: citedHash, sections: expect.any(Array) })]);
    expect((await history(gateway.url, token)).some((m) => m.text.includes('Provider ticket opened'))).toBe(false);

    const resolved = await agentCall<{ ticket: View['ticket'] }>(gateway, anna, 'POST', `/api/agent/tickets/${ticketId}/resolve`);
    expect(resolved.body.ticket.status).toBe('resolved');
    const ask = await player.next((m) => m.handoff?.status === 'resolved');
    expect(ask.text).toMatch(/from 1 \(poor\) to 5/);
    expect(ask.actions?.map((a) => a.value)).toEqual(['1', '2', '3', '4', '5']);

    const rating = await postMessage(gateway.url, token, { text: '5' });
    expect(rating.body.replies[0]!.text).toMatch(/Thank you for your rating/);
    const back = await postMessage(gateway.url, token, { text: 'what is the max bet while wagering a bonus' });
    expect(back.body.replies[0]!.citations?.[0]?.id).toBe('bonus-wagering');

    const metrics = await (await fetch(`${gateway.url}/metrics`)).text();
    expect(metrics).toMatch(/^pitboss_handoffs_total\{reason="dispute"\} 1$/m);
    expect(metrics).toMatch(/^pitboss_conversations_total 1$/m);
    expect(metrics).toMatch(/^pitboss_csat_rating_count 1$/m);
    expect(metrics).toMatch(/^pitboss_csat_rating_sum 5$/m);
    expect(metrics).toMatch(/^pitboss_csat_rating_bucket\{le="4"\} 0$/m);
    expect(metrics).toMatch(/^pitboss_queue_wait_seconds_count 1$/m);
    player.close();
    events.close();
  });
});

describe('triage on the way in', () => {
  it('shows responsible-gambling help first, hands off at top priority, and keeps bonus offers away afterwards', async () => {
    const first = await createSession(gateway.url);
    await postMessage(gateway.url, first.token, { text: 'I want to talk to a human' });
    const { token } = await createSession(gateway.url, { locale: 'ru' });
    const { body } = await postMessage(gateway.url, token, { text: 'Проиграл всю зарплату, надо срочно отыграться, не могу остановиться' });
    const [help, queued] = body.replies;
    expect(help!.text).toMatch(/самоисключение/);
    expect(help!.text).not.toMatch(/бонус/i);
    expect(help!.handoff).toMatchObject({ reason: 'responsible_gambling', status: 'queued', position: 1 });
    expect(queued!.text).toMatch(/Вы на 1-м месте в очереди/);

    const queue = await agentCall<{ tickets: Array<{ ticket: View['ticket']; position?: number }> }>(gateway, anna, 'GET', '/api/agent/queue');
    expect(queue.body.tickets.filter((t) => t.position).map((t) => t.ticket.reason)).toEqual(['responsible_gambling', 'requested']);

    const claimed = await agentCall<View>(gateway, anna, 'POST', '/api/agent/claim');
    expect(claimed.body.ticket.reason).toBe('responsible_gambling');
    await agentCall(gateway, anna, 'POST', `/api/agent/tickets/${claimed.body.ticket.id}/resolve`);
    await postMessage(gateway.url, token, { text: 'нет' });
    const bonus = await postMessage(gateway.url, token, { text: 'какой приветственный бонус на первый депозит?' });
    expect(bonus.body.replies[0]!.text).toMatch(/не помогаю с бонусами/);
    expect(bonus.body.replies[0]!.citations).toBeUndefined();
  });

  it('moves a waiting ticket to the top when the player shows signs of harm while queued', async () => {
    const first = await createSession(gateway.url);
    await postMessage(gateway.url, first.token, { text: 'operator please' });
    const { token } = await createSession(gateway.url);
    const queued = (await postMessage(gateway.url, token, { text: 'I want a human' })).body.replies[0]!.handoff!;
    expect(queued.position).toBe(2);
    const { body } = await postMessage(gateway.url, token, { text: 'I lost my rent money and I cannot stop playing' });
    expect(body.replies[0]!.text).toMatch(/self-exclude/);
    const queue = await agentCall<{ tickets: Array<{ ticket: View['ticket']; position?: number }> }>(gateway, anna, 'GET', '/api/agent/queue');
    expect(queue.body.tickets.filter((t) => t.position).map((t) => [t.ticket.id, t.ticket.reason])).toEqual([
      [queued.ticketId, 'responsible_gambling'],
      [expect.any(String), 'requested'],
    ]);
  });

  it('hands off at once when the player taps "Talk to an agent"', async () => {
    const { token } = await createSession(gateway.url, { locale: 'az' });
    const { body } = await postMessage(gateway.url, token, { text: 'Operatorla danış' });
    expect(body.replies[0]!.handoff).toMatchObject({ reason: 'requested', status: 'queued' });
    expect(body.replies[0]!.text).toMatch(/Müraciətinizin nömrəsi T-/);
  });

  it('hands off as unresolved after two answers the bot was not sure about', async () => {
    const { token } = await createSession(gateway.url);
    const first = await postMessage(gateway.url, token, { text: 'what is the tallest mountain on mars' });
    expect(first.body.replies[0]!.handoff).toBeUndefined();
    const second = await postMessage(gateway.url, token, { text: 'recommend a pizza place near the stadium' });
    expect(second.body.replies[0]!.handoff).toMatchObject({ reason: 'unresolved', status: 'queued' });
  });

  it('queues an account question at once when the player already gave the facts', async () => {
    const { token } = await createSession(gateway.url);
    const { body } = await postMessage(gateway.url, token, { text: 'where is my withdrawal of 200 EUR from yesterday?' });
    expect(body.replies[0]!.handoff).toMatchObject({ reason: 'account_specific', status: 'queued' });
  });

  it('never stores a full card number the player typed', async () => {
    const { token } = await createSession(gateway.url);
    await postMessage(gateway.url, token, { text: 'my card 4111 1111 1111 1111 was declined' });
    expect((await history(gateway.url, token))[1]!.text).toBe('my card 411111******1111 was declined');
  });
});

/** Players who each asked for an agent, in order, with how many messages each had when queued. */
async function queuePlayers(count: number): Promise<Array<{ token: string; told: number }>> {
  const players = [];
  for (let i = 0; i < count; i++) {
    const { token } = await createSession(gateway.url);
    await postMessage(gateway.url, token, { text: 'operator please' });
    players.push({ token, told: (await history(gateway.url, token)).length });
  }
  return players;
}

describe('agents and the queue', () => {
  it('puts a released ticket back at its priority and tells the player', async () => {
    const { token } = await createSession(gateway.url);
    const queued = (await postMessage(gateway.url, token, { text: 'I need a real person please' })).body.replies[0]!.handoff!;
    const claim = await agentCall<View>(gateway, anna, 'POST', `/api/agent/tickets/${queued.ticketId}/claim`);
    expect(claim.body.ticket.status).toBe('assigned');
    const taken = await agentCall(gateway, boris, 'POST', `/api/agent/tickets/${queued.ticketId}/claim`);
    expect(taken.status).toBe(409);
    const foreign = await agentCall(gateway, boris, 'POST', `/api/agent/tickets/${queued.ticketId}/messages`, { text: 'hi' });
    expect(foreign.status).toBe(403);

    const released = await agentCall<{ handoff: { status: string; position: number } }>(gateway, anna, 'POST', `/api/agent/tickets/${queued.ticketId}/release`);
    expect(released.body.handoff).toMatchObject({ status: 'queued', position: 1 });
    const notice = (await history(gateway.url, token)).at(-1)!;
    expect(notice.text).toMatch(/back in the queue/);
    const view = await agentCall<View>(gateway, boris, 'GET', `/api/agent/tickets/${queued.ticketId}`);
    expect(view.body.ticket).toMatchObject({ status: 'queued', priority: 5 });
  });

  it('lets a released ticket be claimed again by id, without moving it above more urgent tickets', async () => {
    type Queue = { tickets: Array<{ ticket: { id: string; priority: number }; position?: number }> };
    const waitingOrder = async () => (await agentCall<Queue>(gateway, boris, 'GET', '/api/agent/queue')).body.tickets.filter((e) => e.position).map((e) => e.ticket.id);
    const harm = (await postMessage(gateway.url, (await createSession(gateway.url)).token, { text: 'I borrowed money to gamble and lost it all, I cannot stop' })).body.replies.find((r) => r.handoff)!.handoff!;
    const asked = (await postMessage(gateway.url, (await createSession(gateway.url)).token, { text: 'I need a real person please' })).body.replies[0]!.handoff!;
    expect(await waitingOrder()).toEqual([harm.ticketId, asked.ticketId]);

    expect((await agentCall<View>(gateway, anna, 'POST', `/api/agent/tickets/${asked.ticketId}/claim`)).status).toBe(200);
    await agentCall(gateway, anna, 'POST', `/api/agent/tickets/${asked.ticketId}/release`);
    expect(await waitingOrder()).toEqual([harm.ticketId, asked.ticketId]);

    const again = await agentCall<View>(gateway, boris, 'POST', `/api/agent/tickets/${asked.ticketId}/claim`);
    expect(again.status).toBe(200);
    expect(again.body.ticket).toMatchObject({ status: 'assigned', agentName: 'Boris', priority: 5 });
    expect(await waitingOrder()).toEqual([harm.ticketId]);
    await agentCall(gateway, boris, 'POST', `/api/agent/tickets/${asked.ticketId}/release`);
    expect(await waitingOrder()).toEqual([harm.ticketId, asked.ticketId]);
    const harmView = await agentCall<View>(gateway, boris, 'GET', `/api/agent/tickets/${harm.ticketId}`);
    expect(harmView.body.ticket.priority).toBe(1);
  });

  it('tells a waiting player when their place in the queue moves up', async () => {
    const a = await createSession(gateway.url);
    const b = await createSession(gateway.url);
    await postMessage(gateway.url, a.token, { text: 'agent please' });
    const second = (await postMessage(gateway.url, b.token, { text: 'operator' })).body.replies[0]!.handoff!;
    expect(second.position).toBe(2);
    await agentCall(gateway, anna, 'POST', '/api/agent/claim');
    await expect.poll(async () => (await history(gateway.url, b.token)).at(-1)?.text).toMatch(/you are now number 1 in the queue/);
  });

  it('tells no one they moved back when a more urgent ticket comes first, and the new first in line that they are next', async () => {
    const online = await openAgentEvents(gateway, anna);
    const players = await queuePlayers(5);
    const news = async (player: { token: string; told: number }) => (await history(gateway.url, player.token)).slice(player.told).map((m) => m.text);
    // A more urgent ticket pushes everyone back: no one is told (the turn's answer comes after the announcements).
    await postMessage(gateway.url, (await createSession(gateway.url)).token, { text: 'I borrowed money to gamble and lost it all, I cannot stop' });
    for (const player of players) expect(await news(player)).toEqual([]);

    // The first moves up to next and hears it; the others moved up too, but heard their place seconds ago.
    await agentCall(gateway, anna, 'POST', '/api/agent/claim');
    expect(await news(players[0]!)).toEqual([expect.stringMatching(/you are now number 1 in the queue; expected wait /)]);
    for (const player of players.slice(1)) expect(await news(player)).toEqual([]);
    online.close();
  });

  it('tells a player of a better place at most once every two minutes, unless they are now next', async () => {
    const players = await queuePlayers(4);
    const last = players[3]!;
    const news = async () => (await history(gateway.url, last.token)).slice(last.told).map((m) => m.text);
    // Told "number 4" when queued; moving up twice seconds later is not worth a message each time…
    await agentCall(gateway, anna, 'POST', '/api/agent/claim');
    await agentCall(gateway, boris, 'POST', '/api/agent/claim');
    expect(await news()).toEqual([]);
    // …but being next is.
    await agentCall(gateway, anna, 'POST', '/api/agent/claim');
    expect(await news()).toEqual([expect.stringMatching(/you are now number 1 in the queue/)]);
  });

  it('alerts agents about a new ticket and again when nobody claims it', async () => {
    const events = await openAgentEvents(gateway, boris);
    const { token } = await createSession(gateway.url);
    const ticketId = (await postMessage(gateway.url, token, { text: 'talk to an operator' })).body.replies[0]!.handoff!.ticketId;
    await events.next((e) => e.event === 'queue' && e.data.type === 'ticket.created' && e.data.ticketId === ticketId);
    await events.next((e) => e.event === 'queue' && e.data.type === 'ticket.alert' && e.data.ticketId === ticketId, 8000);
    events.close();
  });

  it('refuses player tokens, anonymous calls and wrong passwords, and locks out a guessing attacker', async () => {
    const player = await createSession(gateway.url);
    expect((await agentCall(gateway, player.token, 'GET', '/api/agent/queue')).status).toBe(401);
    expect((await agentCall(gateway, undefined, 'POST', '/api/agent/claim')).status).toBe(401);
    expect((await agentCall(gateway, undefined, 'GET', '/api/agent/tickets/T-2345')).status).toBe(401);
    expect((await agentCall(gateway, anna, 'GET', '/api/agent/tickets/not-a-ticket')).status).toBe(400);
    expect((await agentCall(gateway, anna, 'POST', '/api/agent/tickets/T-2345/messages', { text: '' })).status).toBe(400);

    await addAgent(gateway, 'victim@demo.example', 'Victim');
    const tries = [];
    for (let i = 0; i < 5; i++) tries.push((await agentCall(gateway, undefined, 'POST', '/api/agent/login', { email: 'victim@demo.example', password: `guess-${i}` })).status);
    expect(tries).toEqual([401, 401, 401, 401, 401]);
    const locked = await agentCall<{ error: string }>(gateway, undefined, 'POST', '/api/agent/login', { email: 'victim@demo.example', password: 'correct horse battery' });
    expect(locked.status).toBe(429);
    expect(locked.body.error).toBe('too_many_requests');
  });

  it('protects the queue dashboard with basic auth', async () => {
    expect((await fetch(`${gateway.url}/admin/queues`)).status).toBe(401);
    const auth = `Basic ${Buffer.from('admin:ops-password-123').toString('base64')}`;
    const page = await fetch(`${gateway.url}/admin/queues`, { headers: { authorization: auth } });
    expect(page.status).toBe(200);
    expect(await page.text()).toMatch(/<html/i);
  });
});
