import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { HandoffReason } from './core/schemas.js';

const WAIT_BUCKETS = [30, 60, 120, 300, 600, 1800, 3600];
const RATING_BUCKETS = [1, 2, 3, 4, 5];

/** The handoff queue as it stands, read when Prometheus scrapes (shared by every replica, so not summed). */
export interface QueueReadings {
  waitingTickets(): Promise<number>;
  /** Seconds the longest-waiting ticket has waited; 0 when none waits. */
  oldestWaitSeconds(): Promise<number>;
}

/**
 * Prometheus metrics of this replica, in process memory: counting costs no Redis round trip, and
 * Prometheus sums the replicas. A registry of its own (not prom-client's global one), so several
 * apps can live in one process.
 */
export class Metrics {
  readonly registry = new Registry();
  private queue: QueueReadings | undefined;

  private readonly turns = this.counter('pitboss_turns_total', 'Player messages processed, by channel.', ['channel']);
  private readonly conversations = this.counter('pitboss_conversations_total', 'Conversations with a player message (counted at the first one).', []);
  private readonly answers = this.counter('pitboss_answers_total', 'Bot answers from the knowledge base, by whether the bot was confident.', ['confident']);
  private readonly smallTalks = this.counter('pitboss_small_talk_total', 'Player messages that were small talk (thanks, ok, greetings…), by kind; not counted as answers.', ['kind']);
  private readonly handoffs = this.counter('pitboss_handoffs_total', 'Tickets opened, by handoff reason.', ['reason']);
  private readonly llmFallbacks = this.counter('pitboss_llm_fallbacks_total', 'Turns where the language model failed and the offline path answered, by cause.', ['cause']);
  private readonly blocked = this.counter(
    'pitboss_output_blocked_total',
    'Model answers, drafts and summaries the output policy withheld (or cut after what was already shown), by output and rule.',
    ['output', 'rule'],
  );
  private readonly queueWaits = new Histogram({
    name: 'pitboss_queue_wait_seconds',
    help: 'Time from ticket to agent pickup.',
    buckets: WAIT_BUCKETS,
    registers: [this.registry],
  });
  private readonly ratings = new Histogram({
    name: 'pitboss_csat_rating',
    help: 'Player ratings after a resolved ticket (1–5); sum / count is the average.',
    buckets: RATING_BUCKETS,
    registers: [this.registry],
  });
  private readonly requests = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP requests by method, route pattern and status code.',
    labelNames: ['method', 'route', 'status_code'],
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
    this.queueGauge('pitboss_queue_waiting_tickets', 'Tickets waiting for an agent (the shared queue, the same on every replica).', (queue) => queue.waitingTickets());
    this.queueGauge('pitboss_queue_oldest_wait_seconds', 'How long the longest-waiting ticket has waited (the shared queue, the same on every replica).', (queue) => queue.oldestWaitSeconds());
  }

  /** The queue gauges' source, handed over once the handoff module exists. */
  watchQueue(queue: QueueReadings): void {
    this.queue = queue;
  }

  private queueGauge(name: string, help: string, read: (queue: QueueReadings) => Promise<number>): void {
    const source = () => this.queue;
    new Gauge({
      name,
      help,
      registers: [this.registry],
      async collect() {
        const queue = source();
        if (queue) this.set(await read(queue));
      },
    });
  }

  private counter<L extends string>(name: string, help: string, labelNames: L[]): Counter<L> {
    return new Counter({ name, help, labelNames, registers: [this.registry] });
  }

  turn(channel: string, firstOfConversation: boolean): void {
    this.turns.inc({ channel });
    if (firstOfConversation) this.conversations.inc();
  }

  answer(confident: boolean): void {
    this.answers.inc({ confident: String(confident) });
  }

  smallTalk(kind: string): void {
    this.smallTalks.inc({ kind });
  }

  handoff(reason: HandoffReason): void {
    this.handoffs.inc({ reason });
  }

  queueWait(seconds: number): void {
    this.queueWaits.observe(seconds);
  }

  rating(score: number): void {
    this.ratings.observe(score);
  }

  llmFallback(cause: string): void {
    this.llmFallbacks.inc({ cause });
  }

  outputBlocked(output: string, rule: string): void {
    this.blocked.inc({ output, rule });
  }

  /** `route` is the route pattern (`/api/agent/tickets/:id`), never the raw URL: one series per route, not per id. */
  httpRequest(method: string, route: string, statusCode: number, seconds: number): void {
    this.requests.observe({ method, route, status_code: String(statusCode) }, seconds);
  }
}
