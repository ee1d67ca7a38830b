import { sql } from 'drizzle-orm';
import type { Conversation, Locale, Message } from '../core/schemas.js';
import type { Ticket } from '../core/ticket.js';
import type { RecordDb } from './database.js';
import { articleVersions, conversations, messages, notes, ticketEvents, tickets } from './schema.js';

/** PostgreSQL's text-search configuration for each language (Azerbaijani has none: words as they are). */
const SEARCH_CONFIG: Record<Locale, string> = { en: 'english', ru: 'russian', tr: 'turkish', az: 'simple' };

export function searchConfig(locale: string): string {
  return SEARCH_CONFIG[locale as Locale] ?? 'simple';
}

/**
 * Writes the live state into the system of record. Every write may be repeated (an outbox entry is
 * delivered at least once): rows are keyed by what they copy, and a ticket row only moves forward.
 */
export class RecordWriter {
  constructor(private readonly db: RecordDb) {}

  async conversation(conversation: Pick<Conversation, 'key' | 'channel' | 'chatId' | 'locale' | 'name' | 'createdAt' | 'updatedAt' | 'lastPlayerAt' | 'playerId'>): Promise<void> {
    const row = {
      key: conversation.key,
      channel: conversation.channel,
      chatId: conversation.chatId,
      locale: conversation.locale,
      playerName: conversation.name ?? null,
      createdAt: conversation.createdAt,
      updatedAt: conversation.updatedAt,
      lastPlayerAt: conversation.lastPlayerAt ?? null,
      playerId: conversation.playerId ?? null,
    };
    await this.db
      .insert(conversations)
      .values(row)
      .onConflictDoUpdate({
        target: conversations.key,
        set: { locale: row.locale, playerName: row.playerName, updatedAt: row.updatedAt, lastPlayerAt: row.lastPlayerAt, playerId: row.playerId },
        setWhere: sql`${conversations.updatedAt} <= excluded.updated_at`,
      });
  }

  async message(conversationKey: string, message: Message, conversationLocale: string): Promise<void> {
    await this.db
      .insert(messages)
      .values({
        conversationKey,
        seq: message.seq,
        id: message.id,
        from: message.from,
        text: message.text,
        locale: message.locale,
        author: message.author ?? null,
        citations: message.citations ?? null,
        actions: message.actions ?? null,
        handoff: message.handoff ?? null,
        accountData: message.accountData ?? null,
        attachments: message.attachments ?? null,
        at: message.at,
        search: sql`to_tsvector(${searchConfig(conversationLocale)}::regconfig, ${message.text})`,
      })
      .onConflictDoNothing();
  }

  async ticket(ticket: Ticket): Promise<void> {
    // Where the player was last told they stand is live state only.
    const { lastPosition: _lastPosition, ...kept } = ticket;
    const row = {
      ...kept,
      agentId: ticket.agentId ?? null,
      agentName: ticket.agentName ?? null,
      team: ticket.team ?? null,
      rating: ticket.rating ?? null,
      claimedAt: ticket.claimedAt ?? null,
      firstReplyAt: ticket.firstReplyAt ?? null,
      resolvedAt: ticket.resolvedAt ?? null,
      ackDueAt: ticket.ackDueAt ?? null,
      finalDueAt: ticket.finalDueAt ?? null,
    };
    const { id: _id, createdAt: _createdAt, conversationKey: _conversationKey, ...changing } = row;
    await this.db
      .insert(tickets)
      .values(row)
      .onConflictDoUpdate({ target: tickets.id, set: changing, setWhere: sql`${tickets.version} <= excluded.version` });
  }

  async ticketEvent(event: { id: string; ticketId: string; type: string; agentId?: string; reason?: string; at: string }): Promise<void> {
    await this.db
      .insert(ticketEvents)
      .values({ ...event, agentId: event.agentId || null, reason: event.reason || null })
      .onConflictDoNothing();
  }

  async note(note: { id: string; ticketId: string; agentId: string; agentName: string; text: string; at: string }): Promise<void> {
    await this.db.insert(notes).values(note).onConflictDoNothing();
  }

  async articleVersion(version: { id: string; hash: string; locale: string; title: string; sections: unknown }): Promise<void> {
    await this.db.insert(articleVersions).values(version).onConflictDoNothing();
  }
}
