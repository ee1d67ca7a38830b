import { beforeDeadline } from '../core/deadline.js';
import type { Redis } from 'ioredis';
import type { Facts } from '../core/facts.js';
import type { ConversationHistory, HistoryTicket } from '../core/history.js';
import type { Conversation, Message } from '../core/schemas.js';
import type { ConversationStore } from '../conversation/store.js';
import type { AgentAssist } from '../llm/assist.js';
import type { HandoffKeys } from './keys.js';
import type { AgentStore } from './agents.js';
import type { Note, Ticket } from '../core/ticket.js';
import type { AgentIdentity } from './schemas.js';
import type { TicketStore } from './tickets.js';
import type { WaitingLines } from './waiting-line.js';

export interface Suggestion {
  articleId: string;
  title: string;
  heading: string;
  text: string;
}

export interface TicketView {
  ticket: Ticket;
  position: number | undefined;
  conversation: Pick<Conversation, 'key' | 'channel' | 'locale' | 'name' | 'mode' | 'playerId'>;
  transcript: Message[];
  notes: Note[];
  suggestions: Suggestion[];
  assist?: AgentAssist;
  /**
   * The player's earlier conversations from the system of record, newest first: a player is their
   * chat for now, so these are the conversation's tickets opened before this one. Absent when the
   * record cannot say in time.
   */
  earlier?: EarlierTicket[];
}

/** A ticket the player had before, and the conversation whose transcript tells it. */
export type EarlierTicket = HistoryTicket & { conversationKey: string };

export interface QueueEntry {
  ticket: Ticket;
  position: number | undefined;
  waitingSeconds: number;
}

export interface TicketViewsDeps {
  redis: Redis;
  keys: HandoffKeys;
  tickets: TicketStore;
  lines: WaitingLines;
  /** Whose held tickets the queue view lists. */
  agents: Pick<AgentStore, 'list'>;
  conversations: ConversationStore;
  /** The system of record, for the player's earlier conversations. */
  history: Pick<ConversationHistory, 'ticketsOf'>;
  /** Knowledge sections that could answer the player's last message, for the agent's suggested replies. */
  suggest(text: string, locale: Conversation['locale']): Suggestion[];
  /** OpenAI mode: the model's summary and a cited draft reply (undefined when the model is unavailable). */
  assist?(transcript: Message[], facts: Facts, locale: Conversation['locale'], playerName?: string): Promise<AgentAssist | undefined>;
}

/** A record that has not answered by then is treated as away: the ticket view is live work and does not wait for history. */
const HISTORY_DEADLINE_MS = 1500;

/** What the agent console shows: the queue, one ticket with its conversation, and the agent's own tickets. */
export class TicketViews {
  constructor(private readonly deps: TicketViewsDeps) {}

  /** Waiting tickets in the order agents get them (each with its place in its own line), then the ones being worked on; `shown` picks what this agent sees. */
  async queue(shown: (ticket: Ticket) => boolean = () => true): Promise<QueueEntry[]> {
    // Held tickets from the agents' held sets, which change in the same step as the ticket: a job
    // between two locks (a transfer re-locks it) is briefly not active in BullMQ.
    const [waiting, agents] = await Promise.all([this.deps.lines.all(), this.deps.agents.list()]);
    const held = (await Promise.all(agents.map((agent) => this.deps.tickets.heldIds(agent.id)))).flat();
    const entries = [...waiting, ...held.map((id) => ({ id, position: undefined }))];
    const tickets = await Promise.all(entries.map(({ id }) => this.deps.tickets.get(id)));
    const listed = tickets.flatMap((ticket, index) => {
      const entry = entries[index];
      if (!ticket || !entry || !shown(ticket) || (entry.position === undefined && ticket.status !== 'assigned')) return [];
      return [{ ticket, position: entry.position, waitingSeconds: Math.round((Date.now() - Date.parse(ticket.createdAt)) / 1000) }];
    });
    return listed.sort((a, b) => Number(a.position === undefined) - Number(b.position === undefined) || (a.position === undefined ? a.ticket.createdAt.localeCompare(b.ticket.createdAt) : 0));
  }

  async ticket(ticketId: string): Promise<TicketView> {
    const { tickets, conversations } = this.deps;
    const ticket = await tickets.require(ticketId);
    // Asked first, read last: the record answers while the live state is read.
    const earlier = this.earlier(ticket);
    const conversation = await conversations.require(ticket.conversationKey);
    const transcript = await conversations.history(ticket.conversationKey);
    // The last few player messages together: the last one alone is often just "hello?".
    const recentPlayerText = transcript
      .filter((m) => m.from === 'player')
      .slice(-3)
      .map((m) => m.text)
      .join(' ');
    const position = ticket.status === 'queued' ? await this.deps.lines.position(ticket) : undefined;
    return {
      ticket,
      position,
      conversation: { key: conversation.key, channel: conversation.channel, locale: conversation.locale, name: conversation.name, mode: conversation.mode, playerId: conversation.playerId },
      transcript,
      notes: await tickets.notes(ticketId),
      suggestions: recentPlayerText ? this.deps.suggest(recentPlayerText, conversation.locale) : [],
      ...(ticket.status === 'assigned' ? { assist: await this.assist(ticket, transcript, conversation.locale, conversation.name) } : {}),
      ...(await earlier.then((found) => (found ? { earlier: found } : {}))),
    };
  }

  /** The tickets this agent is working on now. */
  async heldBy(agent: AgentIdentity): Promise<Ticket[]> {
    const { tickets } = this.deps;
    const held = await Promise.all((await tickets.heldIds(agent.id)).map((id) => tickets.get(id)));
    return held.filter((ticket): ticket is Ticket => ticket?.status === 'assigned' && ticket.agentId === agent.id);
  }

  /** The conversation's tickets before this one, from the record; undefined when the record is away or slow. */
  private async earlier(ticket: Ticket): Promise<EarlierTicket[] | undefined> {
    const tickets = this.deps.history.ticketsOf(ticket.conversationKey).catch(() => undefined);
    const found = await beforeDeadline(tickets, HISTORY_DEADLINE_MS, () => undefined);
    return found
      ?.filter((other) => other.id !== ticket.id && Date.parse(other.createdAt) < Date.parse(ticket.createdAt))
      .reverse()
      .map((other) => ({ ...other, conversationKey: ticket.conversationKey }));
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
}
