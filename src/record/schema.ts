import { sql } from 'drizzle-orm';
import { customType, index, integer, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

/** A full-text search vector, filled on insert in the conversation's language (see `searchConfig`). */
const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

const at = (name: string) => timestamp(name, { withTimezone: true, mode: 'string' });

/** One row per conversation: who, where, in which language, and when. */
export const conversations = pgTable(
  'conversations',
  {
    key: text('key').primaryKey(),
    channel: text('channel').notNull(),
    chatId: text('chat_id').notNull(),
    locale: text('locale').notNull(),
    playerName: text('player_name'),
    createdAt: at('created_at').notNull(),
    updatedAt: at('updated_at').notNull(),
    lastPlayerAt: at('last_player_at'),
    /** The verified player at the operator, when the conversation has one: all their conversations, whatever the channel. */
    playerId: text('player_id'),
  },
  (table) => [index('conversations_updated_at').on(table.updatedAt), index('conversations_player').on(table.playerId)],
);

/** Every transcript message, in order, searchable in the conversation's language. */
export const messages = pgTable(
  'messages',
  {
    conversationKey: text('conversation_key')
      .notNull()
      .references(() => conversations.key, { onDelete: 'cascade' }),
    /** The message's number in the live conversation; it starts again at 1 when a conversation left Redis and the player came back, so `at` orders first. */
    seq: integer('seq').notNull(),
    id: text('id').primaryKey(),
    from: text('from').notNull(),
    text: text('text').notNull(),
    locale: text('locale').notNull(),
    author: text('author'),
    citations: jsonb('citations'),
    actions: jsonb('actions'),
    handoff: jsonb('handoff'),
    /** The player's own data a reply showed, and when it was read. */
    accountData: jsonb('account_data'),
    /** Files sent with the message: id, name, type, size and SHA-256 (the bytes are in the attachment store). */
    attachments: jsonb('attachments'),
    at: at('at').notNull(),
    search: tsvector('search'),
  },
  (table) => [index('messages_in_order').on(table.conversationKey, table.at, table.seq), index('messages_search').using('gin', table.search)],
);

/** Tickets as they stand now; `ticket_events` keeps every transition. */
export const tickets = pgTable(
  'tickets',
  {
    id: text('id').primaryKey(),
    conversationKey: text('conversation_key')
      .notNull()
      .references(() => conversations.key, { onDelete: 'cascade' }),
    channel: text('channel').notNull(),
    locale: text('locale').notNull(),
    reason: text('reason').notNull(),
    priority: integer('priority').notNull(),
    status: text('status').notNull(),
    facts: jsonb('facts').notNull(),
    summary: text('summary').notNull(),
    agentId: text('agent_id'),
    agentName: text('agent_name'),
    team: text('team'),
    rating: integer('rating'),
    createdAt: at('created_at').notNull(),
    claimedAt: at('claimed_at'),
    firstReplyAt: at('first_reply_at'),
    resolvedAt: at('resolved_at'),
    ackDueAt: at('ack_due_at'),
    finalDueAt: at('final_due_at'),
    version: integer('version').notNull(),
  },
  (table) => [index('tickets_conversation').on(table.conversationKey), index('tickets_created_at').on(table.createdAt)],
);

/** Every ticket transition and agent action, once (keyed by its outbox entry). */
export const ticketEvents = pgTable(
  'ticket_events',
  {
    id: text('id').primaryKey(),
    ticketId: text('ticket_id')
      .notNull()
      .references(() => tickets.id, { onDelete: 'cascade' }),
    type: text('type').notNull(),
    agentId: text('agent_id'),
    reason: text('reason'),
    at: at('at').notNull(),
  },
  (table) => [index('ticket_events_ticket').on(table.ticketId)],
);

/** Agents' internal notes on a ticket. */
export const notes = pgTable(
  'notes',
  {
    id: text('id').primaryKey(),
    ticketId: text('ticket_id')
      .notNull()
      .references(() => tickets.id, { onDelete: 'cascade' }),
    agentId: text('agent_id').notNull(),
    agentName: text('agent_name').notNull(),
    text: text('text').notNull(),
    at: at('at').notNull(),
  },
  (table) => [index('notes_ticket').on(table.ticketId)],
);

/** The exact text of every article version a reply cited, for disputes long after the article changed. */
export const articleVersions = pgTable(
  'article_versions',
  {
    id: text('id').notNull(),
    hash: text('hash').notNull(),
    locale: text('locale').notNull(),
    title: text('title').notNull(),
    sections: jsonb('sections').notNull(),
    firstCitedAt: at('first_cited_at').notNull().default(sql`now()`),
  },
  (table) => [primaryKey({ columns: [table.id, table.hash] })],
);


/**
 * One row per `player:erase`: when, which conversations (each key's SHA-256, never the key) and how
 * much went, so an operator can show a request was carried out without keeping anything erased.
 */
export const erasures = pgTable('erasures', {
  id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
  erasedAt: at('erased_at').notNull().default(sql`now()`),
  conversationKeyHashes: text('conversation_key_hashes').array().notNull(),
  conversations: integer('conversations').notNull(),
  messages: integer('messages').notNull(),
  tickets: integer('tickets').notNull(),
  ticketEvents: integer('ticket_events').notNull(),
  notes: integer('notes').notNull(),
});
