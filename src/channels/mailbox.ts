import { randomUUID } from 'node:crypto';
import { Queue, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { closeWorker, holdLease, LuaScript, type RedisConnections } from '../redis.js';
import type { ChannelKeys } from './keys.js';

export interface MailboxOptions<T> {
  /** Name of this mailbox (`inbound`, `outbound`): its BullMQ queue and Redis keys. */
  name: string;
  connections: RedisConnections;
  keys: ChannelKeys;
  /** Handles one item; throwing leaves it at the head of its key's list and retries later. */
  handle(key: string, item: T): Promise<void>;
  /** How long a key stays locked to one drainer without progress (also BullMQ's job lock). */
  lockMs: number;
  concurrency: number;
  logger: Logger;
}

const POP_IF_HEAD = new LuaScript("if redis.call('LINDEX', KEYS[1], 0) == ARGV[1] then return redis.call('LPOP', KEYS[1]) end return false");

/** Thrown by a drain that found another worker draining the same key: that one will take our item. */
class KeyBusy extends Error {}

/**
 * Durable, ordered per key, parallel across keys: every item is pushed to a Redis list per key
 * before the caller is answered, and a BullMQ job per push drains that key's list under a lock.
 * An item leaves the list only after it was handled, so a crash loses nothing: the job is retried
 * by whichever process runs next. A key whose items keep failing waits with backoff without
 * holding up any other key.
 */
export class KeyedMailbox<T> {
  private readonly queue: Queue<{ key: string }>;
  private readonly worker: Worker<{ key: string }>;
  private readonly redis: Redis;

  constructor(private readonly options: MailboxOptions<T>) {
    this.redis = options.connections.command;
    this.queue = new Queue(options.name, { connection: this.redis, prefix: options.keys.bullPrefix });
    this.worker = new Worker(options.name, async (job) => this.drain(job.data.key), {
      connection: options.connections.worker(),
      prefix: options.keys.bullPrefix,
      concurrency: options.concurrency,
      lockDuration: options.lockMs,
      stalledInterval: Math.max(1000, Math.floor(options.lockMs / 2)),
      maxStalledCount: Number.MAX_SAFE_INTEGER,
      settings: {
        // A busy key is retried at once (its drainer may be just finishing); a failing item backs off up to a minute.
        backoffStrategy: (attemptsMade: number, _type?: string, error?: Error) =>
          error instanceof KeyBusy ? 100 : Math.min(60_000, 250 * 2 ** Math.min(attemptsMade, 16)),
      },
    });
    this.worker.on('failed', (job, error) => {
      if (!(error instanceof KeyBusy)) options.logger.warn({ mailbox: options.name, key: job?.data.key, attempt: job?.attemptsMade, err: error.message }, 'mailbox item failed; will retry');
    });
    this.queue.on('error', (error) => options.logger.warn({ err: error.message, mailbox: options.name }, 'mailbox queue problem'));
    this.worker.on('error', (error) => options.logger.warn({ err: error.message, mailbox: options.name }, 'mailbox worker problem'));
  }

  private listKey(key: string): string {
    return this.options.keys.mailbox(this.options.name, key);
  }

  private lockKey(key: string): string {
    return this.options.keys.mailboxLock(this.options.name, key);
  }

  /** Stores the item durably; resolves once it is safe to acknowledge the sender. */
  async push(key: string, item: T): Promise<void> {
    await this.redis.rpush(this.listKey(key), JSON.stringify(item));
    await this.queue.add('drain', { key }, {
      attempts: 10_000,
      backoff: { type: 'custom' },
      removeOnComplete: true,
      removeOnFail: true,
    });
  }

  private async drain(key: string): Promise<void> {
    const token = randomUUID();
    const lock = this.lockKey(key);
    const list = this.listKey(key);
    if ((await this.redis.set(lock, token, 'PX', this.options.lockMs, 'NX')) !== 'OK') throw new KeyBusy(`${key} is being drained elsewhere`);
    // Keep the key while a slow item is handled, so no second drainer starts on the same head.
    const release = holdLease(this.redis, lock, token, this.options.lockMs, Math.max(200, Math.floor(this.options.lockMs / 3)));
    try {
      for (;;) {
        const raw = await this.redis.lindex(list, 0);
        if (raw === null) return;
        let item: T | undefined;
        try {
          item = JSON.parse(raw) as T;
        } catch {
          this.options.logger.error({ mailbox: this.options.name, key }, 'dropped an unreadable mailbox item');
        }
        if (item !== undefined) await this.options.handle(key, item);
        // Pop only the item just handled: never one a concurrent drainer put at the head meanwhile.
        await POP_IF_HEAD.run(this.redis, [list], [raw]);
      }
    } finally {
      await release();
    }
  }

  async close(): Promise<void> {
    await closeWorker(this.worker);
    await this.queue.close();
  }
}

