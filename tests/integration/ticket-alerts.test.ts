import { Redis } from 'ioredis';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UnclaimedTicketAlerts } from '../../src/handoff/alerts.js';
import { AgentEvents } from '../../src/handoff/events.js';
import { handoffKeys } from '../../src/handoff/keys.js';
import { TicketStore } from '../../src/handoff/tickets.js';
import { deleteKeys, TEST_REDIS_URL, uniquePrefix } from '../helpers/redis.js';

/** Re-alerts about unclaimed tickets, on a real Redis: a delayed BullMQ job per round. */
const prefix = uniquePrefix('alerts');
const keys = handoffKeys(prefix);
const redis = new Redis(TEST_REDIS_URL);
const subscriber = new Redis(TEST_REDIS_URL, { lazyConnect: true });
const heard: Array<{ type: string; ticketId: string }> = [];
let alerts: UnclaimedTicketAlerts;
const tickets = new TicketStore(redis, keys);

beforeAll(async () => {
  const events = new AgentEvents(redis, keys.agentEvents);
  await subscriber.connect();
  await subscriber.subscribe(keys.agentEvents);
  subscriber.on('message', (_channel, payload) => heard.push(JSON.parse(payload)));
  alerts = new UnclaimedTicketAlerts({ redisUrl: TEST_REDIS_URL, keys, alertMs: 150, tickets, events, logger: pino({ level: 'silent' }) });
});
afterAll(async () => {
  await alerts.close();
  subscriber.disconnect();
  redis.disconnect();
  await deleteKeys(prefix);
});

const ticket = (status: 'queued' | 'assigned') =>
  tickets.create({ conversationKey: 'webchat:x', channel: 'webchat', locale: 'en', reason: 'dispute', facts: {}, summary: 's', priority: 2, status, createdAt: new Date().toISOString() });

describe('unclaimed ticket alerts', () => {
  it('alerts again and again while nobody claims the ticket, and stops once someone has', async () => {
    const waiting = await ticket('queued');
    await alerts.scheduleFirst(waiting.id);
    const alertsFor = (id: string) => heard.filter((event) => event.type === 'ticket.alert' && event.ticketId === id).length;
    await expect.poll(() => alertsFor(waiting.id), { timeout: 5000 }).toBeGreaterThanOrEqual(3);

    await tickets.update(waiting.id, { status: 'assigned' });
    // An alert scheduled after that for another, still waiting ticket comes through: the claimed one's rounds, due first, did not.
    const after = alertsFor(waiting.id);
    const other = await ticket('queued');
    await alerts.scheduleFirst(other.id);
    await expect.poll(() => alertsFor(other.id), { timeout: 5000 }).toBeGreaterThanOrEqual(2);
    expect(alertsFor(waiting.id)).toBeLessThanOrEqual(after + 1);
  });
});
