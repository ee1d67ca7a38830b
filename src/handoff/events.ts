import type { Redis } from 'ioredis';
import { z } from 'zod';
import { HandoffReason } from '../core/schemas.js';

export const AgentEvent = z.object({
  type: z.enum(['ticket.created', 'ticket.alert', 'ticket.claimed', 'ticket.released', 'ticket.returned', 'ticket.resolved', 'ticket.activity', 'ticket.escalated']),
  ticketId: z.string(),
  reason: HandoffReason.optional(),
  agentId: z.string().optional(),
  at: z.string(),
});
export type AgentEvent = z.infer<typeof AgentEvent>;

/** Queue changes for every open agent console, on every replica (Redis pub/sub). */
export class AgentEvents {
  constructor(
    private readonly redis: Redis,
    readonly channel: string,
  ) {}

  async publish(event: Omit<AgentEvent, 'at'>): Promise<void> {
    await this.redis.publish(this.channel, JSON.stringify({ ...event, at: new Date().toISOString() }));
  }
}
