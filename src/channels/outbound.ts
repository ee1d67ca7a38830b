import { z } from 'zod';
import { ChannelId, Message } from '../core/schemas.js';

/** A transcript message waiting to be pushed to a messenger, in conversation order. */
export const OutboundItem = z.object({
  channel: ChannelId,
  chatId: z.string(),
  message: Message,
  /** Decided when pushed: an agent's message after the 24-hour window goes with Meta's HUMAN_AGENT tag. */
  humanAgentTag: z.boolean().optional(),
});
export type OutboundItem = z.infer<typeof OutboundItem>;

/** Sends one message through a messenger's API now (retrying 429/5xx in-line a little). */
export type SendNow = (chatId: string, message: Message, terms: { humanAgentTag: boolean }) => Promise<void>;
