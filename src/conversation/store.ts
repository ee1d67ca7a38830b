import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { NotFoundError } from '../errors.js';
import { LuaScript, pairsToObject } from '../redis.js';
import { type ConversationKeys, RECORD_OUTBOX_MAXLEN } from './keys.js';
import {
  type ChannelId,
  Conversation,
  conversationKeyOf,
  type Locale,
  Message,
  type MessageDraft,
} from '../core/schemas.js';

/**
 * Appends atomically: the sequence number, the stream entry and the pub/sub event are one step,
 * so every replica sees messages of a conversation in one order and none is published twice.
 * The message JSON arrives without `seq`; it is spliced in here (cjson would turn [] into {}).
 * A conversation the player has not written in yet expires (see `ensure`), its transcript with it;
 * each player message keeps both for the live retention (ARGV[8], 0: for good) — for good while a
 * ticket is open; the resolve transition starts the clock again.
 * A player message counts a turn and remembers when the player last wrote. Every message also goes
 * to the system of record's outbox (KEYS[4]) in the same step, so none can miss the record.
 * A message with a once-id (ARGV[6]) is written at most once: a turn retried after a crash records
 * the player's message and the bot's replies again under the same ids, and gets the first copies.
 */
const APPEND = new LuaScript(`
if ARGV[6] ~= '' then
  local earlier = redis.call('HGET', KEYS[3], ARGV[6])
  if earlier then return {0, earlier} end
end
local seq = redis.call('HINCRBY', KEYS[1], 'seq', 1)
redis.call('HSET', KEYS[1], 'updatedAt', ARGV[3])
if ARGV[5] == 'player' then
  redis.call('HINCRBY', KEYS[1], 'turns', 1)
  redis.call('HSET', KEYS[1], 'lastPlayerAt', ARGV[3])
end
local json = '{"seq":' .. seq .. ',' .. string.sub(ARGV[1], 2)
redis.call('XADD', KEYS[2], 'MAXLEN', '~', ARGV[4], seq .. '-0', 'm', json)
if ARGV[5] == 'player' then
  local mode = redis.call('HGET', KEYS[1], 'mode')
  if ARGV[8] == '0' or mode == 'queued' or mode == 'agent' then
    redis.call('PERSIST', KEYS[1])
    redis.call('PERSIST', KEYS[2])
  else
    redis.call('EXPIRE', KEYS[1], ARGV[8])
    redis.call('EXPIRE', KEYS[2], ARGV[8])
  end
else
  local ttl = redis.call('PTTL', KEYS[1])
  if ttl > 0 then redis.call('PEXPIRE', KEYS[2], ttl) end
end
redis.call('PUBLISH', ARGV[2], json)
redis.call('XADD', KEYS[4], 'MAXLEN', '~', ARGV[10], '*', 'kind', 'message', 'conversationKey', ARGV[9], 'message', json)
if ARGV[6] ~= '' then
  redis.call('HSET', KEYS[3], ARGV[6], json)
  redis.call('EXPIRE', KEYS[3], ARGV[7])
end
return {1, json}
`);

/**
 * The conversation's record, created first unless it exists (or ARGV[2] is '0': then nothing), in
 * one step. ARGV[1] is the lifetime in seconds until the player writes (0: none), the rest the new
 * record's fields. Returns 0 (missing), 1 (created) or 2 (existed), then the record's fields.
 */
const ENSURE = new LuaScript(`
local found = 2
if redis.call('EXISTS', KEYS[1]) == 0 then
  if ARGV[2] == '0' then return {0} end
  redis.call('HSET', KEYS[1], unpack(ARGV, 3))
  local ttl = tonumber(ARGV[1])
  if ttl > 0 then redis.call('EXPIRE', KEYS[1], ttl) end
  found = 1
end
local record = redis.call('HGETALL', KEYS[1])
table.insert(record, 1, found)
return record
`);

/**
 * Links the conversation to a verified player, in one step with the player's set of conversations
 * (so the console can list them all, whatever the channel). Only an existing conversation; the set
 * lives as long as a live conversation does (ARGV[2], 0: for good). Returns 1, or 0 when missing.
 */
const LINK_PLAYER = new LuaScript(`
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
redis.call('HSET', KEYS[1], 'playerId', ARGV[1])
redis.call('SADD', KEYS[2], ARGV[3])
if ARGV[2] ~= '0' then redis.call('EXPIRE', KEYS[2], ARGV[2]) end
return 1
`);

/** Transcripts are capped; a support conversation never comes near this. */
const TRANSCRIPT_MAX_ENTRIES = 10_000;
/** How long a once-id is remembered: as long as a repeated message gets its first answer. */
const ONCE_IDS_TTL_SECONDS = 24 * 3600;

export interface NewConversation {
  channel: ChannelId;
  chatId: string;
  locale: Locale;
  /** `locale` is a default, not the player's known language. */
  localeAssumed?: boolean;
  name?: string;
}

export interface ConversationStoreOptions {
  /**
   * A conversation opened (a web chat session, a Telegram /start) but never written in by the player is
   * deleted after this many seconds, so opening sessions in bulk fills nothing; unset: kept.
   */
  unclaimedTtlSeconds?: number;
  /**
   * A conversation without an open ticket is deleted this many seconds after the player's last
   * message (`LIVE_RETENTION_HOURS`); unset: kept.
   */
  liveRetentionSeconds?: number;
}

export class ConversationStore {
  constructor(
    private readonly redis: Redis,
    private readonly keys: ConversationKeys,
    private readonly options: ConversationStoreOptions = {},
  ) {}

  /** Marks the conversation as the verified player's (see `LINK_PLAYER`); a NotFoundError when it is gone. */
  async linkPlayer(key: string, playerId: string): Promise<void> {
    const ttl = String(this.options.liveRetentionSeconds ?? 0);
    const linked = await LINK_PLAYER.run(this.redis, [this.keys.record(key), this.keys.playerConversations(playerId)], [playerId, ttl, key]);
    if (linked === 0) throw new NotFoundError(`Conversation ${key} does not exist.`, 'conversation_not_found');
  }

  /** The live conversations of a verified player, on every channel, most recently active first. */
  async ofPlayer(playerId: string): Promise<Conversation[]> {
    const keys = await this.redis.smembers(this.keys.playerConversations(playerId));
    const found = await Promise.all(keys.map((key) => this.get(key)));
    return found.filter((c): c is Conversation => c?.playerId === playerId).sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
  }

  async get(key: string): Promise<Conversation | undefined> {
    const fields = await this.redis.hgetall(this.keys.record(key));
    if (Object.keys(fields).length === 0) return undefined;
    return Conversation.parse(fields);
  }

  async require(key: string): Promise<Conversation> {
    const conversation = await this.get(key);
    if (!conversation) throw new NotFoundError(`Conversation ${key} does not exist.`, 'conversation_not_found');
    return conversation;
  }

  /**
   * Returns the existing conversation, or creates it (with `create: false`, a missing one is a
   * NotFoundError). One round trip; safe under concurrent calls.
   */
  async ensure(input: NewConversation, { create = true } = {}): Promise<{ conversation: Conversation; created: boolean }> {
    const key = conversationKeyOf(input.channel, input.chatId);
    const now = new Date().toISOString();
    const fields: Record<string, string> = {
      key,
      channel: input.channel,
      chatId: input.chatId,
      locale: input.locale,
      mode: 'bot',
      createdAt: now,
      updatedAt: now,
      seq: '0',
      turns: '0',
    };
    if (input.name) fields.name = input.name;
    if (input.localeAssumed) fields.localeAssumed = 'true';
    const ttl = String(this.options.unclaimedTtlSeconds ?? 0);
    const [found, ...record] = (await ENSURE.run(this.redis, [this.keys.record(key)], [ttl, create ? '1' : '0', ...Object.entries(fields).flat()])) as [number, ...string[]];
    if (found === 0) throw new NotFoundError(`Conversation ${key} does not exist.`, 'conversation_not_found');
    return { conversation: Conversation.parse(pairsToObject(record)), created: found === 1 };
  }

  async append(key: string, draft: MessageDraft): Promise<Message> {
    return (await this.appendOnce(key, draft, '')).message;
  }

  /**
   * Appends unless a message with this once-id was appended before; then that one comes back and
   * `appended` is false. An empty `onceId` always appends.
   */
  async appendOnce(key: string, draft: MessageDraft, onceId: string): Promise<{ message: Message; appended: boolean }> {
    const at = new Date().toISOString();
    const body = JSON.stringify({ id: randomUUID(), at, ...draft });
    const [appended, json] = (await APPEND.run(
      this.redis,
      [this.keys.record(key), this.keys.transcript(key), this.keys.onceIds(key), this.keys.recordOutbox],
      [
        body,
        this.keys.events(key),
        at,
        String(TRANSCRIPT_MAX_ENTRIES),
        draft.from,
        onceId,
        String(ONCE_IDS_TTL_SECONDS),
        String(this.options.liveRetentionSeconds ?? 0),
        key,
        String(RECORD_OUTBOX_MAXLEN),
      ],
    )) as [number, string];
    return { message: Message.parse(JSON.parse(json)), appended: appended === 1 };
  }

  /** Messages with a sequence number greater than `afterSeq`, oldest first. */
  async history(key: string, afterSeq = 0, limit = 500): Promise<Message[]> {
    const entries = await this.redis.xrange(this.keys.transcript(key), `(${afterSeq}-0`, '+', 'COUNT', limit);
    return entries.map(([, fields]) => Message.parse(JSON.parse(fields[1] ?? '{}')));
  }

  /** The last `count` messages, oldest first. */
  async recent(key: string, count: number): Promise<Message[]> {
    const entries = await this.redis.xrevrange(this.keys.transcript(key), '+', '-', 'COUNT', count);
    return entries.reverse().map(([, fields]) => Message.parse(JSON.parse(fields[1] ?? '{}')));
  }

  eventsChannel(key: string): string {
    return this.keys.events(key);
  }

  /** A reply still being written (OpenAI mode streams it): not part of the transcript. */
  async publishPartial(key: string, text: string): Promise<void> {
    await this.redis.publish(this.keys.partials(key), JSON.stringify({ text }));
  }

  partialsChannel(key: string): string {
    return this.keys.partials(key);
  }
}
