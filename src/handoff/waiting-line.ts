import type { Redis } from 'ioredis';

/** Ticket ages in ms fit below this, so `priority * AGE_SPAN + age` orders by priority, then age. */
const AGE_SPAN = 1e13;

/**
 * The waiting tickets in the order agents get them — priority, then age — as one Redis sorted set
 * kept up to date on every change (open, claim, release, return, escalate). A player's place is a
 * rank lookup and the next ticket is the first member, whatever the length of the queue: nothing
 * here loads the queue.
 */
export class WaitingLine {
  constructor(
    private readonly redis: Redis,
    private readonly key: string,
  ) {}

  /** Puts a ticket in line, or moves it to its place for a new priority; a released ticket keeps its age. */
  async add(ticketId: string, priority: number, createdAt: string): Promise<void> {
    await this.redis.zadd(this.key, priority * AGE_SPAN + Date.parse(createdAt), ticketId);
  }

  async remove(ticketId: string): Promise<void> {
    await this.redis.zrem(this.key, ticketId);
  }

  /** 1 for the next ticket; undefined when it is not waiting. */
  async position(ticketId: string): Promise<number | undefined> {
    const rank = await this.redis.zrank(this.key, ticketId);
    return rank === null ? undefined : rank + 1;
  }

  /** The first `count` waiting tickets, next first. */
  async front(count: number): Promise<string[]> {
    return this.redis.zrange(this.key, 0, count - 1);
  }

  /** Every waiting ticket, next first (the console's queue list). */
  async all(): Promise<string[]> {
    return this.redis.zrange(this.key, 0, -1);
  }
}
