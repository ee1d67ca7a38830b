import { z } from 'zod';
import { Message } from './schemas.js';

/** What an agent can ask of the conversation history (the system of record). */
export const HistoryQuery = z.object({
  /** Words to find in the transcript, in the conversation's language (stemmed for en, ru and tr). */
  query: z.string().trim().min(1).max(200).optional(),
  /** Part of the player's name. */
  player: z.string().trim().min(1).max(100).optional(),
  ticket: z.string().regex(/^T-[2-9A-HJ-NP-TV-Z]{4,6}$/, 'must be a ticket id like T-7Q2K').optional(),
  status: z.enum(['queued', 'assigned', 'resolved']).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  /** The `next` of the previous page. */
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export type HistoryQuery = z.infer<typeof HistoryQuery>;

export const HistoryTicket = z.object({ id: z.string(), reason: z.string(), status: z.string(), createdAt: z.string(), resolvedAt: z.string().nullable(), rating: z.number().nullable() });
export type HistoryTicket = z.infer<typeof HistoryTicket>;

export const HistoryEntry = z.object({
  key: z.string(),
  channel: z.string(),
  locale: z.string(),
  playerName: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  tickets: z.array(HistoryTicket),
  /** The words found, marked «like this», in a message; or the conversation's last message. */
  snippet: z.string(),
});
export type HistoryEntry = z.infer<typeof HistoryEntry>;

export const HistoryPage = z.object({ conversations: z.array(HistoryEntry), next: z.string().nullable() });
export type HistoryPage = z.infer<typeof HistoryPage>;

export const HistoryConversation = HistoryEntry.omit({ snippet: true }).extend({ messages: z.array(Message) });
export type HistoryConversation = z.infer<typeof HistoryConversation>;

/** The conversation history port: implemented over the system of record, used by the agent API. */
export interface ConversationHistory {
  search(query: HistoryQuery): Promise<HistoryPage>;
  conversation(key: string): Promise<HistoryConversation | undefined>;
  /** Every ticket the conversation has had, oldest first. */
  ticketsOf(conversationKey: string): Promise<HistoryTicket[]>;
}
