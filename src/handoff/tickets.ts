import type { Redis } from 'ioredis';
import { NotFoundError } from '../errors.js';
import type { HandoffKeys } from './keys.js';
import { Note, Ticket } from './schemas.js';
import { newTicketId } from './ticket-id.js';

const RECENT_WAITS = 50;

/** Ticket records, their internal notes, and the recent pickup times the wait estimate comes from. */
export class TicketStore {
  constructor(
    private readonly redis: Redis,
    private readonly keys: HandoffKeys,
  ) {}

  /** Reserves a fresh human-friendly id and stores the ticket under it. */
  async create(ticket: Omit<Ticket, 'id'>): Promise<Ticket> {
    for (let attempt = 0; attempt < 20; attempt++) {
      const id = newTicketId(attempt < 10 ? 4 : 6);
      const created = await this.redis.hsetnx(this.keys.ticket(id), 'id', id);
      if (created === 1) {
        const full: Ticket = { ...ticket, id };
        await this.redis.hset(this.keys.ticket(id), serialize(full));
        return full;
      }
    }
    throw new Error('could not allocate a ticket id');
  }

  async get(id: string): Promise<Ticket | undefined> {
    const fields = await this.redis.hgetall(this.keys.ticket(id));
    if (!fields.status) return undefined;
    return Ticket.parse({ ...fields, facts: JSON.parse(fields.facts ?? '{}') });
  }

  async require(id: string): Promise<Ticket> {
    const ticket = await this.get(id);
    if (!ticket) throw new NotFoundError(`Ticket ${id} does not exist.`, 'ticket_not_found');
    return ticket;
  }

  async update(id: string, patch: Partial<Ticket>, remove: Array<keyof Ticket> = []): Promise<void> {
    const fields = serialize(patch);
    if (Object.keys(fields).length > 0) await this.redis.hset(this.keys.ticket(id), fields);
    if (remove.length > 0) await this.redis.hdel(this.keys.ticket(id), ...remove);
  }

  async addNote(id: string, note: Note): Promise<void> {
    await this.redis.rpush(this.keys.notes(id), JSON.stringify(note));
  }

  async notes(id: string): Promise<Note[]> {
    return (await this.redis.lrange(this.keys.notes(id), 0, -1)).map((raw) => Note.parse(JSON.parse(raw)));
  }

  async hold(agentId: string, ticketId: string): Promise<void> {
    await this.redis.sadd(this.keys.heldBy(agentId), ticketId);
  }

  async letGo(agentId: string, ticketId: string): Promise<void> {
    await this.redis.srem(this.keys.heldBy(agentId), ticketId);
  }

  /** Ids of the tickets the agent holds (a handful: what one person can work on at once). */
  async heldIds(agentId: string): Promise<string[]> {
    return this.redis.smembers(this.keys.heldBy(agentId));
  }

  /** The BullMQ lock token of an assigned ticket: any replica can extend or complete the job with it. */
  async setLockToken(id: string, token: string | undefined): Promise<void> {
    if (token) await this.redis.set(this.keys.lockToken(id), token);
    else await this.redis.del(this.keys.lockToken(id));
  }

  async lockToken(id: string): Promise<string | undefined> {
    return (await this.redis.get(this.keys.lockToken(id))) ?? undefined;
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

function serialize(ticket: Partial<Ticket>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(ticket)) {
    if (value === undefined) continue;
    out[key] = typeof value === 'object' ? JSON.stringify(value) : String(value);
  }
  return out;
}
