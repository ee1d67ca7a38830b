// The History tab: search the system of record, page through what it finds, read a transcript.
import { el } from '../../browser/sse.js';
import type { HistoryConversation, HistoryEntry, HistoryPage } from '../../core/history.js';
import type { Api } from './api.js';
import { dateTime, label, t } from './i18n.js';
import { InlineError } from './inline-error.js';
import { KeyboardList } from './keyboard-list.js';
import { reasonBadge, ticketTimes } from './ticket-labels.js';
import { transcriptItem } from './transcript.js';

const byId = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

/** The snippet's matches, marked «like this» by the API, as `mark` elements; every text as text. */
function marked(snippet: string): Node[] {
  return snippet.split(/«([^«»]*)»/).map((part, index) => (index % 2 === 1 ? el('mark', undefined, part) : document.createTextNode(part)));
}

/** A day picked in the form as the instant it starts (or ends) where the agent is. */
function dayBound(day: string, end: boolean): string {
  return new Date(`${day}T${end ? '23:59:59.999' : '00:00:00'}`).toISOString();
}

export class HistoryTab {
  private readonly form = byId<HTMLFormElement>('history-form');
  private readonly more = byId<HTMLButtonElement>('history-more');
  private readonly empty = byId('history-empty');
  private readonly viewer = byId('history-conversation');
  private readonly results = new KeyboardList(byId('history-results'));
  private readonly errors = new InlineError(byId('history-error'));
  private filters = new URLSearchParams();
  private entries: HistoryEntry[] = [];
  private next: string | null = null;
  /** A first search was asked for (the tab shows the latest conversations the first time it opens). */
  private started = false;
  /** A page of results is in: the results list is drawn. */
  private searched = false;
  private reading: { conversation: HistoryConversation; ticketId: string | undefined } | undefined;

  constructor(private readonly api: Api) {
    this.form.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.search();
    });
    this.more.addEventListener('click', () => void this.loadMore());
  }

  /** The tab is shown: the first time, with the latest conversations. */
  shown(): void {
    if (!this.started) void this.search();
  }

  async search(): Promise<void> {
    this.started = true;
    const field = (id: string) => byId<HTMLInputElement>(id).value.trim();
    const filters = new URLSearchParams();
    for (const [name, id] of [['query', 'history-query'], ['player', 'history-player'], ['ticket', 'history-ticket'], ['status', 'history-status']] as const) {
      const value = field(id);
      if (value) filters.set(name, name === 'ticket' ? value.toUpperCase() : value);
    }
    if (field('history-from')) filters.set('from', dayBound(field('history-from'), false));
    if (field('history-to')) filters.set('to', dayBound(field('history-to'), true));
    await this.errors.attempt(async () => {
      const page = await this.page(filters);
      this.filters = filters;
      this.entries = page.conversations;
      this.next = page.next;
      this.searched = true;
      this.renderResults();
    });
  }

  async loadMore(): Promise<void> {
    if (!this.next) return;
    const filters = new URLSearchParams(this.filters);
    filters.set('cursor', this.next);
    await this.errors.attempt(async () => {
      const page = await this.page(filters);
      this.entries.push(...page.conversations);
      this.next = page.next;
      this.renderResults();
    });
  }

  /** Opens a conversation's whole transcript, read-only; `ticketId`: scrolled to where that ticket began. */
  async read(key: string, ticketId?: string): Promise<void> {
    await this.errors.attempt(async () => {
      const conversation = await this.api<HistoryConversation>('GET', `/api/agent/conversations/${encodeURIComponent(key)}`);
      this.reading = { conversation, ticketId };
      this.renderViewer();
      const start = ticketId ? this.viewer.querySelector<HTMLElement>(`[data-ticket="${ticketId}"]`) : null;
      (start ?? this.viewer).scrollIntoView({ block: 'start' });
      byId('history-back').focus({ preventScroll: true });
    });
  }

  /** Draws everything again (the console's language changed). */
  render(): void {
    this.renderViewer();
  }

  private page(filters: URLSearchParams): Promise<HistoryPage> {
    return this.api<HistoryPage>('GET', `/api/agent/conversations?${filters}`);
  }

  private renderResults(): void {
    this.results.replace(this.entries.map((entry) => this.resultItem(entry)));
    this.empty.hidden = this.entries.length > 0;
    this.more.hidden = !this.next;
  }

  private resultItem(entry: HistoryEntry): HTMLElement {
    const item = el('li');
    const open = el('button', 'qitem hitem');
    open.type = 'button';
    open.dataset.key = entry.key;
    if (entry.key === this.reading?.conversation.key) open.setAttribute('aria-current', 'true');
    const top = el('span', 'qitem__top');
    top.append(el('strong', undefined, entry.playerName ?? t('anonymous')), el('span', 'qitem__meta', `${label('channel', entry.channel)} · ${entry.locale.toUpperCase()}`));
    const tickets = el('span', 'qitem__top');
    for (const ticket of entry.tickets) tickets.append(el('span', 'hitem__ticket', ticket.id), reasonBadge(ticket.reason), el('span', 'qitem__meta', label('status', ticket.status)));
    const snippet = el('span', 'qitem__summary hitem__snippet');
    snippet.append(...marked(entry.snippet));
    const times = el('span', 'qitem__meta', `${t('started', { time: dateTime(entry.createdAt) })} · ${t('lastMessage', { time: dateTime(entry.updatedAt) })}`);
    open.append(top, ...(entry.tickets.length > 0 ? [tickets] : []), snippet, times);
    open.addEventListener('click', () => void this.read(entry.key));
    item.append(open);
    return item;
  }

  private renderViewer(): void {
    // The result being read is marked as such.
    if (this.searched) this.renderResults();
    this.viewer.hidden = !this.reading;
    if (!this.reading) {
      this.viewer.replaceChildren();
      return;
    }
    const { conversation } = this.reading;
    const back = el('button', undefined, t('backToResults'));
    back.type = 'button';
    back.id = 'history-back';
    back.addEventListener('click', () => {
      this.reading = undefined;
      this.renderViewer();
      this.results.list.querySelector<HTMLElement>(`[data-key="${conversation.key}"]`)?.focus();
    });
    const head = el('div', 'ticket__head');
    head.append(back, el('h2', undefined, conversation.playerName ?? t('anonymous')), el('span', undefined, `${label('channel', conversation.channel)} · ${conversation.locale.toUpperCase()} · ${conversation.key}`));
    const tickets = el('ul', 'earlier__list');
    for (const ticket of conversation.tickets) {
      const item = el('li', 'earlier__item');
      const top = el('div', 'qitem__top');
      top.append(el('strong', undefined, ticket.id), reasonBadge(ticket.reason), el('span', 'qitem__meta', label('status', ticket.status)));
      item.append(top, el('div', 'qitem__meta', ticketTimes(ticket)));
      tickets.append(item);
    }
    const transcript = el('ol', 'transcript transcript--record');
    transcript.id = 'history-transcript';
    transcript.append(...this.transcriptWithTickets(conversation));
    this.viewer.replaceChildren(head, el('p', 'empty', t('readOnly')), tickets, transcript);
  }

  /** The messages, with a line where each ticket was opened. */
  private transcriptWithTickets(conversation: HistoryConversation): HTMLElement[] {
    const items: HTMLElement[] = [];
    const pending = [...conversation.tickets];
    for (const message of conversation.messages) {
      while (pending[0] && Date.parse(pending[0].createdAt) <= Date.parse(message.at)) items.push(this.ticketLine(pending.shift()!));
      items.push(transcriptItem(message, true));
    }
    items.push(...pending.map((ticket) => this.ticketLine(ticket)));
    return items;
  }

  private ticketLine(ticket: HistoryConversation['tickets'][number]): HTMLElement {
    const line = el('li', 'tmsg tmsg--system tmsg--ticket', t('ticketOpened', { id: ticket.id, reason: label('reason', ticket.reason) }));
    line.dataset.ticket = ticket.id;
    if (ticket.id === this.reading?.ticketId) line.classList.add('tmsg--target');
    return line;
  }
}
