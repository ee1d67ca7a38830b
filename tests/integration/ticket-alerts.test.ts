import { Redis } from 'ioredis';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UnclaimedTicketAlerts } from '../../src/handoff/alerts.js';
import { AgentEvents } from '../../src/handoff/events.js';
import { handoffKeys } from '../../src/handoff/keys.js';
import { TicketStore, ticketFields } from '../../src/handoff/tickets.js';
import { lineScore } from '../../src/handoff/waiting-line.js';
import { conversationKeys } from '../../src/conversation/keys.js';
import { ConversationStateMachine, type TicketRef } from '../../src/conversation/state-machine.js';
import { ConversationStore } from '../../src/conversation/store.js';
import { deleteKeys, TEST_REDIS_URL, testConnections, uniquePrefix } from '../helpers/redis.js';

/** Re-alerts about unclaimed tickets, on a real Redis: a delayed BullMQ job per round. */
const prefix = uniquePrefix('alerts');
const keys = handoffKeys(prefix);
const redis = new Redis(TEST_REDIS_URL);
const subscriber = new Redis(TEST_REDIS_URL, { lazyConnect: true });
const heard: Array<{ type: string; ticketId: string }> = [];
let alerts: UnclaimedTicketAlerts;
let connections: Awaited<ReturnType<typeof testConnections>>;
const tickets = new TicketStore(redis, keys);

beforeAll(async () => {
  const events = new AgentEvents(redis, keys.agentEvents);
  await subscriber.connect();
  await subscriber.subscribe(keys.agentEvents);
  subscriber.on('message', (_channel, payload) => heard.push(JSON.parse(payload)));
  connections = await testConnections('alerts-test');
  alerts = new UnclaimedTicketAlerts({ connections, keys, alertMs: 150, tickets, events, logger: pino({ level: 'silent' }) });
});
afterAll(async () => {
  await alerts.close();
  connections.closeAll();
  subscriber.disconnect();
  redis.disconnect();
  await deleteKeys(prefix);
});

const conversations = new ConversationStore(redis, conversationKeys(prefix));
const state = new ConversationStateMachine(redis, keys.state, 3600);
let opened = 0;

/** A waiting dispute ticket, opened the way the bot opens one. */
async function ticket(): Promise<TicketRef> {
  const { conversation } = await conversations.ensure({ channel: 'webchat', chatId: `player-${++opened}`, locale: 'en' });
  const createdAt = new Date().toISOString();
  const ref = { id: `T-ALR${opened}`, conversationKey: conversation.key, locale: 'en' };
  const fields = ticketFields({ ...ref, channel: 'webchat', locale: 'en', reason: 'dispute', facts: {}, summary: 's', priority: 2, createdAt });
  expect(await state.open(ref, fields, lineScore(2, createdAt))).toMatchObject({ type: 'ticket.created' });
  return ref;
}

describe('unclaimed ticket alerts', () => {
  it('alerts again and again while nobody claims the ticket, and stops once someone has', async () => {
    const waiting = await ticket();
    await alerts.scheduleFirst(waiting.id);
    const alertsFor = (id: string) => heard.filter((event) => event.type === 'ticket.alert' && event.ticketId === id).length;
    await expect.poll(() => alertsFor(waiting.id), { timeout: 5000 }).toBeGreaterThanOrEqual(3);

    expect(await state.claim(waiting, { id: 'agent-1', name: 'Anna' }, 'agent-1.token')).toMatchObject({ type: 'ticket.claimed' });
    // An alert scheduled after that for another, still waiting ticket comes through: the claimed one's rounds, due first, did not.
    const after = alertsFor(waiting.id);
    const other = await ticket();
    await alerts.scheduleFirst(other.id);
    await expect.poll(() => alertsFor(other.id), { timeout: 5000 }).toBeGreaterThanOrEqual(2);
    expect(alertsFor(waiting.id)).toBeLessThanOrEqual(after + 1);
  });
});
