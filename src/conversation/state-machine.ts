import type { Redis } from 'ioredis';
import type { Conversation, HandoffReason } from '../core/schemas.js';
import { pairsToObject } from '../redis.js';
import type { StateKeys } from './keys.js';
import { lineOf } from '../core/ticket.js';
import { ADD_FACT, BACK_TO_QUEUE, CALL_OUTCOME, CLAIM, COLLECT, ESCALATE, FIRST_REPLY, OPEN, RESOLVE, TAKE_STALE_OUTBOX, TRANSFER } from './transitions.js';

/** What a transition wrote to the outbox: the effects (job, notices) are applied from it, at least once. */
export interface OutboxEvent {
  /** The stream entry id. */
  id: string;
  type: 'ticket.created' | 'ticket.claimed' | 'ticket.released' | 'ticket.returned' | 'ticket.resolved' | 'ticket.escalated' | 'ticket.transferred' | 'ticket.first_reply' | 'ticket.updated' | 'ticket.called';
  ticketId: string;
  /** The ticket's version after the transition: notices are posted once per version. */
  version: number;
  agentId: string;
  reason: string;
}

/** A refused transition: the state it found instead, and who holds the ticket when someone does. */
export interface Refusal {
  refused: 'no_conversation' | 'already_open' | 'id_taken' | 'not_found' | 'not_waiting' | 'not_yours' | 'unchanged' | 'at_capacity';
  status?: string;
  agentName?: string;
  ticketId?: string;
}

/** The ticket a transition is about: its id, its conversation (the other record every transition writes), and what decides its waiting line. */
export interface TicketRef {
  id: string;
  conversationKey: string;
  locale: string;
  team?: string;
}

/** Where a transfer sends a ticket: a team's line, or an agent (within their max chats; 0: no limit). */
export type TransferTarget = { team: string } | { agent: { id: string; name: string }; lockToken: string; maxChats: number };

export const CALL_OUTCOMES = ['done', 'failed', 'rescheduled'] as const;
export type CallOutcome = (typeof CALL_OUTCOMES)[number];

/** Flags the bot keeps on a conversation between turns; none of them moves it between bot, queue and agent. */
export type ConversationFlags = Partial<Pick<Conversation, 'rgFlag' | 'lowConfidence' | 'queuedAcked' | 'awaitingRating' | 'locale' | 'languageVote' | 'localeAssumed' | 'pendingChange' | 'callbackStep' | 'pendingCallback'>>;

/**
 * The one owner of a conversation's state (`bot` → `collecting` → `queued` ↔ `agent` → `bot`, its
 * flags and collected facts) and of its ticket's lifecycle. Every transition is one Lua script
 * (`transitions.ts`) over ticket, conversation, waiting line and an outbox event; nothing else in
 * the code base writes these fields.
 */
export class ConversationStateMachine {
  constructor(
    private readonly redis: Redis,
    private readonly keys: StateKeys,
    /** A closed conversation and its ticket stay in Redis this long (`LIVE_RETENTION_HOURS`). */
    private readonly liveRetentionSeconds: number,
  ) {}

  /** Opens a ticket for the conversation; `fields` are the ticket record's (strings, as stored). */
  async open(ticket: TicketRef, fields: Record<string, string>, lineScore: number): Promise<OutboxEvent | Refusal> {
    const reason = fields.reason ?? '';
    return this.run(ticket.id, OPEN.run(this.redis, this.ticketKeys(ticket), [...this.common(ticket), lineScore, reason, ...Object.entries(fields).flat()]));
  }

  /** Assigns a waiting ticket to the agent, unless they hold `maxChats` already (0: no limit). */
  async claim(ticket: TicketRef, agent: { id: string; name: string }, lockToken: string, maxChats = 0): Promise<OutboxEvent | Refusal> {
    return this.run(ticket.id, CLAIM.run(this.redis, this.ticketKeys(ticket, agent.id), [...this.common(ticket), agent.id, agent.name, lockToken, maxChats]));
  }

  /** Back to the queue at `lineScore`: released by `agentId`, or returned because they vanished. */
  async backToQueue(ticket: TicketRef, agentId: string, why: 'ticket.released' | 'ticket.returned', lineScore: number): Promise<OutboxEvent | Refusal> {
    return this.run(ticket.id, BACK_TO_QUEUE.run(this.redis, this.ticketKeys(ticket, agentId), [...this.common(ticket), agentId, why, lineScore]));
  }

  async resolve(ticket: TicketRef, agentId: string): Promise<OutboxEvent | Refusal> {
    return this.run(ticket.id, RESOLVE.run(this.redis, this.ticketKeys(ticket, agentId), [...this.common(ticket), agentId, this.liveRetentionSeconds]));
  }

  /** Records how the holder's phone call went; `done` and `failed` close the ticket. `window` (a new ISO interval) only when rescheduled. */
  async callOutcome(ticket: TicketRef, agentId: string, outcome: CallOutcome, window = ''): Promise<OutboxEvent | Refusal> {
    return this.run(ticket.id, CALL_OUTCOME.run(this.redis, this.ticketKeys(ticket, agentId), [...this.common(ticket), agentId, this.liveRetentionSeconds, outcome, window]));
  }

  /** Moves a waiting ticket up for `reason`; to `team`'s line when the reason has a team of its own. */
  async escalate(ticket: TicketRef, reason: HandoffReason, priority: number, lineScore: number, team: string | undefined): Promise<OutboxEvent | Refusal> {
    const keys = this.ticketKeys(ticket, '', { ...ticket, team: team ?? ticket.team });
    return this.run(ticket.id, ESCALATE.run(this.redis, keys, [...this.common(ticket), reason, priority, lineScore, team ?? '']));
  }

  /** Hands a ticket that `fromAgentId` holds (or, '', that waits) to a team or an agent; it keeps its place by priority and age. */
  async transfer(ticket: TicketRef, fromAgentId: string, to: TransferTarget, lineScore: number): Promise<OutboxEvent | Refusal> {
    const toTeam = 'team' in to;
    const keys = this.ticketKeys(ticket, fromAgentId, toTeam ? { ...ticket, team: to.team } : ticket, toTeam ? '' : to.agent.id);
    const target = toTeam ? ['team', to.team, '', '', 0] : ['agent', to.agent.id, to.agent.name, to.lockToken, to.maxChats];
    return this.run(ticket.id, TRANSFER.run(this.redis, keys, [...this.common(ticket), fromAgentId, ...target, lineScore]));
  }

  /** Adds a fact the player gave to their open ticket (e.g. an e-mail address to be reached at). */
  async addFact(ticket: TicketRef, name: string, value: string): Promise<OutboxEvent | Refusal> {
    return this.run(ticket.id, ADD_FACT.run(this.redis, this.ticketKeys(ticket), [...this.common(ticket), name, value]));
  }

  /** Marks the holder's first reply (once; later replies change nothing). */
  async firstReply(ticket: TicketRef, agentId: string): Promise<OutboxEvent | Refusal> {
    return this.run(ticket.id, FIRST_REPLY.run(this.redis, this.ticketKeys(ticket, agentId), [...this.common(ticket), agentId]));
  }

  /** The bot asks for facts before a ticket opens; only from `bot` (or again while collecting), else nothing changes. */
  async collect(conversationKey: string, pending: { reason: HandoffReason; facts: string; summary: string }): Promise<void> {
    await COLLECT.run(this.redis, [this.keys.conversation(conversationKey)], [pending.reason, pending.facts, pending.summary]);
  }

  /** Sets flags; a flag set to `null` is removed. */
  async flag(conversationKey: string, flags: { [K in keyof ConversationFlags]?: ConversationFlags[K] | null }): Promise<void> {
    const entries = Object.entries(flags).filter(([, value]) => value !== undefined);
    const set = entries.filter(([, value]) => value !== null).map(([field, value]) => [field, String(value)]);
    const removed = entries.filter(([, value]) => value === null).map(([field]) => field);
    const key = this.keys.conversation(conversationKey);
    if (removed.length === 0) await this.redis.hset(key, Object.fromEntries(set));
    else if (set.length === 0) await this.redis.hdel(key, ...removed);
    else await this.redis.multi().hset(key, Object.fromEntries(set)).hdel(key, ...removed).exec();
  }

  /** Outbox entries whose effects were not applied within `staleMs` (their applier crashed): this caller retries them. */
  async takeStale(staleMs: number, limit: number): Promise<OutboxEvent[]> {
    const ids = (await TAKE_STALE_OUTBOX.run(this.redis, [this.keys.outboxPending], [staleMs, Date.now(), limit])) as string[];
    const events: OutboxEvent[] = [];
    for (const id of ids) {
      const [entry] = await this.redis.xrange(this.keys.outbox, id, id);
      if (entry) events.push(toEvent(id, entry[1]));
      else await this.applied(id);
    }
    return events;
  }

  /** The effects of this outbox entry are done. */
  async applied(eventId: string): Promise<void> {
    await this.redis.zrem(this.keys.outboxPending, eventId);
  }

  /** The keys of `transitions.ts`, in its order; `moveTo` decides the line it may move to, `toAgentId` whose held set it may join. */
  private ticketKeys(ticket: TicketRef, agentId = '', moveTo: Pick<TicketRef, 'locale' | 'team'> = ticket, toAgentId = ''): string[] {
    const { keys } = this;
    return [
      keys.outbox,
      keys.outboxPending,
      keys.waitingLine(lineOf(ticket)),
      keys.ticket(ticket.id),
      keys.conversation(ticket.conversationKey),
      keys.heldBy(agentId),
      keys.transcript(ticket.conversationKey),
      keys.notes(ticket.id),
      keys.waitingLines,
      keys.waitingLine(lineOf(moveTo)),
      keys.heldBy(toAgentId),
    ];
  }

  private common(ticket: TicketRef): Array<string | number> {
    const now = new Date();
    return [this.keys.agentEvents, now.toISOString(), now.getTime(), ticket.id];
  }

  private async run(ticketId: string, script: Promise<unknown>): Promise<OutboxEvent | Refusal> {
    const [code, ...rest] = (await script) as string[];
    if (code !== 'ok') {
      if (code === 'already_open') return { refused: code, ticketId: rest[0] };
      return { refused: code as Refusal['refused'], status: rest[0], agentName: rest[1] || undefined };
    }
    const [id = '', type, version, agentId = '', reason = ''] = rest;
    return { id, type: type as OutboxEvent['type'], ticketId, version: Number(version), agentId, reason };
  }
}

export function isRefusal(result: OutboxEvent | Refusal): result is Refusal {
  return 'refused' in result;
}

function toEvent(id: string, flat: string[]): OutboxEvent {
  const fields = pairsToObject(flat);
  return {
    id,
    type: fields.type as OutboxEvent['type'],
    ticketId: fields.ticketId ?? '',
    version: Number(fields.version ?? 0),
    agentId: fields.agentId ?? '',
    reason: fields.reason ?? '',
  };
}
