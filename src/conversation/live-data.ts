import type { Redis } from 'ioredis';
import { Conversation, Message } from '../core/schemas.js';
import { Note, parseTicketHash, type Ticket } from '../core/ticket.js';
import { LuaScript, pairsToObject } from '../redis.js';
import { type ConversationKeys, RECORD_GROUP, type StateKeys } from './keys.js';

const OUTBOX_PAGE = 1000;
/** How long an erased conversation's tombstone stays: far longer than a drain holds an entry in hand. */
const TOMBSTONE_SECONDS = 24 * 3600;

export interface LiveTicket {
  ticket: Ticket;
  notes: Note[];
}

/** What Redis holds of one conversation: live state and copies the system of record has not taken yet. */
export interface LiveConversation {
  key: string;
  /** Its record; undefined once it expired (its last messages may still wait in the outbox). */
  conversation?: Conversation;
  /** The transcript and every message still waiting for the system of record, by sequence number. */
  messages: Message[];
  tickets: LiveTicket[];
  /** The record outbox entries naming it or its tickets. */
  outboxEntries: string[];
}

/**
 * KEYS[1] the record outbox, KEYS[2] the transitions' outbox, then ARGV[1] tombstones, then the keys
 * to delete; ARGV[2] the tombstones' lifetime, ARGV[3] the drain's group, then the outbox entries to
 * drop. Each tombstone keeps both streams' last entry id: an entry up to there that a drain had in
 * hand when this ran is one the drain deletes again after copying it.
 */
const ERASE = new LuaScript(`
local function lastId(stream)
  local ok, info = pcall(redis.call, 'XINFO', 'STREAM', stream)
  if not ok then return '0-0' end
  for i = 1, #info, 2 do
    if info[i] == 'last-generated-id' then return info[i + 1] end
  end
  return '0-0'
end
local record, transitions = lastId(KEYS[1]), lastId(KEYS[2])
local tombstones = tonumber(ARGV[1])
for i = 3, 2 + tombstones do
  redis.call('HSET', KEYS[i], KEYS[1], record, KEYS[2], transitions)
  redis.call('EXPIRE', KEYS[i], ARGV[2])
end
for i = 3 + tombstones, #KEYS do redis.call('DEL', KEYS[i]) end
for i = 4, #ARGV do
  redis.call('XACK', KEYS[1], ARGV[3], ARGV[i])
  redis.call('XDEL', KEYS[1], ARGV[i])
end
return 1
`);

type Entry = [id: string, fields: string[]];

/**
 * A player's data in Redis, for data-protection requests: read whole (nothing the player said is
 * missing even before the system of record has it) and erased in one step that also drops the
 * record outbox's copies not taken yet.
 */
export class LiveConversationData {
  constructor(
    private readonly redis: Redis,
    private readonly keys: { conversation: ConversationKeys; state: StateKeys },
  ) {}

  /**
   * What Redis holds of these conversations (those with nothing are left out); `knownTicketIds` are
   * their tickets known elsewhere (the system of record).
   */
  async read(conversationKeys: string[], knownTicketIds: Iterable<string> = []): Promise<LiveConversation[]> {
    const wanted = new Set(conversationKeys);
    const pending = await this.pendingEntries();
    const found: LiveConversation[] = [];
    for (const key of conversationKeys) {
      const [fields, transcript] = await Promise.all([
        this.redis.hgetall(this.keys.state.conversation(key)),
        this.redis.xrange(this.keys.state.transcript(key), '-', '+'),
      ]);
      const parsed = Conversation.safeParse(fields);
      const messages = new Map<string, Message>();
      for (const [, entry] of transcript) this.keep(messages, entry[1]);
      const outboxEntries: string[] = [];
      for (const [id, entry] of pending) {
        if (entry.kind !== 'message' || entry.conversationKey !== key) continue;
        this.keep(messages, entry.message);
        outboxEntries.push(id);
      }
      const live: LiveConversation = {
        key,
        ...(parsed.success ? { conversation: parsed.data } : {}),
        messages: [...messages.values()].sort((a, b) => a.seq - b.seq),
        tickets: [],
        outboxEntries,
      };
      if (live.conversation || live.messages.length > 0) found.push(live);
    }
    // A conversation's tickets: its open one, those its messages announce, those known elsewhere, those a waiting copy names.
    const ticketIds = new Set(knownTicketIds);
    for (const live of found) {
      if (live.conversation?.ticketId) ticketIds.add(live.conversation.ticketId);
      for (const message of live.messages) if (message.handoff?.ticketId) ticketIds.add(message.handoff.ticketId);
    }
    for (const [, entry] of pending) if (entry.ticketId) ticketIds.add(entry.ticketId);
    for (const id of ticketIds) {
      const fields = await this.redis.hgetall(this.keys.state.ticket(id));
      if (!fields.status || !wanted.has(fields.conversationKey ?? '')) continue;
      const ticket = parseTicketHash(fields);
      let live = found.find((conversation) => conversation.key === ticket.conversationKey);
      if (!live) {
        live = { key: ticket.conversationKey, messages: [], tickets: [], outboxEntries: [] };
        found.push(live);
      }
      const notes = (await this.redis.lrange(this.keys.state.notes(id), 0, -1)).map((raw) => Note.parse(JSON.parse(raw)));
      live.tickets.push({ ticket, notes });
      for (const [entryId, entry] of pending) if (entry.ticketId === id) live.outboxEntries.push(entryId);
    }
    return found;
  }

  /**
   * Erases what `read` found in one step: the conversations' records, transcripts, once-ids and
   * stored turn results, their tickets and notes, `moreKeys` (other modules' keys naming the chats),
   * and the record outbox entries not copied yet; leaves a tombstone for each conversation key.
   */
  async erase(found: LiveConversation[], conversationKeys: string[], moreKeys: string[]): Promise<void> {
    const { conversation: keys, state } = this.keys;
    const doomed = new Set(moreKeys);
    for (const live of found) {
      for (const key of [state.conversation(live.key), state.transcript(live.key), keys.onceIds(live.key)]) doomed.add(key);
      for (const message of live.messages) if (message.clientMessageId) doomed.add(keys.turnResult(live.key, message.clientMessageId));
      for (const { ticket } of live.tickets) doomed.add(state.ticket(ticket.id)).add(state.notes(ticket.id));
    }
    const tombstones = [...new Set([...conversationKeys, ...found.map((live) => live.key)])].map((key) => state.erased(key));
    const entries = [...new Set(found.flatMap((live) => live.outboxEntries))];
    await ERASE.run(
      this.redis,
      [state.recordOutbox, state.outbox, ...tombstones, ...doomed],
      [tombstones.length, TOMBSTONE_SECONDS, RECORD_GROUP, ...entries],
    );
  }

  /** A message JSON from the transcript or the outbox, kept once by id. */
  private keep(messages: Map<string, Message>, json: string | undefined): void {
    if (!json) return;
    const message = Message.safeParse(JSON.parse(json));
    if (message.success) messages.set(message.data.id, message.data);
  }

  /** Every entry waiting in the record outbox (a handful, unless the database has been away), page by page. */
  private async pendingEntries(): Promise<Array<[string, Record<string, string>]>> {
    const entries: Array<[string, Record<string, string>]> = [];
    let start = '-';
    for (;;) {
      const page = (await this.redis.xrange(this.keys.state.recordOutbox, start, '+', 'COUNT', OUTBOX_PAGE)) as Entry[];
      for (const [id, fields] of page) entries.push([id, pairsToObject(fields)]);
      if (page.length < OUTBOX_PAGE) return entries;
      start = `(${page.at(-1)![0]}`;
    }
  }
}
