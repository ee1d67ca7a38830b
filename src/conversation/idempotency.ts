import { setTimeout as sleep } from 'node:timers/promises';
import type { Redis } from 'ioredis';
import { ConflictError } from '../errors.js';

const PENDING = '\u0000pending';

export type Claim<T> = { status: 'new' } | { status: 'done'; result: T };

export interface IdempotencyOptions {
  /** How long a finished result is remembered. */
  resultTtlSeconds: number;
  /** How long a claim may stay unfinished before another attempt may take over (a crashed worker). */
  pendingTtlSeconds: number;
  /** How long a duplicate waits for the first attempt to finish. */
  waitMs: number;
}

const defaults: IdempotencyOptions = { resultTtlSeconds: 24 * 3600, pendingTtlSeconds: 10, waitMs: 15_000 };

/**
 * At-most-once processing of a request identified by a key, across replicas: the first caller
 * claims it; duplicates wait for and get the first caller's result.
 */
export class Idempotency<T> {
  private readonly options: IdempotencyOptions;

  constructor(
    private readonly redis: Redis,
    options: Partial<IdempotencyOptions> = {},
  ) {
    this.options = { ...defaults, ...options };
  }

  async claim(key: string): Promise<Claim<T>> {
    const claimed = await this.redis.set(key, PENDING, 'EX', this.options.pendingTtlSeconds, 'NX');
    if (claimed === 'OK') return { status: 'new' };
    const deadline = Date.now() + this.options.waitMs;
    for (;;) {
      const value = await this.redis.get(key);
      if (value === null) return this.claim(key);
      if (value !== PENDING) return { status: 'done', result: JSON.parse(value) as T };
      if (Date.now() > deadline) {
        throw new ConflictError('The same message is still being processed; retry in a few seconds.', 'in_progress');
      }
      await sleep(50);
    }
  }

  async complete(key: string, result: T): Promise<void> {
    await this.redis.set(key, JSON.stringify(result), 'EX', this.options.resultTtlSeconds);
  }

  /** Forgets a failed attempt so a retry can run again. */
  async abandon(key: string): Promise<void> {
    await this.redis.del(key);
  }
}
