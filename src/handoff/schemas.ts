import { z } from 'zod';
import { Facts } from '../core/facts.js';
import { ChannelId, HandoffReason, Locale } from '../core/schemas.js';

/** The BullMQ job's data: everything an agent needs to pick the conversation up. */
export const TicketJobData = z.object({
  conversationKey: z.string(),
  channel: ChannelId,
  locale: Locale,
  reason: HandoffReason,
  facts: Facts,
  summary: z.string(),
});
export type TicketJobData = z.infer<typeof TicketJobData>;

export const TicketStatus = z.enum(['queued', 'assigned', 'resolved']);
export type TicketStatus = z.infer<typeof TicketStatus>;

/** The ticket record kept beside the job (a hash in Redis): who holds it, when, and its clocks. */
export const Ticket = TicketJobData.extend({
  id: z.string(),
  priority: z.coerce.number().int(),
  status: TicketStatus,
  createdAt: z.string(),
  claimedAt: z.string().optional(),
  resolvedAt: z.string().optional(),
  agentId: z.string().optional(),
  agentName: z.string().optional(),
  /** Complaint clock for disputes: acknowledgement and final response due. */
  ackDueAt: z.string().optional(),
  finalDueAt: z.string().optional(),
  rating: z.coerce.number().int().min(1).max(5).optional(),
  lastPosition: z.coerce.number().int().optional(),
  /** Bumped by every transition; a notice about the ticket is posted once per version. */
  version: z.coerce.number().int().nonnegative().default(0),
});
export type Ticket = z.infer<typeof Ticket>;

export const Note = z.object({ at: z.string(), agentId: z.string(), agentName: z.string(), text: z.string() });
export type Note = z.infer<typeof Note>;

export const Agent = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  passwordHash: z.string(),
  createdAt: z.string(),
  /** Bumped by a password reset; a token carrying an older version is refused. */
  tokenVersion: z.coerce.number().int().min(0).default(0),
});
export type Agent = z.infer<typeof Agent>;
export type AgentIdentity = Pick<Agent, 'id' | 'name' | 'email'>;
