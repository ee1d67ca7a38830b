import { z } from 'zod';
import { Facts } from './facts.js';
import { ChannelId, HandoffReason, Locale } from './schemas.js';

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
  /** The team that serves it (`HANDOFF_TEAMS` by reason, or a transfer); none: any agent. */
  team: z.string().optional(),
  /** When an agent first wrote to the player: the acknowledgement of a complaint, and the first-response time. */
  firstReplyAt: z.string().optional(),
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

/**
 * The waiting line a queued ticket stands in: one per language and team, so an agent's next ticket
 * is the first of the lines they serve and a player's place counts only the tickets ahead of them
 * for the same agents.
 */
export function lineOf(ticket: { locale: string; team?: string }): string {
  return `${ticket.locale}.${ticket.team ?? '-'}`;
}

/**
 * A ticket as its Redis hash stores it (strings, facts as JSON). The handoff module reads it, and the
 * system of record copies it.
 */
export function parseTicketHash(fields: Record<string, string>): Ticket {
  return Ticket.parse({ ...fields, facts: JSON.parse(fields.facts ?? '{}') });
}
