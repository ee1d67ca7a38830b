import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Job, Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { TooManyRequestsError } from '../errors.js';
import type { HandoffKeys } from './keys.js';
import type { TicketJobData } from './schemas.js';

export const HANDOFF_QUEUE = 'handoff';

export interface HandoffQueueOptions {
  redisUrl: string;
  keys: HandoffKeys;
  /** How long a claimed ticket stays locked to its agent without a heartbeat. */
  lockMs: number;
  /** How often this process looks for tickets whose agent vanished. */
  stalledCheckMs: number;
  logger: Logger;
}

/**
 * The BullMQ queue `handoff`, one job per ticket, worked by hand: agents take jobs with
 * `getNextJob`, hold them by extending the lock, and a job whose lock lapses (the agent vanished)
 * is moved back to the queue by the stalled checker.
 */
export class HandoffQueue {
  readonly queue: Queue<TicketJobData>;
  private readonly worker: Worker<TicketJobData>;
  private readonly connections: Redis[] = [];

  constructor(private readonly options: HandoffQueueOptions) {
    const producer = new Redis(options.redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1, connectionName: 'pitboss-handoff-queue' });
    const workerConnection = new Redis(options.redisUrl, { maxRetriesPerRequest: null, connectionName: 'pitboss-handoff-worker' });
    for (const connection of [producer, workerConnection]) {
      connection.on('error', (error: Error) => options.logger.warn({ err: error.message }, 'handoff queue Redis problem; reconnecting'));
      this.connections.push(connection);
    }
    this.queue = new Queue<TicketJobData>(HANDOFF_QUEUE, { connection: producer, prefix: options.keys.bullPrefix });
    this.worker = new Worker<TicketJobData>(HANDOFF_QUEUE, null, {
      connection: workerConnection,
      prefix: options.keys.bullPrefix,
      autorun: false,
      lockDuration: options.lockMs,
      stalledInterval: options.stalledCheckMs,
      // A ticket may be dropped by agents any number of times; it must never end up "failed".
      maxStalledCount: Number.MAX_SAFE_INTEGER,
    });
    this.worker.on('error', (error) => options.logger.warn({ err: error.message }, 'handoff worker problem'));
  }

  async start(): Promise<void> {
    await this.queue.waitUntilReady();
    await this.worker.waitUntilReady();
    void this.worker.startStalledCheckTimer();
  }

  /** Called with the id of every ticket this process returned to the queue because its lock lapsed. */
  onReturned(listener: (ticketId: string) => void): void {
    this.worker.on('stalled', (jobId) => listener(jobId));
  }

  async add(ticketId: string, data: TicketJobData, priority: number): Promise<void> {
    await this.queue.add('ticket', data, { jobId: ticketId, priority, removeOnComplete: { age: 30 * 24 * 3600 } });
  }

  /** Waiting ticket ids in the order agents will get them (priority, then age). */
  async waitingIds(): Promise<string[]> {
    const jobs = await this.queue.getJobs(['prioritized', 'wait'], 0, -1, true);
    return jobs.map((job) => String(job.id));
  }

  async activeIds(): Promise<string[]> {
    return (await this.queue.getJobs(['active'], 0, -1, true)).map((job) => String(job.id));
  }

  /** Claims are serialised through a short Redis mutex so a specific-ticket claim cannot interleave with another. */
  async withClaimMutex<T>(task: () => Promise<T>): Promise<T> {
    const redis = this.connections[0]!;
    const owner = randomUUID();
    const deadline = Date.now() + 5_000;
    while ((await redis.set(this.options.keys.claimMutex, owner, 'PX', 5_000, 'NX')) !== 'OK') {
      if (Date.now() > deadline) throw new TooManyRequestsError('Tickets are being claimed right now; try again in a moment.', 'claim_busy');
      await sleep(20);
    }
    try {
      return await task();
    } finally {
      if ((await redis.get(this.options.keys.claimMutex)) === owner) await redis.del(this.options.keys.claimMutex);
    }
  }

  /** The job BullMQ hands out next, locked with `token`. */
  private async takeNext(token: string): Promise<Job<TicketJobData> | undefined> {
    return (await this.worker.getNextJob(token, { block: false })) ?? undefined;
  }

  /**
   * A specific waiting ticket: moved to the head of the queue, then taken (call inside
   * `withClaimMutex`, so no other claim runs in between). If another job came out instead, both go
   * back where they were: a failed claim never moves a ticket above more urgent ones.
   */
  async take(ticketId: string, token: string): Promise<Job<TicketJobData> | undefined> {
    const job = await Job.fromId<TicketJobData>(this.queue, ticketId);
    if (!job) return undefined;
    const state = await job.getState();
    if (state !== 'prioritized' && state !== 'waiting') return undefined;
    const { priority } = job;
    await job.changePriority({ priority: 1, lifo: true });
    const next = await this.takeNext(token);
    if (next && next.id !== ticketId) {
      await next.moveToWait(token);
      await next.changePriority({ priority: next.priority, lifo: true });
      await job.changePriority({ priority, lifo: true });
      return undefined;
    }
    return next;
  }

  async extendLock(ticketId: string, token: string): Promise<boolean> {
    const job = await Job.fromId<TicketJobData>(this.queue, ticketId);
    if (!job) return false;
    return (await job.extendLock(token, this.options.lockMs)) === 1;
  }

  /** Back to the queue at its own priority, ahead of younger tickets of that priority. */
  async requeue(ticketId: string, priority: number, token?: string): Promise<void> {
    const job = await Job.fromId<TicketJobData>(this.queue, ticketId);
    if (!job) return;
    if (token !== undefined) await job.moveToWait(token);
    await job.changePriority({ priority, lifo: true });
  }

  /** A waiting ticket's new priority (its age among tickets of that priority is kept by BullMQ's counter). */
  async reprioritize(ticketId: string, priority: number): Promise<void> {
    const job = await Job.fromId<TicketJobData>(this.queue, ticketId);
    if (job && (await job.getState()) === 'prioritized') await job.changePriority({ priority });
  }

  async complete(ticketId: string, token: string, result: Record<string, unknown>): Promise<void> {
    const job = await Job.fromId<TicketJobData>(this.queue, ticketId);
    if (!job) return;
    await job.moveToCompleted(result, token, false);
  }

  async close(): Promise<void> {
    await this.worker.close();
    await this.queue.close();
    for (const connection of this.connections) connection.disconnect();
  }
}
