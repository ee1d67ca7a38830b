import type { Redis } from 'ioredis';
import { lineOf } from '../core/ticket.js';

/** Ticket ages in ms fit below this, so `priority * AGE_SPAN + age` orders by priority, then age. */
const AGE_SPAN = 1e13;

/** A ticket's place in line: priority first, then age (a released ticket keeps its age). */
export function lineScore(priority: number, createdAt: string): number {
  return priority * AGE_SPAN + Date.parse(createdAt);
}

/** What places a ticket in a line: its language and team (`lineOf`). */
export interface Lined {
  id: string;
  locale: string;
  team?: string;
}

/** A line's language and team, read back from its name. */
export interface LineName {
  locale: string;
  team: string | undefined;
}

/**
 * The waiting tickets in the order agents get them — priority, then age — as one Redis sorted set
 * per language and team, which every transition (open, claim, release, return, escalate, transfer)
 * changes in the same step as the ticket (`ConversationStateMachine`); `add` only lines up tickets
 * older than that. A player's place is a rank lookup among the tickets the same agents serve, and an
 * agent's next ticket is the first of the lines they serve: one lookup per line (a handful of
 * languages times teams), whatever the length of the queue.
 */
export class WaitingLines {
  constructor(
    private readonly redis: Redis,
    private readonly keys: { waitingLine(line: string): string; waitingLines: string },
  ) {}

  /** Puts a ticket queued by an earlier version in line. */
  async add(ticket: Lined & { priority: number; createdAt: string }): Promise<void> {
    const key = this.keys.waitingLine(lineOf(ticket));
    await this.redis.multi().zadd(key, lineScore(ticket.priority, ticket.createdAt), ticket.id).sadd(this.keys.waitingLines, key).exec();
  }

  async remove(ticket: Lined): Promise<void> {
    await this.redis.zrem(this.keys.waitingLine(lineOf(ticket)), ticket.id);
  }

  /** 1 for the next ticket of its line; undefined when it is not waiting. */
  async position(ticket: Lined): Promise<number | undefined> {
    const rank = await this.redis.zrank(this.keys.waitingLine(lineOf(ticket)), ticket.id);
    return rank === null ? undefined : rank + 1;
  }

  /** The first `count` waiting tickets of the ticket's line, next first. */
  async front(ticket: Omit<Lined, 'id'>, count: number): Promise<string[]> {
    return this.redis.zrange(this.keys.waitingLine(lineOf(ticket)), 0, count - 1);
  }

  /** The first ticket of the lines `serves` accepts (highest priority, then oldest); undefined when none waits there. */
  async next(serves: (line: LineName) => boolean): Promise<string | undefined> {
    const keys = (await this.lineKeys()).filter(([, name]) => serves(name)).map(([key]) => key);
    const fronts = await Promise.all(keys.map((key) => this.redis.zrange(key, 0, 0, 'WITHSCORES')));
    let best: { id: string; score: number } | undefined;
    for (const [id, score] of fronts) {
      if (id !== undefined && (best === undefined || Number(score) < best.score)) best = { id, score: Number(score) };
    }
    return best?.id;
  }

  /** Whether any line has a waiting ticket. */
  async anyWaiting(): Promise<boolean> {
    const counts = await Promise.all((await this.lineKeys()).map(([key]) => this.redis.zcard(key)));
    return counts.some((count) => count > 0);
  }

  /**
   * When the longest-waiting ticket was created (ms), or undefined when none waits. Each line is
   * ordered by priority first, so that ticket is the first of one of the priorities of one of the
   * lines: one lookup per line and priority present, never a walk through a line.
   */
  async oldestCreatedAt(): Promise<number | undefined> {
    let oldest: number | undefined;
    for (const [key] of await this.lineKeys()) {
      let from = '-inf';
      for (;;) {
        const [, score] = await this.redis.zrangebyscore(key, from, '+inf', 'WITHSCORES', 'LIMIT', 0, 1);
        if (score === undefined) break;
        const priority = Math.floor(Number(score) / AGE_SPAN);
        const createdAt = Number(score) - priority * AGE_SPAN;
        oldest = Math.min(oldest ?? createdAt, createdAt);
        from = String((priority + 1) * AGE_SPAN);
      }
    }
    return oldest;
  }

  /** Every waiting ticket, in the order of priority and age across lines (the console's queue list), each with its place in its own line. */
  async all(): Promise<Array<{ id: string; position: number }>> {
    const lines = await Promise.all((await this.lineKeys()).map(([key]) => this.redis.zrange(key, 0, -1, 'WITHSCORES')));
    const waiting: Array<{ id: string; position: number; score: number }> = [];
    for (const flat of lines) {
      for (let index = 0; index < flat.length; index += 2) waiting.push({ id: flat[index]!, position: index / 2 + 1, score: Number(flat[index + 1]) });
    }
    return waiting.sort((a, b) => a.score - b.score).map(({ id, position }) => ({ id, position }));
  }

  private async lineKeys(): Promise<Array<[key: string, name: LineName]>> {
    const stem = this.keys.waitingLine('');
    return (await this.redis.smembers(this.keys.waitingLines)).map((key) => {
      const [locale = '', team = '-'] = key.slice(stem.length).split('.');
      return [key, { locale, team: team === '-' ? undefined : team }];
    });
  }
}
