import type { Redis } from 'ioredis';
import { Gauge, Registry } from 'prom-client';
import type { HandoffReason } from './core/schemas.js';

const WAIT_BUCKETS = [30, 60, 120, 300, 600, 1800, 3600];

/**
 * Product metrics kept in one Redis hash, so every replica's /metrics shows the same totals, and
 * exposed in Prometheus text format.
 */
export class Metrics {
  readonly registry = new Registry();

  constructor(
    private readonly redis: Redis,
    private readonly key: string,
  ) {
    const read = async () => this.redis.hgetall(this.key);
    const counter = (name: string, help: string, labelNames: string[], fill: (g: Gauge, data: Record<string, string>) => void) =>
      new Gauge({
        name,
        help,
        labelNames,
        registers: [this.registry],
        async collect() {
          this.reset();
          fill(this, await read());
        },
      });
    const byPrefix = (data: Record<string, string>, prefix: string) =>
      Object.entries(data).filter(([field]) => field.startsWith(prefix)).map(([field, value]) => [field.slice(prefix.length), Number(value)] as const);

    counter('pitboss_turns_total', 'Player messages processed, by channel.', ['channel'], (g, d) => {
      for (const [channel, value] of byPrefix(d, 'turns:')) g.set({ channel }, value);
    });
    counter('pitboss_answers_total', 'Bot answers from the knowledge base, by whether the bot was confident.', ['confident'], (g, d) => {
      for (const [confident, value] of byPrefix(d, 'answers:')) g.set({ confident }, value);
    });
    counter('pitboss_small_talk_total', 'Player messages that were small talk (thanks, ok, greetings…), by kind; not counted as answers.', ['kind'], (g, d) => {
      for (const [kind, value] of byPrefix(d, 'small_talk:')) g.set({ kind }, value);
    });
    counter('pitboss_handoffs_total', 'Tickets opened, by handoff reason.', ['reason'], (g, d) => {
      for (const [reason, value] of byPrefix(d, 'handoffs:')) g.set({ reason }, value);
    });
    counter('pitboss_deflection_rate', 'Share of conversations with a player message that never needed an agent.', [], (g, d) => {
      const conversations = Number(d.conversations ?? 0);
      const handedOff = Number(d.conversations_handed_off ?? 0);
      g.set(conversations === 0 ? 0 : Math.max(0, 1 - handedOff / conversations));
    });
    counter('pitboss_queue_wait_seconds', 'Time from ticket to agent pickup (summary of all pickups).', ['stat'], (g, d) => {
      g.set({ stat: 'sum' }, Number(d.wait_sum ?? 0));
      g.set({ stat: 'count' }, Number(d.wait_count ?? 0));
      for (const bucket of WAIT_BUCKETS) g.set({ stat: `le_${bucket}` }, Number(d[`wait_le:${bucket}`] ?? 0));
    });
    counter('pitboss_csat', 'Player ratings after a resolved ticket (1–5).', ['stat'], (g, d) => {
      const count = Number(d.csat_count ?? 0);
      g.set({ stat: 'count' }, count);
      g.set({ stat: 'average' }, count === 0 ? 0 : Number(d.csat_sum ?? 0) / count);
      for (const score of [1, 2, 3, 4, 5]) g.set({ stat: `score_${score}` }, Number(d[`csat:${score}`] ?? 0));
    });
    counter('pitboss_llm_fallbacks_total', 'Turns where the language model failed and the offline path answered, by cause.', ['cause'], (g, d) => {
      for (const [cause, value] of byPrefix(d, 'llm_fallback:')) g.set({ cause }, value);
    });
    counter('pitboss_output_blocked_total', 'Model answers, drafts and summaries the output policy withheld (or cut after what was already shown), by output and rule.', ['output', 'rule'], (g, d) => {
      for (const [field, value] of byPrefix(d, 'output_blocked:')) {
        const [output = '', rule = ''] = field.split(':');
        g.set({ output, rule }, value);
      }
    });
  }

  private incr(...fields: string[]): Promise<unknown> {
    const multi = this.redis.multi();
    for (const field of fields) multi.hincrby(this.key, field, 1);
    return multi.exec();
  }

  turn(channel: string, firstOfConversation: boolean): Promise<unknown> {
    return this.incr(`turns:${channel}`, ...(firstOfConversation ? ['conversations'] : []));
  }

  answer(confident: boolean): Promise<unknown> {
    return this.incr(`answers:${confident}`);
  }

  smallTalk(kind: string): Promise<unknown> {
    return this.incr(`small_talk:${kind}`);
  }

  handoff(reason: HandoffReason): Promise<unknown> {
    return this.incr(`handoffs:${reason}`, 'conversations_handed_off');
  }

  async queueWait(seconds: number): Promise<void> {
    const multi = this.redis.multi().hincrbyfloat(this.key, 'wait_sum', seconds).hincrby(this.key, 'wait_count', 1);
    for (const bucket of WAIT_BUCKETS) if (seconds <= bucket) multi.hincrby(this.key, `wait_le:${bucket}`, 1);
    await multi.exec();
  }

  async rating(score: number): Promise<void> {
    await this.redis.multi().hincrby(this.key, 'csat_sum', score).hincrby(this.key, 'csat_count', 1).hincrby(this.key, `csat:${score}`, 1).exec();
  }

  llmFallback(cause: string): Promise<unknown> {
    return this.incr(`llm_fallback:${cause}`);
  }

  outputBlocked(output: string, rule: string): Promise<unknown> {
    return this.incr(`output_blocked:${output}:${rule}`);
  }
}
