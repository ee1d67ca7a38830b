import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { z } from 'zod';
import { RECORD_GROUP as GROUP, type StateKeys } from '../conversation/keys.js';
import { pairsToObject } from '../redis.js';
import { Conversation, conversationKeyParts, Message } from '../core/schemas.js';
import { Note, parseTicketHash, type Ticket } from '../core/ticket.js';
import type { RecordPlayerData } from './player-data.js';
import type { RecordWriter } from './writer.js';

const BATCH = 200;
/** An entry another drain took but did not finish for this long (it died) is taken over. */
const ORPHANED_MS = 30_000;

type Entry = [id: string, fields: string[]];

const ArticleVersion = z.object({ id: z.string(), hash: z.string(), locale: z.string(), title: z.string(), sections: z.array(z.unknown()) });

export interface RecordDrainDeps {
  redis: Redis;
  keys: StateKeys;
  /** Where a cited article version is kept in Redis. */
  articleVersionKey(id: string, hash: string): string;
  writer: RecordWriter;
  /** Deletes a conversation erased (`player:erase`) while one of its entries was in this drain's hands. */
  playerData: Pick<RecordPlayerData, 'erase'>;
  logger: Logger;
  /** How often this replica copies what is new. */
  everyMs: number;
  /** This replica's name in the consumer group. */
  consumer: string;
}

/**
 * Copies the live state into the system of record, from two Redis streams: the record outbox
 * (messages, notes, ratings, written in the same step as the change) and the ticket transitions'
 * outbox. An entry is acknowledged only after it is written, so a database outage loses nothing: the
 * entries wait, the chat goes on, and the copy catches up when the database is back.
 */
export class RecordDrain {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private failing = false;

  constructor(private readonly deps: RecordDrainDeps) {}

  async start(): Promise<void> {
    for (const stream of this.streams()) {
      await this.deps.redis.xgroup('CREATE', stream, GROUP, '0', 'MKSTREAM').catch((error: Error) => {
        if (!error.message.includes('BUSYGROUP')) throw error;
      });
    }
    this.timer = setInterval(() => void this.drain(), this.deps.everyMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** One round: this replica's unfinished entries, orphaned ones, then new ones. Never two rounds at once. */
  drain(): Promise<void> {
    this.running ??= this.round().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async round(): Promise<void> {
    try {
      for (const stream of this.streams()) {
        await this.apply(stream, await this.read(stream, '0'));
        const [, orphaned] = (await this.deps.redis.xautoclaim(stream, GROUP, this.deps.consumer, ORPHANED_MS, '0-0', 'COUNT', BATCH)) as [string, Entry[]];
        await this.apply(stream, orphaned);
        await this.apply(stream, await this.read(stream, '>'));
      }
      if (this.failing) this.deps.logger.info('system of record reachable again; copying what waited');
      this.failing = false;
    } catch (error) {
      // Said once per outage: the entries wait in Redis and the next round retries them.
      if (!this.failing) this.deps.logger.warn({ err: error }, 'cannot write to the system of record; changes wait in Redis until it is back');
      this.failing = true;
    }
  }

  private streams(): string[] {
    return [this.deps.keys.recordOutbox, this.deps.keys.outbox];
  }

  private async read(stream: string, from: '0' | '>'): Promise<Entry[]> {
    const result = (await this.deps.redis.xreadgroup('GROUP', GROUP, this.deps.consumer, 'COUNT', BATCH, 'STREAMS', stream, from)) as Array<[string, Entry[]]> | null;
    return (result?.[0]?.[1] ?? []).filter(([, fields]) => fields !== null);
  }

  private async apply(stream: string, entries: Entry[]): Promise<void> {
    for (const [id, flat] of entries) {
      const fields = pairsToObject(flat);
      try {
        const copied = stream === this.deps.keys.outbox ? await this.transition(id, fields) : await this.change(fields, id);
        if (copied) await this.unlessErased(stream, id, copied);
      } catch (error) {
        // An entry that cannot be read would block every later one: it is logged and dropped. A database error waits.
        if (!(error instanceof z.ZodError || error instanceof SyntaxError)) throw error;
        this.deps.logger.error({ err: error, stream, entry: id }, 'dropped an outbox entry the system of record cannot read');
      }
      await this.deps.redis.xack(stream, GROUP, id);
      // The record outbox is only ours: a copied entry goes. (The transitions' outbox is trimmed by its writers.)
      if (stream === this.deps.keys.recordOutbox) await this.deps.redis.xdel(stream, id);
    }
  }

  /** Copies a message, note or rating; returns the key of the conversation it copied into. */
  private async change(fields: Record<string, string>, entryId: string): Promise<string | undefined> {
    const { writer } = this.deps;
    if (fields.kind === 'message' && fields.conversationKey && fields.message) {
      const message = Message.parse(JSON.parse(fields.message));
      const conversation = await this.conversation(fields.conversationKey, message);
      await writer.conversation(conversation);
      await writer.message(conversation.key, message, conversation.locale);
      for (const citation of message.citations ?? []) if (citation.hash) await this.articleVersion(citation.id, citation.hash);
      return conversation.key;
    }
    const ticket = fields.ticketId ? await this.ticket(fields.ticketId) : undefined;
    if (!ticket) return undefined;
    if (fields.kind === 'note' && fields.note) {
      await writer.note({ id: entryId, ticketId: ticket.id, ...Note.parse(JSON.parse(fields.note)) });
    }
    return ticket.conversationKey;
  }

  private async transition(entryId: string, fields: Record<string, string>): Promise<string | undefined> {
    const { ticketId, type } = fields;
    const ticket = ticketId && type ? await this.ticket(ticketId) : undefined;
    if (!ticket || !type) return undefined;
    await this.deps.writer.ticketEvent({
      id: entryId,
      ticketId: ticket.id,
      type,
      agentId: fields.agentId,
      reason: fields.reason,
      at: new Date(Number(entryId.split('-')[0])).toISOString(),
    });
    return ticket.conversationKey;
  }

  /** Copies the ticket as it is now (and its conversation first); undefined when it is gone from Redis. */
  private async ticket(ticketId: string): Promise<Ticket | undefined> {
    const hash = await this.deps.redis.hgetall(this.deps.keys.ticket(ticketId));
    if (!hash.status) {
      this.deps.logger.warn({ ticketId }, 'a ticket left Redis before the system of record copied it');
      return undefined;
    }
    const ticket = parseTicketHash(hash);
    await this.deps.writer.conversation(await this.conversation(ticket.conversationKey));
    await this.deps.writer.ticket(ticket);
    return ticket;
  }

  /**
   * The conversation was erased (`player:erase`) while this entry, older than the erasure, was in our
   * hands: what was just copied of it goes again. Checked after the copy, so either the erasure's own
   * delete comes later, or this check sees its tombstone. (Entries still waiting it deleted itself.)
   */
  private async unlessErased(stream: string, entryId: string, conversationKey: string): Promise<void> {
    const lastBefore = await this.deps.redis.hget(this.deps.keys.erased(conversationKey), stream);
    if (lastBefore === null || streamIdAfter(entryId, lastBefore)) return;
    await this.deps.playerData.erase([conversationKey]);
    this.deps.logger.info({ stream, entry: entryId }, 'deleted again a copy of an erased conversation');
  }

  /** The conversation's record in Redis, or (gone already) what the message itself tells. */
  private async conversation(key: string, message?: Message): Promise<Conversation> {
    const hash = await this.deps.redis.hgetall(this.deps.keys.conversation(key));
    const parsed = Conversation.safeParse(hash);
    if (parsed.success) return parsed.data;
    const { channel, chatId } = conversationKeyParts(key);
    const at = message?.at ?? new Date().toISOString();
    return Conversation.parse({ key, channel, chatId, locale: message?.locale ?? 'en', mode: 'bot', createdAt: at, updatedAt: at, seq: 0, turns: 0 });
  }

  private async articleVersion(id: string, hash: string): Promise<void> {
    const raw = await this.deps.redis.get(this.deps.articleVersionKey(id, hash));
    if (raw) await this.deps.writer.articleVersion(ArticleVersion.parse(JSON.parse(raw)));
  }
}

/** Whether stream entry id `a` (`<ms>-<seq>`) comes after `b`. */
function streamIdAfter(a: string, b: string): boolean {
  const [aMs = 0, aSeq = 0] = a.split('-').map(Number);
  const [bMs = 0, bSeq = 0] = b.split('-').map(Number);
  return aMs !== bMs ? aMs > bMs : aSeq > bSeq;
}
