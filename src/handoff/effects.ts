import type { Logger } from 'pino';
import { localize } from '../core/messages.js';
import { internationalForm } from '../core/phone.js';
import { describeWindow, parseWindowFact } from '../core/call-window.js';
import type { Delivery } from '../conversation/delivery.js';
import type { ConversationStateMachine, OutboxEvent } from '../conversation/state-machine.js';
import type { Metrics } from '../metrics.js';
import type { AgentStore } from './agents.js';
import type { QueuePositions } from './positions.js';
import type { HandoffQueue } from './queue.js';
import type { Ticket } from '../core/ticket.js';
import type { TicketStore } from './tickets.js';

/** Outbox entries retried per recovery round. */
const RECOVERY_BATCH = 50;
const RATINGS = ['1', '2', '3', '4', '5'].map((value) => ({ title: value, value }));

export interface TicketEffectsDeps {
  state: ConversationStateMachine;
  queue: HandoffQueue;
  tickets: TicketStore;
  positions: QueuePositions;
  /** Whom a ticket is with, for the grammatical gender of the notice the player reads. */
  agents: Pick<AgentStore, 'withId'>;
  delivery: Delivery;
  metrics: Metrics;
  alerts: { scheduleFirst(ticketId: string): Promise<void> };
  logger: Logger;
  /** Where call times are told (the support hours' zone). */
  timeZone: string;
  /** How often this replica looks for outbox entries nobody finished. */
  recoverEveryMs: number;
  /** An entry unfinished for this long had its applier crash. */
  staleMs: number;
}

/**
 * What follows a ticket transition, applied from its outbox entry: the BullMQ job brought in line,
 * the player told (once per ticket version), the metrics counted, the places ahead announced. The
 * transition's caller applies them at once; an entry whose caller crashed is applied by whichever
 * replica's recovery round finds it. Every effect may run twice without showing twice.
 */
export class TicketEffects {
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly deps: TicketEffectsDeps) {}

  start(): void {
    this.timer = setInterval(() => void this.recover(), this.deps.recoverEveryMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /** Applies the effects of one transition; a failure is logged and left to recovery. */
  async apply(event: OutboxEvent): Promise<void> {
    try {
      const ticket = await this.mirrorJob(event.ticketId);
      if (ticket) await this.notify(event, ticket);
      await this.deps.state.applied(event.id);
    } catch (error) {
      this.deps.logger.error({ err: error, ticketId: event.ticketId, event: event.type }, 'a ticket change is recorded but its effects failed; recovery retries them');
    }
  }

  /** Applies what crashed callers left unfinished. */
  async recover(): Promise<void> {
    try {
      for (const event of await this.deps.state.takeStale(this.deps.staleMs, RECOVERY_BATCH)) await this.apply(event);
    } catch (error) {
      this.deps.logger.warn({ err: error }, 'outbox recovery round failed; the next one retries');
    }
  }

  /** Brings the ticket's BullMQ job in line with the ticket; returns the ticket as it read it (undefined: gone). */
  async mirrorJob(ticketId: string): Promise<Ticket | undefined> {
    const { queue, tickets } = this.deps;
    return queue.withClaimMutex(async () => {
      const found = await tickets.withJob(ticketId);
      if (!found) return undefined;
      const token = await queue.match(found.job);
      if (token !== found.job.jobToken) await tickets.setJobToken(ticketId, token);
      return found.ticket;
    });
  }

  private async notify(event: OutboxEvent, ticket: Ticket): Promise<void> {
    const { positions, delivery, metrics } = this.deps;
    // A notice about a state the ticket has already left would mislead; the later one speaks instead.
    const current = ticket.version === event.version;
    const onceId = `${ticket.id}:v${event.version}`;
    const tell = (draft: Parameters<Delivery['post']>[1]) => (current ? delivery.post(ticket.conversationKey, draft, onceId) : undefined);
    switch (event.type) {
      case 'ticket.created':
        metrics.handoff(ticket.reason);
        await this.deps.alerts.scheduleFirst(ticket.id);
        await positions.announce(ticket, ticket.id);
        return;
      case 'ticket.claimed': {
        const waited = (Date.parse(ticket.claimedAt ?? ticket.createdAt) - Date.parse(ticket.createdAt)) / 1000;
        await this.deps.tickets.recordWait(waited);
        metrics.queueWait(waited);
        await tell({
          from: 'system',
          text: await this.agentNotice(ticket, 'agentJoined'),
          locale: ticket.locale,
          handoff: { reason: ticket.reason, status: 'assigned', ticketId: ticket.id },
        });
        await positions.announce(ticket);
        return;
      }
      case 'ticket.released':
      case 'ticket.returned':
        return this.backInLine(ticket, current ? tell : undefined, 'backInQueue');
      case 'ticket.transferred': {
        if (ticket.status === 'assigned') {
          await tell({
            from: 'system',
            text: await this.agentNotice(ticket, 'transferredToAgent'),
            locale: ticket.locale,
            handoff: { reason: ticket.reason, status: 'assigned', ticketId: ticket.id },
          });
          return;
        }
        return this.backInLine(ticket, current ? tell : undefined, 'transferredToTeam');
      }
      case 'ticket.resolved':
        await tell({
          from: 'system',
          text: localize(ticket.locale, 'resolvedRate', { ticketId: ticket.id }),
          locale: ticket.locale,
          actions: RATINGS,
          handoff: { reason: ticket.reason, status: 'resolved', ticketId: ticket.id },
        });
        return;
      case 'ticket.escalated':
        await positions.announce(ticket);
        return;
      case 'ticket.called':
        await tell(this.callNotice(ticket));
        return;
      case 'ticket.first_reply':
      case 'ticket.updated':
        return;
    }
  }

  /** How the agent's call went, as the player reads it: a done call asks for a rating, a rescheduled one gives the new time. */
  private callNotice(ticket: Ticket): Parameters<Delivery['post']>[1] {
    const { locale, facts, id: ticketId } = ticket;
    const phone = internationalForm(facts.phone ?? '');
    const handoff = { reason: ticket.reason, status: ticket.status === 'resolved' ? ('resolved' as const) : ('assigned' as const), ticketId };
    if (facts.callbackOutcome === 'done') return { from: 'system', text: localize(locale, 'callbackDone', { ticketId }), locale, actions: RATINGS, handoff };
    if (facts.callbackOutcome === 'failed') return { from: 'system', text: localize(locale, 'callbackFailed', { ticketId, phone }), locale, handoff };
    const window = parseWindowFact(facts.callbackWindow);
    const when = window ? describeWindow(window, locale, this.deps.timeZone) : '';
    return { from: 'system', text: localize(locale, 'callbackRescheduled', { phone, window: when }), locale, handoff };
  }

  /** Who now talks with the player, in the agent's grammatical gender (a form that needs none when it is not known). */
  private async agentNotice(ticket: Ticket, notice: 'agentJoined' | 'transferredToAgent'): Promise<string> {
    const agent = ticket.agentId ? await this.deps.agents.withId(ticket.agentId) : undefined;
    return localize(ticket.locale, notice, { agent: ticket.agentName ?? '', gender: agent?.gender ?? 'unknown' });
  }

  /** The ticket waits again (released, returned, sent to a team): the player hears their place and wait, unless the notice is stale (`tell` absent); the places behind are announced. */
  private async backInLine(ticket: Ticket, tell: ((draft: Parameters<Delivery['post']>[1]) => unknown) | undefined, notice: 'backInQueue' | 'transferredToTeam'): Promise<void> {
    const { positions } = this.deps;
    if (tell) {
      const status = await positions.status(ticket.id);
      await positions.told(ticket.id, status.position ?? 0);
      await tell({
        from: 'system',
        text: localize(ticket.locale, notice, { ticketId: ticket.id, position: status.position ?? 1, wait: positions.waitText(ticket.locale, status) }),
        locale: ticket.locale,
        handoff: status,
      });
    }
    await positions.announce(ticket, ticket.id);
  }
}
