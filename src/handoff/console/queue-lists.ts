import { el } from '../../browser/sse.js';
import { complaintClocks } from './clock.js';
import { duration, label, t } from './i18n.js';
import { KeyboardList } from './keyboard-list.js';
import { reasonBadge } from './ticket-labels.js';
import type { QueueEntry } from './types.js';
import type { UnreadCounts } from './unread.js';

export interface QueueListsContext {
  agentId: string | undefined;
  openTicketId: string | null;
  unread: UnreadCounts;
  open(ticketId: string): void;
}

const byId = (id: string) => document.getElementById(id) as HTMLElement;

/**
 * The console's left pane: the tickets waiting in the queue, the agent's own, and the ones other
 * agents hold, each list one stop for the Tab key and walked with the arrow keys.
 */
export class QueueLists {
  private readonly waiting = new KeyboardList(byId('queue'));
  private readonly held = new KeyboardList(byId('held'));
  private readonly others = new KeyboardList(byId('others'));

  render(entries: QueueEntry[], context: QueueListsContext): void {
    const mine = (entry: QueueEntry) => entry.ticket.status === 'assigned' && entry.ticket.agentId === context.agentId;
    const waiting = entries.filter((entry) => entry.ticket.status === 'queued');
    const held = entries.filter(mine);
    const others = entries.filter((entry) => entry.ticket.status !== 'queued' && !mine(entry));
    byId('queue-count').textContent = t('waitingCount', { n: waiting.length });
    this.waiting.replace(waiting.map((entry) => item(entry, context)));
    this.held.replace(held.map((entry) => item(entry, context)));
    this.others.replace(others.map((entry) => item(entry, context)));
    byId('queue-empty').hidden = waiting.length > 0;
    byId('held-empty').hidden = held.length > 0;
    byId('others-section').hidden = others.length === 0;
  }
}

function item(entry: QueueEntry, context: QueueListsContext): HTMLElement {
  const { ticket } = entry;
  const open = el('button', 'qitem');
  open.type = 'button';
  open.dataset.key = ticket.id;
  open.dataset.ticket = ticket.id;
  if (ticket.id === context.openTicketId) {
    open.classList.add('qitem--active');
    open.setAttribute('aria-current', 'true');
  }
  if (ticket.agentId === context.agentId) open.classList.add('qitem--mine');
  const top = el('span', 'qitem__top');
  top.append(el('strong', undefined, ticket.id), reasonBadge(ticket.reason));
  const unread = context.unread.of(ticket.id);
  if (unread > 0) {
    const count = el('span', 'unread', String(unread));
    count.setAttribute('aria-hidden', 'true');
    top.append(count, el('span', 'sr-only', t('unread', { n: unread })));
  }
  const where = entry.position ? `#${entry.position}` : ticket.agentName ? t('withAgent', { name: ticket.agentName }) : label('status', ticket.status);
  const meta = el('span', 'qitem__meta', [where, ticket.locale.toUpperCase(), label('channel', ticket.channel), t('waiting', { d: duration(entry.waitingSeconds) })].join(' · '));
  open.append(top, meta, el('span', 'qitem__summary', ticket.summary), ...complaintClocks(ticket, 'running'));
  open.addEventListener('click', () => context.open(ticket.id));
  const li = el('li');
  li.append(open);
  return li;
}
