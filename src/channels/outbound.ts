import { z } from 'zod';
import { ChannelId, Message } from '../core/schemas.js';

/** A transcript message waiting to be pushed to a messenger, in conversation order. */
export const OutboundItem = z.object({ channel: ChannelId, chatId: z.string(), message: Message });
export type OutboundItem = z.infer<typeof OutboundItem>;

/** Sends one message through a messenger's API now (retrying 429/5xx in-line a little). */
export type SendNow = (chatId: string, message: Message) => Promise<void>;
