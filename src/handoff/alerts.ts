import { Queue, Worker } from 'bullmq';
import { closeWorker, type RedisConnections } from '../redis.js';
import type { Logger } from 'pino';
import type { AgentEvents } from './events.js';
import type { HandoffKeys } from './keys.js';
import type { TicketStore } from './tickets.js';

const ALERT_QUEUE = 'handoff-alerts';

/**
 * Re-alerts the agents about a ticket nobody has claimed within `alertMs`, again and again until
 * someone does: a delayed BullMQ job per ticket, run by whichever replica is free.
 */
export class UnclaimedTicketAlerts {
  private readonly queue: Queue<{ ticketId: string; round: number }>;
  private readonly worker: Worker<{ ticketId: string; round: number }>;
  private readonly alertMs: number;

  constructor(options: { connections: RedisConnections; keys: HandoffKeys; alertMs: number; tickets: TicketStore; events: AgentEvents; logger: Logger }) {
    this.queue = new Queue(ALERT_QUEUE, { connection: options.connections.command, prefix: options.keys.bullPrefix });
    this.worker = new Worker(
      ALERT_QUEUE,
      async (job) => {
        const ticket = await options.tickets.get(job.data.ticketId);
        if (ticket?.status !== 'queued') return;
        await options.events.publish({ type: 'ticket.alert', ticketId: ticket.id, reason: ticket.reason, locale: ticket.locale, team: ticket.team });
        await this.schedule(ticket.id, options.alertMs, job.data.round + 1);
      },
      { connection: options.connections.worker(), prefix: options.keys.bullPrefix },
    );
    this.queue.on('error', (error) => options.logger.warn({ err: error.message }, 'alerts queue problem'));
    this.worker.on('error', (error) => options.logger.warn({ err: error.message }, 'alerts worker problem'));
    this.alertMs = options.alertMs;
  }

  async scheduleFirst(ticketId: string): Promise<void> {
    await this.schedule(ticketId, this.alertMs, 1);
  }

  private async schedule(ticketId: string, delay: number, round: number): Promise<void> {
    await this.queue.add('alert', { ticketId, round }, { delay, jobId: `alert-${ticketId}-${round}`, removeOnComplete: true, removeOnFail: true });
  }

  async close(): Promise<void> {
    await closeWorker(this.worker);
    await this.queue.close();
  }
}
