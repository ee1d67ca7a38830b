import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { windowFact } from '../core/call-window.js';
import type { Facts } from '../core/facts.js';
import { HANDOFF_PRIORITY } from '../core/reasons.js';
import type { Conversation, Handoff, HandoffReason } from '../core/schemas.js';
import { type CallOutcome, isRefusal, type ConversationStateMachine, type OutboxEvent, type Refusal, type TransferTarget } from '../conversation/state-machine.js';
import { TeamName, type ReasonTeams } from '../core/teams.js';
import { BadRequestError, ConflictError, ForbiddenError, NotFoundError, TooManyRequestsError } from '../errors.js';
import type { AgentStore } from './agents.js';
import type { TicketEffects } from './effects.js';
import type { QueuePositions } from './positions.js';
import type { Ticket } from '../core/ticket.js';
import { serves } from './routing.js';
import type { Agent, AgentIdentity } from './schemas.js';
import { newTicketId } from './ticket-id.js';
import { ticketFields, type TicketStore } from './tickets.js';
import { lineScore, type WaitingLines } from './waiting-line.js';

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
  lines: WaitingLines;
  positions: QueuePositions;
  effects: TicketEffects;
  agents: AgentStore;
  /** The team of each reason that has one (`HANDOFF_TEAMS`). */
  reasonTeams: ReasonTeams;
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
      team: this.deps.reasonTeams[reason],
      createdAt: now.toISOString(),
      ...(reason === 'dispute' ? { ackDueAt: new Date(now.getTime() + DAY_MS).toISOString(), finalDueAt: new Date(now.getTime() + 56 * DAY_MS).toISOString() } : {}),
    };
    for (let attempt = 0; attempt < 20; attempt++) {
      const id = newTicketId(attempt < 10 ? 4 : 6);
      const result = await this.deps.state.open({ id, ...record }, ticketFields({ id, ...record }), lineScore(priority, record.createdAt));
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

  /** Claims this ticket for the agent (again, harmlessly, if they hold it already): one of their languages and teams, within their max chats. */
  async claim(ticketId: string, agent: AgentIdentity): Promise<void> {
    const ticket = await this.deps.tickets.require(ticketId);
    if (ticket.status === 'assigned' && ticket.agentId === agent.id) return;
    const profile = await this.profile(agent);
    if (profile.role !== 'supervisor' && !serves(profile, ticket)) {
      throw new ForbiddenError(`Ticket ${ticketId} is for ${describeLine(ticket)}, which you do not serve (${describeLine({ locale: profile.languages.join(', ') || 'every language', team: profile.teams.join(', ') || undefined })}).`, 'not_your_queue');
    }
    const result = await this.deps.state.claim(ticket, agent, lockToken(agent), profile.maxChats);
    if (isRefusal(result)) {
      if (result.refused === 'at_capacity') throw atCapacity(profile);
      const holder = result.agentName ? `, with ${result.agentName}` : '';
      throw new ConflictError(`Ticket ${ticketId} is not waiting in the queue (${result.status ?? ticket.status}${holder}).`, 'ticket_not_waiting');
    }
    await this.deps.effects.apply(result);
  }

  /** Claims the first ticket in the lines the agent serves; undefined when none waits there. */
  async claimNext(agent: AgentIdentity): Promise<string | undefined> {
    const { lines, tickets, state } = this.deps;
    const profile = await this.profile(agent);
    for (let attempt = 0; attempt < CLAIM_NEXT_ATTEMPTS; attempt++) {
      const next = await lines.next((line) => serves(profile, line));
      if (next === undefined) return undefined;
      const ticket = await tickets.get(next);
      // Only a ticket queued before the lines were kept by the state machine can be in line but not waiting.
      if (ticket?.status !== 'queued') {
        if (ticket) await lines.remove(ticket);
        continue;
      }
      const result = await state.claim(ticket, agent, lockToken(agent), profile.maxChats);
      if (isRefusal(result)) {
        if (result.refused === 'at_capacity') throw atCapacity(profile);
        continue;
      }
      await this.deps.effects.apply(result);
      return next;
    }
    throw new TooManyRequestsError('Tickets are being claimed right now; try again in a moment.', 'claim_busy');
  }

  /**
   * Hands the ticket to a team (back in the queue, in that team's line) or to an online agent who
   * serves its language (assigned to them at once). Its holder may, and a supervisor may for any
   * open ticket.
   */
  async transfer(ticketId: string, actor: AgentIdentity, to: string): Promise<void> {
    const ticket = await this.deps.tickets.require(ticketId);
    const profile = await this.profile(actor);
    const holder = ticket.status === 'assigned' ? (ticket.agentId ?? '') : '';
    if (profile.role !== 'supervisor' && holder !== actor.id) throw notYours(ticketId, ticket.agentName);
    const target = to.includes('@') ? await this.agentTarget(ticket, to) : await this.teamTarget(to);
    const result = await this.deps.state.transfer(ticket, holder, target, lineScore(ticket.priority, ticket.createdAt));
    if (isRefusal(result)) {
      if (result.refused === 'at_capacity') throw new ConflictError(`${to} already holds as many tickets as they may; pick someone else or a team.`, 'at_capacity');
      throw notYours(ticketId, result.agentName);
    }
    await this.deps.effects.apply(result);
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

  /**
   * The holder records how the phone call went (the player is told on their channel): done or
   * failed closes the ticket; rescheduled keeps it with them for a new window, which must lie ahead.
   */
  async callOutcome(ticketId: string, agent: AgentIdentity, outcome: CallOutcome, window?: { from: string; to: string }): Promise<Ticket> {
    const ticket = await this.deps.tickets.require(ticketId);
    // A ticket's facts only grow: the number checked here is still there when the script runs.
    if (!ticket.facts.phone) throw new ConflictError(`Ticket ${ticketId} has no phone number to call; the player did not ask for a call.`, 'no_callback');
    if (outcome === 'rescheduled' && !window) throw new BadRequestError('A rescheduled call needs its new window: "window": { "from", "to" }.', 'window_required');
    if (window && (Date.parse(window.to) <= Date.parse(window.from) || Date.parse(window.to) <= Date.now())) {
      throw new BadRequestError('The new window must end after it starts, and lie ahead.', 'invalid_window');
    }
    const result = await this.deps.state.callOutcome(ticket, agent.id, outcome, outcome === 'rescheduled' && window ? windowFact(window) : '');
    await this.applyOrRefuse(ticket, result);
    this.deps.logger.info({ ticketId, outcome, agentId: agent.id }, 'callback outcome recorded');
    return this.deps.tickets.require(ticketId);
  }

  /** A more urgent reason while waiting moves the ticket up; anything else changes nothing. */
  async escalate(ticketId: string, reason: HandoffReason): Promise<void> {
    const ticket = await this.deps.tickets.get(ticketId);
    if (ticket?.status !== 'queued') return;
    const priority = HANDOFF_PRIORITY[reason];
    const result = await this.deps.state.escalate(ticket, reason, priority, lineScore(priority, ticket.createdAt), this.deps.reasonTeams[reason]);
    if (!isRefusal(result)) await this.deps.effects.apply(result);
  }

  /** Facts the player gave while waiting (an address to be reached at, the account item a request is about) join the ticket's facts for the agent. */
  async addFacts(ticketId: string, facts: Facts): Promise<void> {
    const ticket = await this.deps.tickets.require(ticketId);
    for (const [name, value] of Object.entries(facts)) {
      if (value === undefined) continue;
      const result = await this.deps.state.addFact(ticket, name, value);
      if (!isRefusal(result)) await this.deps.effects.apply(result);
    }
  }

  /** The holder's first reply: stops the complaint's acknowledgement clock and counts as the first response. */
  async firstReply(ticket: Ticket, agent: AgentIdentity): Promise<void> {
    const result = await this.deps.state.firstReply(ticket, agent.id);
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

  /** The teams a ticket can go to: those of `HANDOFF_TEAMS` and those agents are in. */
  async teams(): Promise<string[]> {
    return [...new Set([...Object.values(this.deps.reasonTeams), ...(await this.deps.agents.list()).flatMap((agent) => agent.teams)])].sort();
  }

  private profile(agent: AgentIdentity): Promise<Agent> {
    return this.deps.agents.require(agent.email);
  }

  private async agentTarget(ticket: Ticket, email: string): Promise<TransferTarget> {
    const agent = await this.deps.agents.require(email);
    if (agent.id === ticket.agentId) throw new ConflictError(`${agent.name} holds ticket ${ticket.id} already.`, 'already_theirs');
    if (!serves(agent, ticket)) throw new ConflictError(`${agent.name} does not serve ${describeLine(ticket)}; transfer to someone who does, or to a team.`, 'agent_cannot_serve');
    if (!(await this.deps.agents.online()).some((online) => online.id === agent.id)) {
      throw new ConflictError(`${agent.name} is not online; transfer to someone who is, or to a team.`, 'agent_not_online');
    }
    return { agent, lockToken: lockToken(agent), maxChats: agent.maxChats };
  }

  /** A team of `HANDOFF_TEAMS` or one some agent is in. */
  private async teamTarget(name: string): Promise<TransferTarget> {
    const team = TeamName.safeParse(name);
    if (!team.success) throw new BadRequestError(`"to" must be an agent's e-mail or a team: ${team.error.issues[0]?.message}.`, 'invalid_target');
    const known = await this.teams();
    if (!known.includes(team.data)) throw new NotFoundError(`There is no team "${team.data}"; teams are ${known.join(', ') || 'not set up (HANDOFF_TEAMS, agent:add --teams)'}.`, 'team_not_found');
    return { team: team.data };
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

function atCapacity(profile: Agent): ConflictError {
  return new ConflictError(`You hold ${profile.maxChats} tickets, as many as you may at once; resolve or release one first.`, 'at_capacity');
}

function describeLine(line: { locale: string; team?: string | undefined }): string {
  return line.team ? `${line.locale}, team ${line.team}` : line.locale;
}

function lockToken(agent: Pick<AgentIdentity, 'id'>): string {
  return `${agent.id}.${randomUUID()}`;
}
