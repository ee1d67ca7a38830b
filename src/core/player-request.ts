import { channelIds, conversationKeyOf } from './schemas.js';

/**
 * Whose data a data-protection request is about: a player, by their id — their chat id on a channel
 * (a Telegram user id, a WhatsApp number) or their verified player id at the operator (every chat
 * they linked); or one conversation, by its key (`telegram:12345`).
 */
export type PlayerSelector = { player: string } | { conversation: string };

/** The conversation keys the request can name: the player's chat on every channel, or the one conversation. */
export function candidateConversationKeys(selector: PlayerSelector): string[] {
  return 'player' in selector ? channelIds.map((channel) => conversationKeyOf(channel, selector.player)) : [selector.conversation];
}
