import { el } from '../../browser/sse.js';
import type { HistoryTicket } from '../../core/history.js';
import { dateTime, label, t } from './i18n.js';

/** A reason badge: coloured by reason, worded in the console's language. */
export function reasonBadge(reason: string): HTMLElement {
  return el('span', `badge badge--${reason}`, label('reason', reason));
}

/** When a ticket was opened and resolved, and how the player rated it. */
export function ticketTimes(ticket: Pick<HistoryTicket, 'createdAt' | 'resolvedAt' | 'rating'>): string {
  return [
    t('opened', { time: dateTime(ticket.createdAt) }),
    ...(ticket.resolvedAt ? [t('closed', { time: dateTime(ticket.resolvedAt) })] : []),
    ...(ticket.rating ? [t('rated', { n: ticket.rating })] : []),
  ].join(' · ');
}
