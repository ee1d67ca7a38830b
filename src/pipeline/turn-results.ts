import type { Redis } from 'ioredis';

/**
 * The results of finished turns, by the sender's message id, so a repeated message gets the first
 * answer again instead of a second one. Read and written under the conversation's turn lock
 * (`TurnLock`): a turn still running holds the lock, so nothing here needs a "pending" state — a
 * turn that died left no result, and its retry simply runs.
 */
export class TurnResults<T> {
  constructor(
    private readonly redis: Redis,
    /** How long a finished result is remembered. */
    private readonly ttlSeconds = 24 * 3600,
  ) {}

  async get(key: string): Promise<T | undefined> {
    const value = await this.redis.get(key);
    return value === null ? undefined : (JSON.parse(value) as T);
  }

  async put(key: string, result: T): Promise<void> {
    await this.redis.set(key, JSON.stringify(result), 'EX', this.ttlSeconds);
  }
}
