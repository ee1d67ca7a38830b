import type { ChannelId, Conversation } from '../core/schemas.js';

/**
 * Messengers that allow free-form business messages only for a while after the player last wrote:
 * WhatsApp's 24-hour customer-service window (outside it only pre-approved templates may be sent).
 */
const REPLY_WINDOW_MS: Partial<Record<ChannelId, number>> = { whatsapp: 24 * 3600 * 1000 };

/** When the window closes (undefined: the channel has no window, or the player never wrote). */
export function replyWindowClosesAt(conversation: Pick<Conversation, 'channel' | 'lastPlayerAt'>): Date | undefined {
  const window = REPLY_WINDOW_MS[conversation.channel];
  if (window === undefined || !conversation.lastPlayerAt) return undefined;
  return new Date(Date.parse(conversation.lastPlayerAt) + window);
}

export function replyWindowClosed(conversation: Pick<Conversation, 'channel' | 'lastPlayerAt'>, now = Date.now()): boolean {
  const closes = replyWindowClosesAt(conversation);
  return closes !== undefined && closes.getTime() <= now;
}
