import { createHash } from 'node:crypto';

/**
 * Every Redis key and pub/sub channel the conversation layer uses, under one configurable prefix,
 * with how long it lives. A conversation and its transcript live `UNCLAIMED_SESSION_TTL_MINUTES`
 * until the player writes, then `LIVE_RETENTION_HOURS` after the player's last message — for good
 * while a ticket is open.
 */
export function conversationKeys(prefix: string) {
  const state = stateKeys(prefix);
  return {
    record: state.conversation,
    transcript: state.transcript,
    recordOutbox: state.recordOutbox,
    /** A finished turn's result by the sender's message id, so a repeat gets it again: a day. */
    turnResult: (conversationKey: string, clientMessageId: string) => `${prefix}conv:${conversationKey}:client:${clientMessageId}`,
    /** Ids of messages written at most once (a retried turn's), each with the message it wrote: a day. */
    onceIds: (conversationKey: string) => `${prefix}conv:${conversationKey}:once`,
    /** The lease of the turn running in the conversation (`TurnLock`): `TURN_LOCK_SECONDS`, renewed while it runs. */
    turnLock: (conversationKey: string) => `${prefix}conv:${conversationKey}:turn`,
    /** Pub/sub: the conversation's new messages, for its live streams on every replica. */
    events: (conversationKey: string) => `${prefix}events:conv:${conversationKey}`,
    /** The conversations of one verified player, on every channel (a set): kept as long as the live conversations are. */
    playerConversations: (playerId: string) => `${prefix}player:${playerId}:conversations`,
    /** Pub/sub: a reply still being written (OpenAI mode), never stored. */
    partials: (conversationKey: string) => `${prefix}events:conv:${conversationKey}:partial`,
  };
}

export type ConversationKeys = ReturnType<typeof conversationKeys>;

/**
 * The keys every conversation-and-ticket transition touches together (`ConversationStateMachine`):
 * declared once here, reused by the handoff module's registry.
 */
export function stateKeys(prefix: string) {
  return {
    conversation: (conversationKey: string) => `${prefix}conv:${conversationKey}`,
    transcript: (conversationKey: string) => `${prefix}conv:${conversationKey}:log`,
    ticket: (id: string) => `${prefix}ticket:${id}`,
    /** A ticket's internal notes (a list). */
    notes: (id: string) => `${prefix}ticket:${id}:notes`,
    /** The waiting tickets of one language and team (`lineOf`) in the order agents get them (`WaitingLines`). */
    waitingLine: (line: string) => `${prefix}handoff:waiting:${line}`,
    /** The names of every waiting line ever used (a set; a handful of languages times teams). */
    waitingLines: `${prefix}handoff:waiting-lines`,
    /** The tickets an agent holds now: their console follows these without listing the queue. */
    heldBy: (agentId: string) => `${prefix}agent-held:${agentId}`,
    /** Every transition, in order (a Redis stream capped near 100,000 entries): for the effects and the record. */
    outbox: `${prefix}handoff:outbox`,
    /** Outbox entries whose effects are not applied yet (a sorted set by when written or last tried); each leaves once applied. */
    outboxPending: `${prefix}handoff:outbox:pending`,
    /**
     * What the system of record has yet to copy (a stream: messages, notes, ratings), each entry
     * deleted once copied; capped near `RECORD_OUTBOX_MAXLEN` entries.
     */
    recordOutbox: `${prefix}record:outbox`,
    /**
     * A conversation erased by `player:erase` (a hash: each outbox stream's last entry id then), so a
     * copy already in a drain's hands when it was erased is deleted again: a day.
     */
    erased: (conversationKey: string) => `${prefix}record:erased:${conversationKeyHash(conversationKey)}`,
    /** Pub/sub: every queue change, for the agent consoles on every replica. */
    agentEvents: `${prefix}events:agents`,
  };
}

export type StateKeys = ReturnType<typeof stateKeys>;

/** Where the record outbox is trimmed (approximately), should the database stay away that long. */
export const RECORD_OUTBOX_MAXLEN = 500_000;
/** The consumer group every replica's system-of-record drain reads the outboxes in: each entry goes to one of them. */
export const RECORD_GROUP = 'record';

/** A conversation key as erasure records name it: its SHA-256 (hex), never the key (a player's chat id). */
export function conversationKeyHash(conversationKey: string): string {
  return createHash('sha256').update(conversationKey).digest('hex');
}
