import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Redis } from 'ioredis';
import { BusyError } from '../errors.js';
import { holdLease } from '../redis.js';

export interface TurnLockOptions {
  /** How long a lease lasts unless renewed; a replica that dies mid-turn frees its conversation after this. */
  leaseMs: number;
  /** How long a turn waits for the conversation before it is refused as busy. */
  waitMs: number;
}

/**
 * One turn at a time per conversation, across every replica: a turn holds a lease on its
 * conversation (a Redis key with a random token), renewed every third of its length while the turn
 * runs and released when it ends. Two messages of one player arriving at two replicas at once are
 * answered one after the other, so the second sees what the first did (one ticket, not two).
 */
export class TurnLock {
  constructor(
    private readonly redis: Redis,
    private readonly keyOf: (conversationKey: string) => string,
    private readonly options: TurnLockOptions,
  ) {}

  async run<T>(conversationKey: string, task: () => Promise<T>): Promise<T> {
    const key = this.keyOf(conversationKey);
    const token = randomUUID();
    await this.acquire(key, token);
    const release = holdLease(this.redis, key, token, this.options.leaseMs, this.options.leaseMs / 3);
    try {
      return await task();
    } finally {
      await release();
    }
  }

  private async acquire(key: string, token: string): Promise<void> {
    const deadline = Date.now() + this.options.waitMs;
    let pause = 5;
    while ((await this.redis.set(key, token, 'PX', this.options.leaseMs, 'NX')) !== 'OK') {
      if (Date.now() >= deadline) {
        throw new BusyError('Another message of this conversation is still being answered; send this one again in a moment.', 'conversation_busy');
      }
      await sleep(pause);
      pause = Math.min(pause * 2, 100);
    }
  }
}
