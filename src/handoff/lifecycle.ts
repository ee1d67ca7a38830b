import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { Facts } from '../core/facts.js';
import { HANDOFF_PRIORITY } from '../core/reasons.js';
import type { Conversation, Handoff, HandoffReason } from '../core/schemas.js';
import { isRefusal, type ConversationStateMachine, type OutboxEvent, type Refusal } from '../conversation/state-machine.js';
import { ConflictError, ForbiddenError, NotFoundError, TooManyRequestsError } from '../errors.js';
import type { TicketEffects } from './effects.js';
import type { QueuePositions } from './positions.js';
import type { Ticket } from '../core/ticket.js';
import type { AgentIdentity } from './schemas.js';
import { newTicketId } from './ticket-id.js';
import { ticketFields, type TicketStore } from './tickets.js';
import { lineScore, type WaitingLine } from './waiting-line.js';

const DAY_MS = 24 * 3600 * 1000;
/** Claim-next tries this many tickets from the front when other agents take them first. */
const CLAIM_NEXT_ATTEMPTS = 10;

export interface OpenTicket {
  conversation: Conversation;
  reason: HandoffReason;
  facts: Facts;
  summary: string;
}

export interface TicketLifecycleDeps {
  state: ConversationStateMachine;
  tickets: TicketStore;
  line: WaitingLine;
  positions: QueuePositions;
  effects: TicketEffects;
  logger: Logger;
}

/**
 * A ticket from open to resolved: each step is one transition of the state machine (ticket,
 * conversation and waiting line change together), then its effects. Refusals become the errors an
 * agent or the bot sees.
 */
export class TicketLifecycle {
  constructor(private readonly deps: TicketLifecycleDeps) {}

  /** Opens a ticket, or returns the conversation's open one: one player, one ticket. */
  async open({ conversation, reason, facts, summary }: OpenTicket): Promise<Handoff> {
    const now = new Date();
    const priority = HANDOFF_PRIORITY[reason];
    const record: Omit<Ticket, 'id' | 'status' | 'version'> = {
      conversationKey: conversation.key,
      channel: conversation.channel,
      locale: conversation.locale,
      reason,
      facts,
      summary,
      priority,
      createdAt: now.toISOString(),
      ...(reason === 'dispute' ? { ackDueAt: new Date(now.getTime() + DAY_MS).toISOString(), finalDueAt: new Date(now.getTime() + 56 * DAY_MS).toISOString() } : {}),
    };
    for (let attempt = 0; attempt < 20; attempt++) {
      const id = newTicketId(attempt < 10 ? 4 : 6);
      const result = await this.deps.state.open({ id, conversationKey: conversation.key }, ticketFields({ id, ...record }), lineScore(priority, record.createdAt));
      if (isRefusal(result)) {
        if (result.refused === 'id_taken') continue;
        if (result.refused === 'already_open' && result.ticketId) return this.deps.positions.status(result.ticketId);
        throw new NotFoundError(`Conversation ${conversation.key} does not exist.`, 'conversation_not_found');
      }
      await this.deps.effects.apply(result);
      const handoff = await this.deps.positions.status(id);
      await this.deps.positions.told(id, handoff.position ?? 0);
      return handoff;
    }
    throw new Error('could not allocate a ticket id');
  }

  /** Claims this ticket for the agent (again, harmlessly, if they hold it already). */
  async claim(ticketId: string, agent: AgentIdentity): Promise<void> {
    const ticket = await this.deps.tickets.require(ticketId);
    if (ticket.status === 'assigned' && ticket.agentId === agent.id) return;
    const result = await this.deps.state.claim(ticket, agent, lockToken(agent));
    if (isRefusal(result)) {
      const holder = result.agentName ? `, with ${result.agentName}` : '';
      throw new ConflictError(`Ticket ${ticketId} is not waiting in the queue (${result.status ?? ticket.status}${holder}).`, 'ticket_not_waiting');
    }
    await this.deps.effects.apply(result);
  }

  /** Claims the first ticket in line; undefined when none waits. */
  async claimNext(agent: AgentIdentity): Promise<string | undefined> {
    const { line, tickets, state } = this.deps;
    for (let attempt = 0; attempt < CLAIM_NEXT_ATTEMPTS; attempt++) {
      const [next] = await line.front(1);
      if (next === undefined) return undefined;
      const ticket = await tickets.get(next);
      // Only a ticket queued before the line was kept by the state machine can be in line but not waiting.
      if (ticket?.status !== 'queued') {
        await line.remove(next);
        continue;
      }
      const result = await state.claim(ticket, agent, lockToken(agent));
      if (isRefusal(result)) continue;
      await this.deps.effects.apply(result);
      return next;
    }
    throw new TooManyRequestsError('Tickets are being claimed right now; try again in a moment.', 'claim_busy');
  }

  async release(ticketId: string, agent: AgentIdentity): Promise<Handoff> {
    const ticket = await this.deps.tickets.require(ticketId);
    await this.applyOrRefuse(ticket, await this.deps.state.backToQueue(ticket, agent.id, 'ticket.released', lineScore(ticket.priority, ticket.createdAt)));
    return this.deps.positions.status(ticketId);
  }

  async resolve(ticketId: string, agent: AgentIdentity): Promise<Ticket> {
    const ticket = await this.deps.tickets.require(ticketId);
    await this.applyOrRefuse(ticket, await this.deps.state.resolve(ticket, agent.id));
    return this.deps.tickets.require(ticketId);
  }

  /** A more urgent reason while waiting moves the ticket up; anything else changes nothing. */
  async escalate(ticketId: string, reason: HandoffReason): Promise<void> {
    const ticket = await this.deps.tickets.get(ticketId);
    if (ticket?.status !== 'queued') return;
    const priority = HANDOFF_PRIORITY[reason];
    const result = await this.deps.state.escalate(ticket, reason, priority, lineScore(priority, ticket.createdAt));
    if (!isRefusal(result)) await this.deps.effects.apply(result);
  }

  /** The agent vanished (their job's lock lapsed and BullMQ put it back): the ticket and the player follow. */
  async returned(ticketId: string): Promise<void> {
    const ticket = await this.deps.tickets.get(ticketId);
    if (ticket?.status !== 'assigned' || !ticket.agentId) {
      // The ticket moved on (resolved, released) before its lock lapsed: only the job needs bringing in line.
      if (ticket) await this.deps.effects.mirrorJob(ticketId);
      return;
    }
    const result = await this.deps.state.backToQueue(ticket, ticket.agentId, 'ticket.returned', lineScore(ticket.priority, ticket.createdAt));
    if (isRefusal(result)) return;
    await this.deps.effects.apply(result);
    this.deps.logger.warn({ ticketId, agentId: ticket.agentId }, 'agent lost; ticket returned to the queue');
  }

  private async applyOrRefuse(ticket: Ticket, result: OutboxEvent | Refusal): Promise<void> {
    if (isRefusal(result)) throw notYours(ticket.id, result.agentName);
    await this.deps.effects.apply(result);
  }
}

/** The refusal of work on a ticket someone else holds (or nobody does). */
export function notYours(ticketId: string, holder: string | undefined): ForbiddenError {
  return new ForbiddenError(`Ticket ${ticketId} is not assigned to you${holder ? ` (it is with ${holder})` : ''}; claim it first.`, 'ticket_not_yours');
}

function lockToken(agent: AgentIdentity): string {
  return `${agent.id}.${randomUUID()}`;
}
