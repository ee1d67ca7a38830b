import type { Author, ChannelId, Conversation } from '../core/schemas.js';

const HOUR_MS = 3600 * 1000;

/** How long after the player's last message a messenger lets a business write to them. */
export interface ReplyWindow {
  /** Any message (bot, agent, system) may go this long. */
  standardMs: number;
  /** After that, a human agent's messages may still go this long, tagged HUMAN_AGENT (Meta's Messenger and Instagram). */
  humanAgentMs?: number;
}

/**
 * Messengers that allow free-form business messages only for a while after the player last wrote:
 * WhatsApp's 24-hour customer-service window (then only pre-approved templates, which we do not
 * send); Messenger's and Instagram's 24-hour standard window, then 7 days for a person's replies.
 */
const REPLY_WINDOWS: Partial<Record<ChannelId, ReplyWindow>> = {
  whatsapp: { standardMs: 24 * HOUR_MS },
  messenger: { standardMs: 24 * HOUR_MS, humanAgentMs: 7 * 24 * HOUR_MS },
  instagram: { standardMs: 24 * HOUR_MS, humanAgentMs: 7 * 24 * HOUR_MS },
};

/** Whether a message may reach the player now, and whether it has to go with the HUMAN_AGENT tag. */
export type ReplyPermit =
  | { send: true; humanAgentTag: false }
  | { send: true; humanAgentTag: true; standardClosedAt: Date; closesAt: Date }
  | { send: false; closedAt: Date; window: ReplyWindow };

/** The permit for a message by `from` in this conversation at `now` (no window, or the player never wrote: always sent). */
export function replyPermit(conversation: Pick<Conversation, 'channel' | 'lastPlayerAt'>, from: Author, now = Date.now()): ReplyPermit {
  const window = REPLY_WINDOWS[conversation.channel];
  if (window === undefined || !conversation.lastPlayerAt) return { send: true, humanAgentTag: false };
  const lastPlayerAt = Date.parse(conversation.lastPlayerAt);
  const standardClosedAt = new Date(lastPlayerAt + window.standardMs);
  if (now < standardClosedAt.getTime()) return { send: true, humanAgentTag: false };
  if (from !== 'agent' || window.humanAgentMs === undefined) return { send: false, closedAt: standardClosedAt, window };
  const closesAt = new Date(lastPlayerAt + window.humanAgentMs);
  if (now < closesAt.getTime()) return { send: true, humanAgentTag: true, standardClosedAt, closesAt };
  return { send: false, closedAt: closesAt, window };
}
