import { el } from '../../browser/sse.js';
import type { EarlierTicket } from '../views.js';
import { label, t } from './i18n.js';
import { reasonBadge, ticketTimes } from './ticket-labels.js';

/**
 * The ticket view's card of the player's earlier conversations, each with a way to read its
 * transcript; none when the record could not say (the ticket view works without it).
 */
export function earlierCard(earlier: EarlierTicket[] | undefined, read: (conversationKey: string, ticketId: string) => void): HTMLElement | null {
  if (!earlier) return null;
  const card = el('section', 'card earlier');
  card.append(el('h3', undefined, t('earlierTitle')));
  if (earlier.length === 0) {
    card.append(el('p', 'empty', t('noEarlier')));
    return card;
  }
  const list = el('ul', 'earlier__list');
  for (const ticket of earlier) {
    const item = el('li', 'earlier__item');
    const top = el('div', 'qitem__top');
    top.append(el('strong', undefined, ticket.id), reasonBadge(ticket.reason), el('span', 'qitem__meta', label('status', ticket.status)));
    const open = el('button', undefined, t('readConversation'));
    open.type = 'button';
    open.addEventListener('click', () => read(ticket.conversationKey, ticket.id));
    item.append(top, el('div', 'qitem__meta', ticketTimes(ticket)), open);
    item.dataset.ticket = ticket.id;
    list.append(item);
  }
  card.append(list);
  return card;
}
