import { z } from 'zod';
import type { Config } from '../config.js';
import { conversationKeys, stateKeys } from '../conversation/keys.js';
import { type LiveConversation, LiveConversationData } from '../conversation/live-data.js';
import { candidateConversationKeys, type PlayerSelector } from '../core/player-request.js';
import { channelIds, conversationKeyParts, type Message } from '../core/schemas.js';
import type { Note, Ticket } from '../core/ticket.js';
import type { RecordDatabase } from '../record/database.js';
import { type ErasureCounts, type RecordedConversation, RecordPlayerData } from '../record/player-data.js';
import type { Redis } from '../redis.js';
import { UsageError } from './command.js';

/** The options that say whose data: `--player ID` or `--conversation KEY`. */
export const selectorOptions = { player: { type: 'string' }, conversation: { type: 'string' } } as const;

const Selector = z.union([
  z.object({ player: z.string().trim().min(1).max(128), conversation: z.undefined().optional() }).transform(({ player }) => ({ player })),
  z
    .object({ conversation: z.string().trim().regex(new RegExp(`^(${channelIds.join('|')}):\\S+$`)), player: z.undefined().optional() })
    .transform(({ conversation }) => ({ conversation })),
]);

export function selectorOption(values: { player?: string; conversation?: string }): PlayerSelector {
  const selector = Selector.safeParse(values);
  if (!selector.success) throw new UsageError(`give either --player ID or --conversation KEY (${channelIds.map((channel) => `${channel}:…`).join(', ')})`);
  return selector.data;
}

/** How the request names whose data it is, for messages: `player 12345` or `conversation telegram:12345`. */
export function describeSelector(selector: PlayerSelector): string {
  return 'player' in selector ? `player ${selector.player}` : `conversation ${selector.conversation}`;
}

export interface PlayerTicket extends Omit<Ticket, 'conversationKey' | 'lastPosition' | 'version'> {
  events: Array<{ type: string; agentId?: string; reason?: string; at: string }>;
  notes: Note[];
}

/** One conversation of the player, as the system of record and Redis hold it together. */
export interface PlayerConversation {
  key: string;
  channel: string;
  chatId: string;
  locale: string;
  playerName?: string;
  createdAt: string;
  updatedAt: string;
  lastPlayerAt?: string;
  messages: Message[];
  tickets: PlayerTicket[];
}

export interface PlayerData {
  conversations: PlayerConversation[];
  /** What Redis holds of them (for the erasure). */
  live: LiveConversation[];
}

/** Where a player's data is: the system of record and the gateway's Redis. */
export class PlayerDataSources {
  readonly record: RecordPlayerData;
  readonly live: LiveConversationData;

  private readonly verifiedChats: (playerId: string) => Promise<string[]>;

  constructor(config: Config, redis: Redis, database: RecordDatabase) {
    this.record = new RecordPlayerData(database.db);
    const keys = conversationKeys(config.REDIS_PREFIX);
    this.verifiedChats = (playerId) => redis.smembers(keys.playerConversations(playerId));
    this.live = new LiveConversationData(redis, { conversation: conversationKeys(config.REDIS_PREFIX), state: stateKeys(config.REDIS_PREFIX) });
  }

  /** Every conversation key the request may name: recorded ones, and the chats Redis may hold. */
  async keysOf(selector: PlayerSelector): Promise<string[]> {
    const verified = 'player' in selector ? await this.verifiedChats(selector.player) : [];
    return [...new Set([...(await this.record.keysOf(selector)), ...verified, ...candidateConversationKeys(selector)])];
  }

  /** Everything of these conversations, the record's copy completed by what Redis has not handed over yet. */
  async read(keys: string[]): Promise<PlayerData> {
    const recorded = await this.record.read(keys);
    const live = await this.live.read(keys, recorded.flatMap((conversation) => conversation.tickets.map((ticket) => ticket.id)));
    const merged = new Map<string, PlayerConversation>();
    for (const conversation of recorded) merged.set(conversation.key, fromRecord(conversation));
    for (const conversation of live) merged.set(conversation.key, withLive(merged.get(conversation.key), conversation));
    const conversations = [...merged.values()].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    return { conversations, live };
  }
}

export function countsOf(conversations: PlayerConversation[]): ErasureCounts {
  const tickets = conversations.flatMap((conversation) => conversation.tickets);
  return {
    conversations: conversations.length,
    messages: conversations.reduce((sum, conversation) => sum + conversation.messages.length, 0),
    tickets: tickets.length,
    ticketEvents: tickets.reduce((sum, ticket) => sum + ticket.events.length, 0),
    notes: tickets.reduce((sum, ticket) => sum + ticket.notes.length, 0),
  };
}

/** A row's fields without its empty (null) columns. */
function present<T extends object>(row: T): { [K in keyof T]: Exclude<T[K], null> } {
  return Object.fromEntries(Object.entries(row).filter(([, value]) => value !== null)) as { [K in keyof T]: Exclude<T[K], null> };
}

function fromRecord({ messages, tickets, ...row }: RecordedConversation): PlayerConversation {
  return {
    ...present(row),
    messages,
    tickets: tickets.map(({ conversationKey: _key, events, notes, ...ticket }) => ({
      ...(present(ticket) as Omit<PlayerTicket, 'events' | 'notes'>),
      events: events.map(({ id: _id, ...event }) => present(event)),
      notes: notes.map(({ id: _id, ...note }) => note),
    })),
  };
}

/** The recorded conversation (if any) brought up to date with Redis: newer fields, and what is not copied yet. */
function withLive(recorded: PlayerConversation | undefined, live: LiveConversation): PlayerConversation {
  const { channel, chatId } = conversationKeyParts(live.key);
  const state = live.conversation;
  const messages = new Map([...(recorded?.messages ?? []), ...live.messages].map((message) => [message.id, message]));
  const tickets = new Map((recorded?.tickets ?? []).map((ticket) => [ticket.id, ticket]));
  for (const { ticket, notes } of live.tickets) {
    const { conversationKey: _key, lastPosition: _position, version: _version, ...fields } = ticket;
    const known = tickets.get(ticket.id);
    const allNotes = new Map([...(known?.notes ?? []), ...notes].map((note) => [`${note.at}|${note.agentId}|${note.text}`, note]));
    tickets.set(ticket.id, { ...known, ...fields, events: known?.events ?? [], notes: [...allNotes.values()].sort((a, b) => a.at.localeCompare(b.at)) });
  }
  const ordered = [...messages.values()].sort((a, b) => a.at.localeCompare(b.at) || a.seq - b.seq);
  const first = ordered[0]?.at ?? new Date().toISOString();
  return {
    key: live.key,
    channel: state?.channel ?? recorded?.channel ?? channel,
    chatId: state?.chatId ?? recorded?.chatId ?? chatId,
    locale: state?.locale ?? recorded?.locale ?? ordered[0]?.locale ?? 'en',
    ...((state?.name ?? recorded?.playerName) ? { playerName: state?.name ?? recorded?.playerName } : {}),
    createdAt: recorded?.createdAt ?? state?.createdAt ?? first,
    updatedAt: state?.updatedAt ?? recorded?.updatedAt ?? ordered.at(-1)?.at ?? first,
    ...((state?.lastPlayerAt ?? recorded?.lastPlayerAt) ? { lastPlayerAt: state?.lastPlayerAt ?? recorded?.lastPlayerAt } : {}),
    messages: ordered,
    tickets: [...tickets.values()].sort((a, b) => a.createdAt.localeCompare(b.createdAt)),
  };
}
