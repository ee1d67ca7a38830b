import type { ChannelId, Conversation, Message } from './schemas.js';

/**
 * What a channel must do to reach its players. Everything else about a channel (its webhook,
 * payload schema, signature checks) stays inside `src/channels/<name>/`.
 */
export interface ChannelSender {
  readonly channel: ChannelId;
  /** Delivers one transcript message (bot, agent or system) to the player. */
  deliver(conversation: Conversation, message: Message): Promise<void>;
  /** Shows the player that the bot is working on an answer. */
  typing(conversation: Conversation): Promise<void>;
}

/** The channels that push messages to the player (web chat has none: its page reads the transcript). */
export type ChannelSenders = Partial<Record<ChannelId, ChannelSender>>;
