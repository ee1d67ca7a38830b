import { asc, eq, getTableColumns, inArray, or } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import { conversationKeyHash } from '../conversation/keys.js';
import type { PlayerSelector } from '../core/player-request.js';
import { Message } from '../core/schemas.js';
import type { RecordDb } from './database.js';
import { conversations, erasures, messages, notes, ticketEvents, tickets } from './schema.js';

export interface RecordedTicket extends Omit<typeof tickets.$inferSelect, 'version'> {
  events: Array<Omit<typeof ticketEvents.$inferSelect, 'ticketId'>>;
  notes: Array<Omit<typeof notes.$inferSelect, 'ticketId'>>;
}

/** A conversation as the system of record keeps it: its row, every message, its tickets with their events and notes. */
export interface RecordedConversation extends Omit<typeof conversations.$inferSelect, 'key'> {
  key: string;
  messages: Message[];
  tickets: RecordedTicket[];
}

/** How much an erasure removed, as its audit row keeps it. */
export interface ErasureCounts {
  conversations: number;
  messages: number;
  tickets: number;
  ticketEvents: number;
  notes: number;
}

/** The row with its timestamps as ISO strings, whatever form the driver hands them in. */
function isoTimes<T extends Record<string, unknown>>(table: PgTable, row: T): T {
  const copy: Record<string, unknown> = { ...row };
  for (const [field, column] of Object.entries(getTableColumns(table))) {
    const value = copy[field];
    if (column.columnType === 'PgTimestampString' && typeof value === 'string') copy[field] = new Date(value).toISOString();
  }
  return copy as T;
}

/**
 * A player's data in the system of record, for data-protection requests: found by their chat id on
 * any channel, their verified player id (every channel they linked), or by conversation, read whole, and erased with an audit row that keeps no content.
 */
export class RecordPlayerData {
  constructor(private readonly db: RecordDb) {}

  /** Keys of the recorded conversations the request names. */
  async keysOf(selector: PlayerSelector): Promise<string[]> {
    const rows = await this.db
      .select({ key: conversations.key })
      .from(conversations)
      .where('player' in selector ? or(eq(conversations.chatId, selector.player), eq(conversations.playerId, selector.player)) : eq(conversations.key, selector.conversation))
      .orderBy(asc(conversations.createdAt));
    return rows.map((row) => row.key);
  }

  async read(keys: string[]): Promise<RecordedConversation[]> {
    if (keys.length === 0) return [];
    const found = await this.db.select().from(conversations).where(inArray(conversations.key, keys)).orderBy(asc(conversations.createdAt));
    const { search: _search, ...messageColumns } = getTableColumns(messages);
    const messageRows = await this.db.select(messageColumns).from(messages).where(inArray(messages.conversationKey, keys)).orderBy(asc(messages.at), asc(messages.seq));
    const ticketRows = await this.db.select().from(tickets).where(inArray(tickets.conversationKey, keys)).orderBy(asc(tickets.createdAt));
    const ticketIds = ticketRows.map((ticket) => ticket.id);
    const eventRows = ticketIds.length === 0 ? [] : await this.db.select().from(ticketEvents).where(inArray(ticketEvents.ticketId, ticketIds)).orderBy(asc(ticketEvents.at));
    const noteRows = ticketIds.length === 0 ? [] : await this.db.select().from(notes).where(inArray(notes.ticketId, ticketIds)).orderBy(asc(notes.at));
    return found.map((row) => ({
      ...isoTimes(conversations, row),
      messages: messageRows
        .filter((message) => message.conversationKey === row.key)
        .map(({ conversationKey: _key, ...message }) =>
          Message.parse(Object.fromEntries(Object.entries(isoTimes(messages, message)).filter(([, value]) => value !== null))),
        ),
      tickets: ticketRows
        .filter((ticket) => ticket.conversationKey === row.key)
        .map(({ version: _version, ...ticket }) => ({
          ...isoTimes(tickets, ticket),
          events: eventRows.filter((event) => event.ticketId === ticket.id).map(({ ticketId: _id, ...event }) => isoTimes(ticketEvents, event)),
          notes: noteRows.filter((note) => note.ticketId === ticket.id).map(({ ticketId: _id, ...note }) => isoTimes(notes, note)),
        })),
    }));
  }

  /**
   * Deletes the conversations with everything of them (messages, tickets, events and notes go by
   * cascade); with `audit`, the erasure's audit row is written in the same transaction. Returns its id.
   */
  async erase(keys: string[], audit?: ErasureCounts): Promise<number | undefined> {
    if (keys.length === 0) return undefined;
    return this.db.transaction(async (tx) => {
      await tx.delete(conversations).where(inArray(conversations.key, keys));
      if (!audit) return undefined;
      const [row] = await tx.insert(erasures).values({ conversationKeyHashes: keys.map(conversationKeyHash), ...audit }).returning({ id: erasures.id });
      return row?.id;
    });
  }
}
