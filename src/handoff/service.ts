import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { formatEta, localize } from '../core/messages.js';
import type { Facts } from '../core/facts.js';
import { HANDOFF_PRIORITY } from '../core/reasons.js';
import type { Delivery } from '../conversation/delivery.js';
import type { Conversation, Handoff, HandoffReason, Message } from '../core/schemas.js';
import { replyWindowClosed, replyWindowClosesAt } from '../conversation/reply-window.js';
import type { ConversationStore } from '../conversation/store.js';
import { ConflictError, ForbiddenError } from '../errors.js';
import type { ArticleArchive, ArticleVersion } from '../knowledge/archive.js';
import type { AgentAssist } from '../llm/assist.js';
import type { AgentStore } from './agents.js';
import type { AgentEvents } from './events.js';
import type { HandoffKeys } from './keys.js';
import type { Metrics } from '../metrics.js';
import type { HandoffQueue } from './queue.js';
import type { AgentIdentity, Note, Ticket } from './schemas.js';
import type { TicketStore } from './tickets.js';
import type { WaitingLine } from './waiting-line.js';

/** Assumed seconds per ticket ahead when there is no pickup history yet. */
const DEFAULT_WAIT_SECONDS = 120;
/**
 * Players this near the front hear when their place improves. Everyone hears their place and wait
 * when queued and can ask (`status`) at any time; telling every waiting player about every claim
 * would cost the length of the queue per claim and flood a long queue with messages.
 */
const ANNOUNCED_PLACES = 3;
const DAY_MS = 24 * 3600 * 1000;

export interface Suggestion {
  articleId: string;
  title: string;
  heading: string;
  text: string;
}

export interface TicketView {
  ticket: Ticket;
  position: number | undefined;
  conversation: Pick<Conversation, 'key' | 'channel' | 'locale' | 'name' | 'mode'>;
  transcript: Message[];
  notes: Note[];
  suggestions: Suggestion[];
  assist?: AgentAssist;
}

export interface QueueEntry {
  ticket: Ticket;
  position: number | undefined;
  waitingSeconds: number;
}

export interface HandoffServiceDeps {
  queue: HandoffQueue;
  /** The waiting tickets in order: places and the next ticket without loading the queue. */
  line: WaitingLine;
  tickets: TicketStore;
  agents: AgentStore;
  conversations: ConversationStore;
  delivery: Delivery;
  events: AgentEvents;
  archive: ArticleArchive;
  metrics: Metrics;
  alerts: { scheduleFirst(ticketId: string): Promise<void> };
  redis: Redis;
  keys: HandoffKeys;
  logger: Logger;
  /** Knowledge sections that could answer the player's last message, for the agent's suggested replies. */
  suggest(text: string, locale: Conversation['locale']): Suggestion[];
  /** OpenAI mode: the model's summary and a cited draft reply (undefined when the model is unavailable). */
  assist?(transcript: Message[], facts: Facts, locale: Conversation['locale'], playerName?: string): Promise<AgentAssist | undefined>;
}

export interface OpenTicket {
  conversation: Conversation;
  reason: HandoffReason;
  facts: Facts;
  summary: string;
}

/**
 * Tickets from open to resolved: queueing, claims, agent replies, release, resolve, the player's
 * place in the queue and the complaint clock. Talks to players only by posting into their
 * conversation; the channel delivers.
 */
export class HandoffService {
  constructor(private readonly deps: HandoffServiceDeps) {
    deps.queue.onReturned((ticketId) => void this.returnToQueue(ticketId).catch((error: unknown) => deps.logger.error({ err: error, ticketId }, 'could not requeue a stalled ticket')));
  }

  async open({ conversation, reason, facts, summary }: OpenTicket): Promise<Handoff> {
    const { tickets, queue, conversations, events, metrics } = this.deps;
    const now = new Date();
    const priority = HANDOFF_PRIORITY[reason];
    const ticket = await tickets.create({
      conversationKey: conversation.key,
      channel: conversation.channel,
      locale: conversation.locale,
      reason,
      facts,
      summary,
      priority,
      status: 'queued',
      createdAt: now.toISOString(),
      ...(reason === 'dispute'
        ? { ackDueAt: new Date(now.getTime() + DAY_MS).toISOString(), finalDueAt: new Date(now.getTime() + 56 * DAY_MS).toISOString() }
        : {}),
    });
    await queue.add(ticket.id, { conversationKey: conversation.key, channel: conversation.channel, locale: conversation.locale, reason, facts, summary }, priority);
    await this.deps.line.add(ticket.id, priority, ticket.createdAt);
    await conversations.update(conversation.key, { mode: 'queued', ticketId: ticket.id, pendingReason: null, pendingFacts: null, pendingSummary: null, queuedAcked: null });
    await metrics.handoff(reason);
    await events.publish({ type: 'ticket.created', ticketId: ticket.id, reason });
    await this.deps.alerts.scheduleFirst(ticket.id);
    const handoff = await this.status(ticket.id);
    await this.setLastPosition(ticket.id, handoff.position ?? 0);
    await this.announcePositions(ticket.id);
    return handoff;
  }

  /**
   * Tickets the queue holds as waiting but the line does not (queued by a version before the line
   * existed) join it, in the queue's order. Once at start; with the line in step it finds none.
   */
  async lineUpWaitingTickets(): Promise<void> {
    if ((await this.deps.line.front(1)).length > 0) return;
    for (const id of await this.deps.queue.waitingIds()) {
      const ticket = await this.deps.tickets.get(id);
      if (ticket?.status === 'queued') await this.deps.line.add(id, ticket.priority, ticket.createdAt);
    }
  }

  /** Where a ticket stands, as the player sees it. */
  async status(ticketId: string): Promise<Handoff> {
    const ticket = await this.deps.tickets.require(ticketId);
    if (ticket.status !== 'queued') return { reason: ticket.reason, status: ticket.status, ticketId };
    const position = (await this.deps.line.position(ticketId)) ?? 1;
    return { reason: ticket.reason, status: 'queued', ticketId, position, etaSeconds: await this.eta(position) };
  }

  async eta(position: number): Promise<number> {
    const perTicket = (await this.deps.tickets.typicalWait()) ?? DEFAULT_WAIT_SECONDS;
    const agents = Math.max(1, await this.deps.agents.onlineCount());
    return Math.max(30, Math.round((perTicket * Math.max(1, position)) / agents));
  }

  async queueView(): Promise<QueueEntry[]> {
    const [waiting, active] = await Promise.all([this.deps.line.all(), this.deps.queue.activeIds()]);
    const ids = [...waiting, ...active];
    const tickets = await Promise.all(ids.map((id) => this.deps.tickets.get(id)));
    return tickets.flatMap((ticket, index) =>
      ticket
        ? [{ ticket, position: index < waiting.length ? index + 1 : undefined, waitingSeconds: Math.round((Date.now() - Date.parse(ticket.createdAt)) / 1000) }]
        : [],
    );
  }

  async claimNext(agent: AgentIdentity): Promise<TicketView | undefined> {
    const token = lockToken(agent);
    const { queue, line } = this.deps;
    const job = await queue.withClaimMutex(async () => {
      // The first in line, unless the queue no longer has it waiting (then it leaves the line).
      for (;;) {
        const [next] = await line.front(1);
        if (next === undefined) return undefined;
        const taken = await queue.take(next, token);
        if (taken) return taken;
        await line.remove(next);
      }
    });
    if (!job) return undefined;
    return this.assign(String(job.id), agent, token);
  }

  async claim(ticketId: string, agent: AgentIdentity): Promise<TicketView> {
    const ticket = await this.deps.tickets.require(ticketId);
    if (ticket.status === 'assigned' && ticket.agentId === agent.id) return this.view(ticketId);
    const token = lockToken(agent);
    const job = await this.deps.queue.withClaimMutex(() => this.deps.queue.take(ticketId, token));
    if (!job) throw new ConflictError(`Ticket ${ticketId} is not waiting in the queue (${ticket.status}${ticket.agentName ? `, with ${ticket.agentName}` : ''}).`, 'ticket_not_waiting');
    return this.assign(ticketId, agent, token);
  }

  private async assign(ticketId: string, agent: AgentIdentity, token: string): Promise<TicketView> {
    const { tickets, conversations, delivery, events, metrics } = this.deps;
    const ticket = await tickets.require(ticketId);
    const claimedAt = new Date();
    await this.deps.line.remove(ticketId);
    await tickets.hold(agent.id, ticketId);
    await tickets.setLockToken(ticketId, token);
    await tickets.update(ticketId, { status: 'assigned', agentId: agent.id, agentName: agent.name, claimedAt: claimedAt.toISOString() });
    const waited = (claimedAt.getTime() - Date.parse(ticket.createdAt)) / 1000;
    await tickets.recordWait(waited);
    await metrics.queueWait(waited);
    await conversations.update(ticket.conversationKey, { mode: 'agent' });
    await delivery.post(ticket.conversationKey, {
      from: 'system',
      text: localize(ticket.locale, 'agentJoined', { agent: agent.name }),
      locale: ticket.locale,
      handoff: { reason: ticket.reason, status: 'assigned', ticketId },
    });
    await events.publish({ type: 'ticket.claimed', ticketId, agentId: agent.id });
    await this.announcePositions();
    return this.view(ticketId);
  }

  async view(ticketId: string): Promise<TicketView> {
    const { tickets, conversations } = this.deps;
    const ticket = await tickets.require(ticketId);
    const conversation = await conversations.require(ticket.conversationKey);
    const transcript = await conversations.history(ticket.conversationKey);
    // The last few player messages together: the last one alone is often just "hello?".
    const recentPlayerText = transcript
      .filter((m) => m.from === 'player')
      .slice(-3)
      .map((m) => m.text)
      .join(' ');
    const position = ticket.status === 'queued' ? await this.deps.line.position(ticketId) : undefined;
    return {
      ticket,
      position,
      conversation: { key: conversation.key, channel: conversation.channel, locale: conversation.locale, name: conversation.name, mode: conversation.mode },
      transcript,
      notes: await tickets.notes(ticketId),
      suggestions: recentPlayerText ? this.deps.suggest(recentPlayerText, conversation.locale) : [],
      ...(ticket.status === 'assigned' ? { assist: await this.assist(ticket, transcript, conversation.locale, conversation.name) } : {}),
    };
  }

  /** The model's summary and draft for the transcript as it is now; cached until the next message. */
  private async assist(ticket: Ticket, transcript: Message[], locale: Conversation['locale'], playerName: string | undefined): Promise<AgentAssist | undefined> {
    if (!this.deps.assist) return undefined;
    const key = `${this.deps.keys.ticket(ticket.id)}:assist:${transcript.at(-1)?.seq ?? 0}`;
    const cached = await this.deps.redis.get(key);
    if (cached) return JSON.parse(cached) as AgentAssist;
    const assist = await this.deps.assist(transcript, ticket.facts, locale, playerName);
    if (assist) await this.deps.redis.set(key, JSON.stringify(assist), 'EX', 3600);
    return assist;
  }

  async reply(ticketId: string, agent: AgentIdentity, text: string): Promise<Message> {
    const ticket = await this.held(ticketId, agent);
    const conversation = await this.deps.conversations.require(ticket.conversationKey);
    if (replyWindowClosed(conversation)) {
      throw new ConflictError(
        `WhatsApp only delivers replies within 24 hours of the player's last message; that window closed at ${replyWindowClosesAt(conversation)!.toISOString()}. The player has to write again first — nothing was sent.`,
        'reply_window_closed',
      );
    }
    await this.extendLock(ticket);
    return this.deps.delivery.post(ticket.conversationKey, { from: 'agent', text, locale: ticket.locale, author: agent.name });
  }

  async note(ticketId: string, agent: AgentIdentity, text: string): Promise<Note> {
    await this.deps.tickets.require(ticketId);
    const note: Note = { at: new Date().toISOString(), agentId: agent.id, agentName: agent.name, text };
    await this.deps.tickets.addNote(ticketId, note);
    return note;
  }

  async release(ticketId: string, agent: AgentIdentity): Promise<Handoff> {
    const ticket = await this.held(ticketId, agent);
    const token = await this.deps.tickets.lockToken(ticketId);
    await this.deps.queue.requeue(ticketId, ticket.priority, token);
    await this.backToQueue(ticket);
    await this.deps.events.publish({ type: 'ticket.released', ticketId, agentId: agent.id });
    return this.status(ticketId);
  }

  async resolve(ticketId: string, agent: AgentIdentity): Promise<Ticket> {
    const { tickets, queue, conversations, delivery, events } = this.deps;
    const ticket = await this.held(ticketId, agent);
    const token = await tickets.lockToken(ticketId);
    if (!token) throw new ConflictError(`Ticket ${ticketId} is no longer locked to you; reload it.`, 'lock_lost');
    try {
      await queue.complete(ticketId, token, { resolvedBy: agent.id });
    } catch (error) {
      throw new ConflictError(`Ticket ${ticketId} is no longer locked to you (${error instanceof Error ? error.message : 'lock lost'}); reload it.`, 'lock_lost');
    }
    const resolvedAt = new Date().toISOString();
    await tickets.update(ticketId, { status: 'resolved', resolvedAt });
    await tickets.setLockToken(ticketId, undefined);
    await tickets.letGo(agent.id, ticketId);
    await conversations.update(ticket.conversationKey, { mode: 'bot', ticketId: null, awaitingRating: ticketId });
    const ratings = ['1', '2', '3', '4', '5'].map((value) => ({ title: value, value }));
    await delivery.post(ticket.conversationKey, {
      from: 'system',
      text: localize(ticket.locale, 'resolvedRate', { ticketId }),
      locale: ticket.locale,
      actions: ratings,
      handoff: { reason: ticket.reason, status: 'resolved', ticketId },
    });
    await events.publish({ type: 'ticket.resolved', ticketId, agentId: agent.id });
    return tickets.require(ticketId);
  }

  async rate(ticketId: string, rating: number): Promise<void> {
    await this.deps.tickets.update(ticketId, { rating });
    await this.deps.metrics.rating(rating);
  }

  /** The tickets this agent is working on now. */
  async heldBy(agent: AgentIdentity): Promise<Ticket[]> {
    const { tickets } = this.deps;
    const ids = await tickets.heldIds(agent.id);
    const held = await Promise.all(ids.map((id) => tickets.get(id)));
    return held.filter((ticket): ticket is Ticket => ticket?.status === 'assigned' && ticket.agentId === agent.id);
  }

  /** Keeps the agent's tickets locked to them while their console is open. */
  async heartbeat(agent: AgentIdentity): Promise<void> {
    await this.deps.agents.seen(agent.id);
    for (const ticket of await this.heldBy(agent)) await this.extendLock(ticket);
  }

  async escalate(ticketId: string, reason: HandoffReason): Promise<void> {
    const ticket = await this.deps.tickets.get(ticketId);
    const priority = HANDOFF_PRIORITY[reason];
    if (ticket?.status !== 'queued' || priority >= ticket.priority) return;
    await this.deps.tickets.update(ticketId, { reason, priority });
    await this.deps.queue.reprioritize(ticketId, priority);
    await this.deps.line.add(ticketId, priority, ticket.createdAt);
    await this.deps.events.publish({ type: 'ticket.escalated', ticketId, reason });
    await this.announcePositions();
  }

  /** A player wrote while queued or with an agent: tell the consoles. */
  async activity(ticketId: string): Promise<void> {
    await this.deps.events.publish({ type: 'ticket.activity', ticketId });
  }

  async caseFile(ticketId: string): Promise<{
    exportedAt: string;
    ticket: Ticket;
    facts: Facts;
    notes: Note[];
    transcript: Message[];
    citedArticles: Array<ArticleVersion | { id: string; hash: string; missing: true }>;
  }> {
    const view = await this.view(ticketId);
    const cited = new Map<string, { id: string; hash: string }>();
    for (const message of view.transcript) {
      for (const citation of message.citations ?? []) if (citation.hash) cited.set(`${citation.id}:${citation.hash}`, { id: citation.id, hash: citation.hash });
    }
    const citedArticles = await Promise.all(
      [...cited.values()].map(async ({ id, hash }) => (await this.deps.archive.get(id, hash)) ?? { id, hash, missing: true as const }),
    );
    return { exportedAt: new Date().toISOString(), ticket: view.ticket, facts: view.ticket.facts, notes: view.notes, transcript: view.transcript, citedArticles };
  }

  /** The agent vanished (lock lapsed): BullMQ put the job back; bring the ticket and the player along. */
  private async returnToQueue(ticketId: string): Promise<void> {
    const ticket = await this.deps.tickets.get(ticketId);
    if (ticket?.status !== 'assigned') return;
    await this.deps.queue.requeue(ticketId, ticket.priority);
    await this.backToQueue(ticket);
    await this.deps.events.publish({ type: 'ticket.returned', ticketId, agentId: ticket.agentId });
    this.deps.logger.warn({ ticketId, agentId: ticket.agentId }, 'agent lost; ticket returned to the queue');
  }

  private async backToQueue(ticket: Ticket): Promise<void> {
    const { tickets, conversations, delivery } = this.deps;
    await tickets.setLockToken(ticket.id, undefined);
    if (ticket.agentId) await tickets.letGo(ticket.agentId, ticket.id);
    await tickets.update(ticket.id, { status: 'queued' }, ['agentId', 'agentName', 'claimedAt']);
    await this.deps.line.add(ticket.id, ticket.priority, ticket.createdAt);
    await conversations.update(ticket.conversationKey, { mode: 'queued' });
    const status = await this.status(ticket.id);
    await this.setLastPosition(ticket.id, status.position ?? 0);
    await delivery.post(ticket.conversationKey, {
      from: 'system',
      text: localize(ticket.locale, 'backInQueue', { ticketId: ticket.id, position: status.position ?? 1, eta: formatEta(ticket.locale, status.etaSeconds ?? 0) }),
      locale: ticket.locale,
      handoff: status,
    });
    await this.announcePositions(ticket.id);
  }

  /**
   * Tells the players near the front whose place improved (`ANNOUNCED_PLACES`); `skip` was just told
   * in another message. A place lost to a more urgent ticket is remembered but not announced.
   */
  private async announcePositions(skip?: string): Promise<void> {
    for (const [index, id] of (await this.deps.line.front(ANNOUNCED_PLACES)).entries()) {
      const position = index + 1;
      const previous = await this.setLastPosition(id, position);
      if (previous === undefined || position >= previous || id === skip) continue;
      const ticket = await this.deps.tickets.get(id);
      if (!ticket) continue;
      const etaSeconds = await this.eta(position);
      await this.deps.delivery.post(ticket.conversationKey, {
        from: 'system',
        text: localize(ticket.locale, 'positionUpdate', { ticketId: id, position, eta: formatEta(ticket.locale, etaSeconds) }),
        locale: ticket.locale,
        handoff: { reason: ticket.reason, status: 'queued', ticketId: id, position, etaSeconds },
      });
    }
  }

  /** Sets the last announced position atomically; returns the one before (undefined the first time). */
  private async setLastPosition(ticketId: string, position: number): Promise<number | undefined> {
    const previous = (await this.deps.redis.eval(
      "local p = redis.call('HGET', KEYS[1], 'lastPosition'); redis.call('HSET', KEYS[1], 'lastPosition', ARGV[1]); return p",
      1,
      this.deps.keys.ticket(ticketId),
      String(position),
    )) as string | null;
    return previous === null ? undefined : Number(previous);
  }

  private async held(ticketId: string, agent: AgentIdentity): Promise<Ticket> {
    const ticket = await this.deps.tickets.require(ticketId);
    if (ticket.status !== 'assigned' || ticket.agentId !== agent.id) {
      throw new ForbiddenError(`Ticket ${ticketId} is not assigned to you${ticket.agentName ? ` (it is with ${ticket.agentName})` : ''}; claim it first.`, 'ticket_not_yours');
    }
    return ticket;
  }

  private async extendLock(ticket: Ticket): Promise<void> {
    const token = await this.deps.tickets.lockToken(ticket.id);
    if (token) await this.deps.queue.extendLock(ticket.id, token);
  }
}

function lockToken(agent: AgentIdentity): string {
  return `${agent.id}.${randomUUID()}`;
}
