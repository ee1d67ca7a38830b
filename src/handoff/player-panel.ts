import type { ConversationStore } from '../conversation/store.js';
import type { PlayerSnapshot } from '../core/player.js';
import type { Conversation } from '../core/schemas.js';
import { AppError, NotFoundError } from '../errors.js';
import type { TicketStore } from './tickets.js';

/** The operator's player API as the console reads it (`PlayerApi`). */
export interface PlayerDataSource {
  snapshot(playerId: string, options?: { fresh?: boolean }): Promise<PlayerSnapshot>;
}

/** The player's conversations on every channel, for the agent to open. */
export type LinkedConversation = Pick<Conversation, 'key' | 'channel' | 'locale' | 'mode' | 'updatedAt' | 'ticketId'>;

/** What the console's player panel shows for a verified player. */
export interface PlayerPanel {
  playerId: string;
  conversations: LinkedConversation[];
  /** The player's data and when it was read; absent when the API is not configured or did not answer. */
  data?: PlayerSnapshot;
  /** Why there is no data (e.g. the API is down), for the agent to read. */
  unavailable?: string;
}

/** The player panel of a ticket: who the verified player is, their other conversations, and their account as the operator's API has it. */
export class PlayerPanels {
  constructor(
    private readonly deps: {
      tickets: Pick<TicketStore, 'require'>;
      conversations: Pick<ConversationStore, 'require' | 'ofPlayer'>;
      players?: PlayerDataSource;
    },
  ) {}

  /** `fresh`: read the API now rather than reuse a read of the last minute ("refresh" in the console). */
  async ofTicket(ticketId: string, { fresh = false } = {}): Promise<PlayerPanel> {
    const ticket = await this.deps.tickets.require(ticketId);
    const { playerId } = await this.deps.conversations.require(ticket.conversationKey);
    if (!playerId) throw new NotFoundError(`The player of ticket ${ticketId} is not verified: the operator's site did not sign them in, and they did not link the chat.`, 'player_not_verified');
    const conversations = (await this.deps.conversations.ofPlayer(playerId)).map(({ key, channel, locale, mode, updatedAt, ticketId: open }) => ({ key, channel, locale, mode, updatedAt, ...(open ? { ticketId: open } : {}) }));
    const panel: PlayerPanel = { playerId, conversations };
    if (!this.deps.players) return { ...panel, unavailable: 'The player API is not configured (PLAYER_API_URL).' };
    try {
      return { ...panel, data: await this.deps.players.snapshot(playerId, { fresh }) };
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      return { ...panel, unavailable: error.message };
    }
  }
}
