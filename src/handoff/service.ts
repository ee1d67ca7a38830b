import type { Facts } from '../core/facts.js';
import type { AttachmentRef, Handoff, HandoffReason, Locale, Message } from '../core/schemas.js';
import type { Delivery } from '../conversation/delivery.js';
import { replyPermit } from '../conversation/reply-window.js';
import type { ConversationStore } from '../conversation/store.js';
import { ConflictError, } from '../errors.js';
import type { ArticleArchive } from '../knowledge/archive.js';
import type { Metrics } from '../metrics.js';
import type { AgentStore } from './agents.js';
import { type CaseFile, caseFile } from './case-file.js';
import type { Attachments } from '../attachments/index.js';
import type { AgentEvents } from './events.js';
import { notYours, type OpenTicket, type TicketLifecycle } from './lifecycle.js';
import type { QueuePositions } from './positions.js';
import type { HandoffQueue } from './queue.js';
import type { Note, Ticket } from '../core/ticket.js';
import type { CallOutcome } from '../conversation/state-machine.js';
import { humanAgentWarning, windowClosedMessage } from './reply-window-notice.js';
import { serves } from './routing.js';
import type { Agent, AgentIdentity, Presence } from './schemas.js';

/** An agent's message as sent; `warning` tells them something about how it went (not kept in the transcript). */
export type SentReply = Message & { warning?: string };

/** An agent as the console's team list and the supervisor see them. */
export type TeamMember = Pick<Agent, 'id' | 'email' | 'name' | 'languages' | 'teams' | 'role' | 'maxChats' | 'presence'> & {
  /** Present, with the console open. */
  online: boolean;
  /** Tickets they hold now. */
  holding: number;
};
import type { TicketStore } from './tickets.js';
import type { QueueEntry, TicketView, TicketViews } from './views.js';
import type { WaitingLines } from './waiting-line.js';

export interface HandoffServiceDeps {
  lifecycle: TicketLifecycle;
  positions: QueuePositions;
  views: TicketViews;
  queue: HandoffQueue;
  lines: WaitingLines;
  tickets: TicketStore;
  agents: AgentStore;
  conversations: ConversationStore;
  delivery: Delivery;
  events: AgentEvents;
  archive: ArticleArchive;
  /** Files of the conversations, for the case file's checksums. */
  attachments: Pick<Attachments, 'get'>;
  /** An agent's message also by e-mail, to an address the player left while nobody was online (when e-mail is on). */
  copyByEmail?(to: { address: string; conversationKey: string; ticketId: string }, message: Message): Promise<void>;
  metrics: Metrics;
}

/**
 * What the bot and the agent API ask of the handoff module, in one place: the ticket lifecycle,
 * places in the queue and the console's views are their own classes; the agent's own work on a
 * held ticket (replies, notes, heartbeats) is here.
 */
export class HandoffService {
  constructor(private readonly deps: HandoffServiceDeps) {}

  open(input: OpenTicket): Promise<Handoff> {
    return this.deps.lifecycle.open(input);
  }

  /** Where a ticket stands, as the player sees it. */
  status(ticketId: string): Promise<Handoff> {
    return this.deps.positions.status(ticketId);
  }

  /** The waiting tickets this agent serves (a supervisor: all), then every ticket being worked on. */
  async queueView(agent: AgentIdentity): Promise<QueueEntry[]> {
    const profile = await this.deps.agents.get(agent.email);
    if (!profile || profile.role === 'supervisor') return this.deps.views.queue();
    return this.deps.views.queue((ticket) => ticket.status !== 'queued' || serves(profile, ticket));
  }

  /** The wait as the player reads it after their place (see `QueuePositions.waitText`). */
  waitText(locale: Locale, handoff: Handoff): string {
    return this.deps.positions.waitText(locale, handoff);
  }

  view(ticketId: string): Promise<TicketView> {
    return this.deps.views.ticket(ticketId);
  }

  async claimNext(agent: AgentIdentity): Promise<TicketView | undefined> {
    const ticketId = await this.deps.lifecycle.claimNext(agent);
    return ticketId === undefined ? undefined : this.view(ticketId);
  }

  async claim(ticketId: string, agent: AgentIdentity): Promise<TicketView> {
    await this.deps.lifecycle.claim(ticketId, agent);
    return this.view(ticketId);
  }

  async transfer(ticketId: string, agent: AgentIdentity, to: string): Promise<TicketView> {
    await this.deps.lifecycle.transfer(ticketId, agent, to);
    return this.view(ticketId);
  }

  /** The agent as stored now: languages, teams, role, max chats, presence. */
  profile(agent: AgentIdentity): Promise<Agent> {
    return this.deps.agents.require(agent.email);
  }

  /** Every agent with what routing and a supervisor need: languages, teams, presence, whether their console is open, what they hold. */
  async team(): Promise<TeamMember[]> {
    const [agents, open] = await Promise.all([this.deps.agents.list(), this.deps.agents.consolesOpen()]);
    return Promise.all(
      agents.map(async ({ id, email, name, languages, teams, role, maxChats, presence }) => ({
        id,
        email,
        name,
        languages,
        teams,
        role,
        maxChats,
        presence,
        online: presence === 'online' && open.has(email),
        holding: (await this.deps.tickets.heldIds(id)).length,
      })),
    );
  }

  /** The teams a ticket can be transferred to. */
  teams(): Promise<string[]> {
    return this.deps.lifecycle.teams();
  }

  async setPresence(agent: AgentIdentity, presence: Presence): Promise<void> {
    await this.deps.agents.setPresence(agent.email, presence);
    await this.deps.events.publish({ type: 'agent.presence', agentId: agent.id, presence });
  }

  release(ticketId: string, agent: AgentIdentity): Promise<Handoff> {
    return this.deps.lifecycle.release(ticketId, agent);
  }

  resolve(ticketId: string, agent: AgentIdentity): Promise<Ticket> {
    return this.deps.lifecycle.resolve(ticketId, agent);
  }

  callOutcome(ticketId: string, agent: AgentIdentity, outcome: CallOutcome, window?: { from: string; to: string }): Promise<Ticket> {
    return this.deps.lifecycle.callOutcome(ticketId, agent, outcome, window);
  }

  addFacts(ticketId: string, facts: Facts): Promise<void> {
    return this.deps.lifecycle.addFacts(ticketId, facts);
  }

  escalate(ticketId: string, reason: HandoffReason): Promise<void> {
    return this.deps.lifecycle.escalate(ticketId, reason);
  }

  heldBy(agent: AgentIdentity): Promise<Ticket[]> {
    return this.deps.views.heldBy(agent);
  }

  caseFile(ticketId: string): Promise<CaseFile> {
    return caseFile(ticketId, this.deps.views, this.deps.archive, this.deps.attachments);
  }

  /** The conversation a ticket the agent holds belongs to (where a file they send is kept). */
  async heldConversation(ticketId: string, agent: AgentIdentity): Promise<string> {
    return (await this.held(ticketId, agent)).conversationKey;
  }

  /** Sends the agent's message; refused (409) once the messenger's reply window is closed, warned when it goes with the HUMAN_AGENT tag. */
  async reply(ticketId: string, agent: AgentIdentity, text: string, attachments: AttachmentRef[] = []): Promise<SentReply> {
    const ticket = await this.held(ticketId, agent);
    const conversation = await this.deps.conversations.require(ticket.conversationKey);
    const permit = replyPermit(conversation, 'agent');
    if (!permit.send) throw new ConflictError(windowClosedMessage(conversation.channel, permit), 'reply_window_closed');
    await this.extendLock(ticket.id);
    const message = await this.deps.delivery.post(ticket.conversationKey, { from: 'agent', text, locale: ticket.locale, author: agent.name, ...(attachments.length > 0 ? { attachments } : {}) });
    if (ticket.facts.email && conversation.channel !== 'email') await this.deps.copyByEmail?.({ address: ticket.facts.email, conversationKey: ticket.conversationKey, ticketId: ticket.id }, message);
    if (!ticket.firstReplyAt) await this.deps.lifecycle.firstReply(ticket, agent);
    return permit.humanAgentTag ? { ...message, warning: humanAgentWarning(conversation.channel, permit) } : message;
  }

  async note(ticketId: string, agent: AgentIdentity, text: string): Promise<Note> {
    await this.deps.tickets.require(ticketId);
    const note: Note = { at: new Date().toISOString(), agentId: agent.id, agentName: agent.name, text };
    await this.deps.tickets.addNote(ticketId, note);
    return note;
  }

  async rate(ticketId: string, rating: number): Promise<void> {
    await this.deps.tickets.rate(ticketId, rating);
    this.deps.metrics.rating(rating);
  }

  /** Keeps the agent's tickets locked to them while their console is open. */
  async heartbeat(agent: AgentIdentity): Promise<void> {
    await this.deps.agents.seen(agent.email);
    for (const ticket of await this.heldBy(agent)) await this.extendLock(ticket.id);
  }

  /** A player wrote while queued or with an agent: tell the consoles. */
  async activity(ticketId: string): Promise<void> {
    await this.deps.events.publish({ type: 'ticket.activity', ticketId });
  }

  /**
   * Tickets the queue holds as waiting but the line does not (queued by a version before the line
   * existed) join it, in the queue's order. Once at start; with the line in step it finds none.
   */
  async lineUpWaitingTickets(): Promise<void> {
    if (await this.deps.lines.anyWaiting()) return;
    for (const id of await this.deps.queue.waitingIds()) {
      const ticket = await this.deps.tickets.get(id);
      if (ticket?.status === 'queued') await this.deps.lines.add(ticket);
    }
  }

  private async held(ticketId: string, agent: AgentIdentity): Promise<Ticket> {
    const ticket = await this.deps.tickets.require(ticketId);
    if (ticket.status !== 'assigned' || ticket.agentId !== agent.id) {
      throw notYours(ticketId, ticket.agentName);
    }
    return ticket;
  }

  private async extendLock(ticketId: string): Promise<void> {
    const token = await this.deps.tickets.jobToken(ticketId);
    if (token) await this.deps.queue.extendLock(ticketId, token);
  }
}
