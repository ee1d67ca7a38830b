import type { Redis } from 'ioredis';
import { RECORD_OUTBOX_MAXLEN } from '../conversation/keys.js';
import { NotFoundError } from '../errors.js';
import type { HandoffKeys } from './keys.js';
import type { JobTarget } from './queue.js';
import { Note, parseTicketHash, type Ticket } from '../core/ticket.js';

const RECENT_WAITS = 50;


/**
 * Reads ticket records (their state is written only by the conversation state machine), their
 * internal notes, ratings, the token their BullMQ job is locked with, and the recent pickup times
 * the wait estimate comes from.
 */
export class TicketStore {
  constructor(
    private readonly redis: Redis,
    private readonly keys: HandoffKeys,
  ) {}

  async get(id: string): Promise<Ticket | undefined> {
    const fields = await this.redis.hgetall(this.keys.ticket(id));
    return fields.status ? parseTicketHash(fields) : undefined;
  }

  async require(id: string): Promise<Ticket> {
    const ticket = await this.get(id);
    if (!ticket) throw new NotFoundError(`Ticket ${id} does not exist.`, 'ticket_not_found');
    return ticket;
  }

  /** The ticket, and what its BullMQ job should look like now with the token it is locked with: one read. */
  async withJob(id: string): Promise<{ ticket: Ticket; job: JobTarget } | undefined> {
    const fields = await this.redis.hgetall(this.keys.ticket(id));
    if (!fields.status) return undefined;
    const ticket = parseTicketHash(fields);
    const { conversationKey, channel, locale, reason, facts, summary } = ticket;
    const job: JobTarget = {
      id,
      status: ticket.status,
      priority: ticket.priority,
      lockToken: fields.lockToken,
      jobToken: fields.jobToken,
      agentId: ticket.agentId,
      data: { conversationKey, channel, locale, reason, facts, summary },
    };
    return { ticket, job };
  }

  async setJobToken(id: string, token: string | undefined): Promise<void> {
    if (token) await this.redis.hset(this.keys.ticket(id), 'jobToken', token);
    else await this.redis.hdel(this.keys.ticket(id), 'jobToken');
  }

  /** The token the ticket's job is locked with while an agent holds it (heartbeats extend it). */
  async jobToken(id: string): Promise<string | undefined> {
    return (await this.redis.hget(this.keys.ticket(id), 'jobToken')) ?? undefined;
  }

  /** The player's rating; the system of record copies the ticket again. */
  async rate(id: string, rating: number): Promise<void> {
    await this.redis
      .multi()
      .hset(this.keys.ticket(id), 'rating', String(rating))
      .xadd(this.keys.state.recordOutbox, 'MAXLEN', '~', RECORD_OUTBOX_MAXLEN, '*', 'kind', 'ticket', 'ticketId', id)
      .exec();
  }

  /** An internal note, and its copy for the system of record, in one step. */
  async addNote(id: string, note: Note): Promise<void> {
    const json = JSON.stringify(note);
    await this.redis
      .multi()
      .rpush(this.keys.notes(id), json)
      .xadd(this.keys.state.recordOutbox, 'MAXLEN', '~', RECORD_OUTBOX_MAXLEN, '*', 'kind', 'note', 'ticketId', id, 'note', json)
      .exec();
  }

  async notes(id: string): Promise<Note[]> {
    return (await this.redis.lrange(this.keys.notes(id), 0, -1)).map((raw) => Note.parse(JSON.parse(raw)));
  }

  /** Ids of the tickets the agent holds (a handful: what one person can work on at once). */
  async heldIds(agentId: string): Promise<string[]> {
    return this.redis.smembers(this.keys.heldBy(agentId));
  }

  async recordWait(seconds: number): Promise<void> {
    await this.redis.multi().lpush(this.keys.recentWaits, String(Math.round(seconds))).ltrim(this.keys.recentWaits, 0, RECENT_WAITS - 1).exec();
  }

  /** Median seconds from ticket to pickup over the recent tickets, or undefined with no history. */
  async typicalWait(): Promise<number | undefined> {
    const waits = (await this.redis.lrange(this.keys.recentWaits, 0, -1)).map(Number).sort((a, b) => a - b);
    if (waits.length === 0) return undefined;
    return waits[Math.floor(waits.length / 2)];
  }
}

/** A ticket's fields as the state machine stores them: strings, objects as JSON. */
export function ticketFields(ticket: Partial<Ticket>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(ticket)) {
    if (value === undefined) continue;
    out[key] = typeof value === 'object' ? JSON.stringify(value) : String(value);
  }
  return out;
}
