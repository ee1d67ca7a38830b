import type { Redis } from 'ioredis';

/** Ticket ages in ms fit below this, so `priority * AGE_SPAN + age` orders by priority, then age. */
const AGE_SPAN = 1e13;

/** A ticket's place in line: priority first, then age (a released ticket keeps its age). */
export function lineScore(priority: number, createdAt: string): number {
  return priority * AGE_SPAN + Date.parse(createdAt);
}

/**
 * The waiting tickets in the order agents get them — priority, then age — as one Redis sorted set
 * that every transition (open, claim, release, return, escalate) changes in the same step as the
 * ticket (`ConversationStateMachine`); `add` only lines up tickets older than that. A player's place is a
 * rank lookup and the next ticket is the first member, whatever the length of the queue: nothing
 * here loads the queue.
 */
export class WaitingLine {
  constructor(
    private readonly redis: Redis,
    private readonly key: string,
  ) {}

  /** Puts a ticket queued by an earlier version in line. */
  async add(ticketId: string, priority: number, createdAt: string): Promise<void> {
    await this.redis.zadd(this.key, lineScore(priority, createdAt), ticketId);
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

  /**
   * When the longest-waiting ticket was created (ms), or undefined when none waits. The line is
   * ordered by priority first, so that ticket is the first of one of the priorities: one lookup
   * per priority present, never a walk through the line.
   */
  async oldestCreatedAt(): Promise<number | undefined> {
    let oldest: number | undefined;
    let from = '-inf';
    for (;;) {
      const [, score] = await this.redis.zrangebyscore(this.key, from, '+inf', 'WITHSCORES', 'LIMIT', 0, 1);
      if (score === undefined) return oldest;
      const priority = Math.floor(Number(score) / AGE_SPAN);
      const createdAt = Number(score) - priority * AGE_SPAN;
      oldest = Math.min(oldest ?? createdAt, createdAt);
      from = String((priority + 1) * AGE_SPAN);
    }
  }

  /** Every waiting ticket, next first (the console's queue list). */
  async all(): Promise<string[]> {
    return this.redis.zrange(this.key, 0, -1);
  }
}
