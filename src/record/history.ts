import { type SQL, sql } from 'drizzle-orm';
import { BadRequestError, ServiceUnavailableError } from '../errors.js';
import type { ConversationHistory, HistoryConversation, HistoryEntry, HistoryPage, HistoryQuery, HistoryTicket } from '../core/history.js';
import { Message } from '../core/schemas.js';
import type { RecordDb } from './database.js';

/** The text-search configuration of a conversation's language, in SQL (see `searchConfig`). */
const CONFIG = sql`(CASE c.locale WHEN 'en' THEN 'english' WHEN 'ru' THEN 'russian' WHEN 'tr' THEN 'turkish' ELSE 'simple' END)::regconfig`;
const HEADLINE = 'StartSel=«,StopSel=»,MaxFragments=1,MaxWords=24,MinWords=8';
const SNIPPET_CHARS = 160;

interface ConversationRow {
  key: string;
  channel: string;
  locale: string;
  player_name: string | null;
  created_at: string | Date;
  updated_at: string | Date;
  snippet: string | null;
}

interface TicketRow {
  id: string;
  conversation_key: string;
  reason: string;
  status: string;
  created_at: string | Date;
  resolved_at: string | Date | null;
  rating: number | null;
}

const iso = (value: string | Date) => new Date(value).toISOString();

/**
 * Past and present conversations from the system of record: full-text search in each
 * conversation's own language (PostgreSQL text search: english, russian, turkish; Azerbaijani word
 * for word), filters, and pages that follow each other however many conversations are added meanwhile.
 */
export class RecordHistory implements ConversationHistory {
  constructor(private readonly db: RecordDb) {}

  async search(query: HistoryQuery): Promise<HistoryPage> {
    const where: SQL[] = [];
    if (query.player) where.push(sql`c.player_name ILIKE ${`%${query.player.replace(/[\\%_]/g, (c) => `\\${c}`)}%`}`);
    if (query.ticket) where.push(sql`EXISTS (SELECT 1 FROM tickets t WHERE t.conversation_key = c.key AND t.id = ${query.ticket})`);
    if (query.status) where.push(sql`EXISTS (SELECT 1 FROM tickets t WHERE t.conversation_key = c.key AND t.status = ${query.status})`);
    if (query.from) where.push(sql`c.updated_at >= ${query.from}`);
    if (query.to) where.push(sql`c.updated_at <= ${query.to}`);
    if (query.cursor) {
      const [updatedAt, key] = decodeCursor(query.cursor);
      where.push(sql`(c.updated_at, c.key) < (${updatedAt}::timestamptz, ${key})`);
    }
    const snippet = query.query
      ? sql`(SELECT ts_headline(${CONFIG}, m.text, plainto_tsquery(${CONFIG}, ${query.query}), ${HEADLINE}) FROM messages m
             WHERE m.conversation_key = c.key AND m.search @@ plainto_tsquery(${CONFIG}, ${query.query}) ORDER BY m.at, m.seq LIMIT 1)`
      : sql`(SELECT left(m.text, ${SNIPPET_CHARS}) FROM messages m WHERE m.conversation_key = c.key ORDER BY m.at DESC, m.seq DESC LIMIT 1)`;
    const rows = await this.rows<ConversationRow>(sql`
      SELECT * FROM (
        SELECT c.key, c.channel, c.locale, c.player_name, c.created_at, c.updated_at, ${snippet} AS snippet
        FROM conversations c
        ${where.length > 0 ? sql`WHERE ${sql.join(where, sql` AND `)}` : sql``}
      ) found
      ${query.query ? sql`WHERE snippet IS NOT NULL` : sql``}
      ORDER BY updated_at DESC, key DESC
      LIMIT ${query.limit + 1}`);
    const page = rows.slice(0, query.limit);
    const tickets = await this.ticketsByConversation(page.map((row) => row.key));
    const last = page.at(-1);
    return {
      conversations: page.map((row): HistoryEntry => ({ ...entry(row), tickets: tickets.get(row.key) ?? [], snippet: row.snippet ?? '' })),
      next: rows.length > query.limit && last ? encodeCursor(iso(last.updated_at), last.key) : null,
    };
  }

  async conversation(key: string): Promise<HistoryConversation | undefined> {
    const [row] = await this.rows<ConversationRow>(sql`
      SELECT c.key, c.channel, c.locale, c.player_name, c.created_at, c.updated_at, NULL AS snippet FROM conversations c WHERE c.key = ${key}`);
    if (!row) return undefined;
    const messages = await this.rows<Record<string, unknown>>(sql`
      SELECT seq, id, "from", text, locale, author, citations, actions, handoff, account_data AS "accountData", attachments, at FROM messages WHERE conversation_key = ${key} ORDER BY at, seq`);
    const tickets = await this.ticketsByConversation([key]);
    return {
      ...entry(row),
      tickets: tickets.get(key) ?? [],
      messages: messages.map((m) =>
        Message.parse(Object.fromEntries(Object.entries({ ...m, at: iso(m.at as string) }).filter(([, value]) => value !== null))),
      ),
    };
  }

  async ticketsOf(conversationKey: string): Promise<HistoryTicket[]> {
    return (await this.ticketsByConversation([conversationKey])).get(conversationKey) ?? [];
  }

  private async ticketsByConversation(keys: string[]): Promise<Map<string, HistoryTicket[]>> {
    const byConversation = new Map<string, HistoryTicket[]>();
    if (keys.length === 0) return byConversation;
    const rows = await this.rows<TicketRow>(sql`
      SELECT id, conversation_key, reason, status, created_at, resolved_at, rating FROM tickets
      WHERE conversation_key IN (${sql.join(keys.map((key) => sql`${key}`), sql`, `)}) ORDER BY created_at`);
    for (const row of rows) {
      const list = byConversation.get(row.conversation_key) ?? [];
      list.push({ id: row.id, reason: row.reason, status: row.status, createdAt: iso(row.created_at), resolvedAt: row.resolved_at ? iso(row.resolved_at) : null, rating: row.rating });
      byConversation.set(row.conversation_key, list);
    }
    return byConversation;
  }

  private async rows<T>(query: SQL): Promise<T[]> {
    try {
      return ((await this.db.execute(query)) as unknown as { rows: T[] }).rows;
    } catch (error) {
      // A query we wrote does not fail on its own: the database is away (or restarting).
      throw new ServiceUnavailableError(
        `The conversation history is unavailable right now (${error instanceof Error ? error.message : 'the database does not answer'}); live chats are not affected. Try again shortly.`,
        5,
        'history_unavailable',
      );
    }
  }
}

function entry(row: ConversationRow): Omit<HistoryEntry, 'tickets' | 'snippet'> {
  return { key: row.key, channel: row.channel, locale: row.locale, playerName: row.player_name, createdAt: iso(row.created_at), updatedAt: iso(row.updated_at) };
}

function encodeCursor(updatedAt: string, key: string): string {
  return Buffer.from(JSON.stringify([updatedAt, key])).toString('base64url');
}

function decodeCursor(cursor: string): [string, string] {
  try {
    const [updatedAt, key] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    if (typeof updatedAt === 'string' && typeof key === 'string' && !Number.isNaN(Date.parse(updatedAt))) return [updatedAt, key];
  } catch {
    // falls through to the refusal
  }
  throw new BadRequestError('The cursor is not one this API gave out; pass the `next` of the previous page.', 'invalid_cursor');
}
