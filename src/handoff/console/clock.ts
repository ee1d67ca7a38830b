import { el } from '../../browser/sse.js';
import { dateTime, duration, t } from './i18n.js';
import type { Ticket } from './types.js';

/** A clock still running: due in so long, or overdue. */
function running(due: 'ack' | 'final', iso: string): HTMLElement {
  const left = Math.round((Date.parse(iso) - Date.now()) / 1000);
  const time = dateTime(iso);
  const text = left > 0 ? t(due === 'ack' ? 'ackDue' : 'finalDue', { d: duration(left), time }) : t(due === 'ack' ? 'ackOverdue' : 'finalOverdue', { time });
  return el('span', left > 0 ? 'clock clock--due' : 'clock clock--overdue', text);
}

/** A clock that stopped: the deadline was met (or missed, said calmly; nothing is left to hurry for). */
function stopped(text: string): HTMLElement {
  return el('span', 'clock clock--stopped', text);
}

/**
 * The complaint clock of a dispute: the acknowledgement stops at the agent's first reply, the final
 * response at the resolution. `running` only: what still needs doing (for the queue's cards).
 */
export function complaintClocks(ticket: Ticket, which: 'all' | 'running' = 'all'): HTMLElement[] {
  const clocks: HTMLElement[] = [];
  if (ticket.ackDueAt) {
    if (ticket.firstReplyAt) {
      const late = Date.parse(ticket.firstReplyAt) > Date.parse(ticket.ackDueAt);
      if (which === 'all') clocks.push(stopped(t(late ? 'ackDoneLate' : 'ackDone', { time: dateTime(ticket.firstReplyAt) })));
    } else if (ticket.status !== 'resolved') clocks.push(running('ack', ticket.ackDueAt));
  }
  if (ticket.finalDueAt) {
    if (ticket.status === 'resolved') {
      if (which === 'all' && ticket.resolvedAt) clocks.push(stopped(t('finalDone', { time: dateTime(ticket.resolvedAt) })));
    } else if (which === 'all') clocks.push(running('final', ticket.finalDueAt));
  }
  return clocks;
}
