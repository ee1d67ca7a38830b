import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Job, Queue, Worker } from 'bullmq';
import type { Logger } from 'pino';
import { closeWorker, holdLease, type RedisConnections } from '../redis.js';
import { TooManyRequestsError } from '../errors.js';
import type { HandoffKeys } from './keys.js';
import type { TicketJobData } from '../core/ticket.js';

export const HANDOFF_QUEUE = 'handoff';
/** The job-change mutex: held for milliseconds, renewed while held, waited for at most this long. */
const MUTEX_LEASE_MS = 5_000;
const MUTEX_WAIT_MS = 5_000;

/** What a ticket's job should look like: `TicketStore.withJob` reads it off the ticket. */
export interface JobTarget {
  id: string;
  status: 'queued' | 'assigned' | 'resolved';
  priority: number;
  /** The token an assigned ticket's job is to be locked with (the holder's). */
  lockToken?: string;
  /** The token the job is locked with now, as last recorded. */
  jobToken?: string;
  agentId?: string;
  data: TicketJobData;
}

export interface HandoffQueueOptions {
  connections: RedisConnections;
  keys: HandoffKeys;
  /** How long a claimed ticket stays locked to its agent without a heartbeat. */
  lockMs: number;
  /** How often this process looks for tickets whose agent vanished. */
  stalledCheckMs: number;
  /** A resolved ticket's job stays visible (Bull Board) this long, like its ticket. */
  keepCompletedSeconds: number;
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

  constructor(private readonly options: HandoffQueueOptions) {
    this.queue = new Queue<TicketJobData>(HANDOFF_QUEUE, { connection: options.connections.command, prefix: options.keys.bullPrefix });
    this.worker = new Worker<TicketJobData>(HANDOFF_QUEUE, null, {
      connection: options.connections.worker(),
      prefix: options.keys.bullPrefix,
      autorun: false,
      lockDuration: options.lockMs,
      stalledInterval: options.stalledCheckMs,
      // A ticket may be dropped by agents any number of times; it must never end up "failed".
      maxStalledCount: Number.MAX_SAFE_INTEGER,
    });
    // The queue shares the command connection and re-emits its errors: heard here, not printed to stderr.
    this.queue.on('error', (error) => options.logger.warn({ err: error.message }, 'handoff queue problem'));
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

  /** Waiting ticket ids in BullMQ's order (for lining up tickets queued before the waiting line existed). */
  async waitingIds(): Promise<string[]> {
    const jobs = await this.queue.getJobs(['prioritized', 'wait'], 0, -1, true);
    return jobs.map((job) => String(job.id));
  }

  /** How many tickets wait for an agent, counted by BullMQ without loading them. */
  async waitingCount(): Promise<number> {
    return this.queue.getJobCountByTypes('prioritized', 'waiting');
  }

  async activeIds(): Promise<string[]> {
    return (await this.queue.getJobs(['active'], 0, -1, true)).map((job) => String(job.id));
  }

  /**
   * Job changes run one at a time across replicas, under a short Redis mutex: taking a specific
   * job moves it to the head of the queue for a moment, and no other take may run in between.
   */
  async withClaimMutex<T>(task: () => Promise<T>): Promise<T> {
    const redis = this.options.connections.command;
    const owner = randomUUID();
    const deadline = Date.now() + MUTEX_WAIT_MS;
    while ((await redis.set(this.options.keys.claimMutex, owner, 'PX', MUTEX_LEASE_MS, 'NX')) !== 'OK') {
      if (Date.now() > deadline) throw new TooManyRequestsError('Tickets are being claimed right now; try again in a moment.', 'claim_busy');
      await sleep(20);
    }
    const release = holdLease(redis, this.options.keys.claimMutex, owner, MUTEX_LEASE_MS, MUTEX_LEASE_MS / 3);
    try {
      return await task();
    } finally {
      await release();
    }
  }

  /**
   * Brings the ticket's job in line with the ticket (call inside `withClaimMutex`): waiting at the
   * ticket's priority, locked with the ticket's lock token while an agent holds it, or completed.
   * Returns the token the job is locked with now (undefined: not active). Repeating it changes
   * nothing, so a crashed change is finished by running it again.
   */
  async match(target: JobTarget): Promise<string | undefined> {
    let job = await Job.fromId<TicketJobData>(this.queue, target.id);
    if (!job) {
      if (target.status === 'resolved') return undefined;
      job = await this.queue.add('ticket', target.data, { jobId: target.id, priority: target.priority, removeOnComplete: { age: this.options.keepCompletedSeconds } });
    }
    const state = await job.getState();
    if (state === 'completed' || state === 'failed') return undefined;
    if (state === 'active') {
      // A crash right after a take leaves the token unrecorded; the holder's own token may be it.
      const held = target.jobToken ?? (target.lockToken && (await job.extendLock(target.lockToken, this.options.lockMs)) === 1 ? target.lockToken : undefined);
      // Locked with a token nobody knows: its lock lapses and the stalled check brings it back.
      if (!held) return undefined;
      if (target.status === 'assigned' && held === target.lockToken) return held;
      if (target.status === 'resolved') {
        await job.moveToCompleted({ resolvedBy: target.agentId }, held, false);
        return undefined;
      }
      await job.moveToWait(held);
    }
    if (target.status === 'queued') {
      if (state === 'active' || job.priority !== target.priority) await job.changePriority({ priority: target.priority });
      return undefined;
    }
    const token = target.status === 'assigned' && target.lockToken ? target.lockToken : `resolve.${randomUUID()}`;
    if (!(await this.take(job, token))) return undefined;
    if (target.status === 'assigned') return token;
    await job.moveToCompleted({ resolvedBy: target.agentId }, token, false);
    return undefined;
  }

  async extendLock(ticketId: string, token: string): Promise<boolean> {
    const job = await Job.fromId<TicketJobData>(this.queue, ticketId);
    if (!job) return false;
    return (await job.extendLock(token, this.options.lockMs)) === 1;
  }

  /**
   * Takes this waiting job, locked with `token`: moved to the head of the queue, then taken. If
   * another job came out instead, both go back where they were.
   */
  private async take(job: Job<TicketJobData>, token: string): Promise<boolean> {
    const { priority } = job;
    await job.changePriority({ priority: 1, lifo: true });
    const next = (await this.worker.getNextJob(token, { block: false })) ?? undefined;
    if (next && next.id !== job.id) {
      await next.moveToWait(token);
      await next.changePriority({ priority: next.priority, lifo: true });
      await job.changePriority({ priority, lifo: true });
      return false;
    }
    return next !== undefined;
  }

  async close(): Promise<void> {
    await closeWorker(this.worker);
    await this.queue.close();
  }
}
