import type { Redis } from 'ioredis';
import { z } from 'zod';
import { HandoffReason } from '../core/schemas.js';

export const AgentEvent = z.object({
  type: z.enum([
    'ticket.created',
    'ticket.alert',
    'ticket.claimed',
    'ticket.released',
    'ticket.returned',
    'ticket.resolved',
    'ticket.activity',
    'ticket.escalated',
    'ticket.transferred',
    'ticket.first_reply',
    'ticket.updated',
    'ticket.called',
    'agent.presence',
  ]),
  ticketId: z.string().optional(),
  reason: HandoffReason.optional(),
  agentId: z.string().optional(),
  /** A transfer's former holder. */
  fromAgentId: z.string().optional(),
  /** Who can serve the ticket: its language and team. */
  locale: z.string().optional(),
  team: z.string().optional(),
  presence: z.enum(['online', 'away']).optional(),
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
