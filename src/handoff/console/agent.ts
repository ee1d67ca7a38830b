// The agent console. Plain DOM; every text goes in with textContent, never as HTML.
import { el, listen } from '../../browser/sse.js';
import { PageTitle } from './alerts.js';
import { type Api, agentApi, LOGIN_PATH } from './api.js';
import { complaintClocks } from './clock.js';
import { CALL_FACTS, callbackCard } from './callback-card.js';
import { earlierCard } from './earlier.js';
import { playerCard } from './player-panel.js';
import type { PlayerPanel } from '../player-panel.js';
import { HistoryTab } from './history.js';
import { dateTime, label, type TextKey, t, translatePage, uiLocale, useLocale } from './i18n.js';
import { InlineError } from './inline-error.js';
import { QueueLists } from './queue-lists.js';
import { ReplyWarning } from './reply-warning.js';
import { reasonBadge } from './ticket-labels.js';
import { transcriptItem } from './transcript.js';
import type { Agent, Message, QueueEntry, TicketView } from './types.js';
import { UnreadCounts } from './unread.js';
import { type TeamReply, teamReplyPicker } from './replies.js';
import { storedSession } from './stored-session.js';
import { type Roster, transferControl } from './transfer.js';

/** The queue changes that need someone, and what the alert calls them. */
const ALERTS: Record<string, TextKey> = {
  'ticket.created': 'alertNew',
  'ticket.alert': 'alertStillWaiting',
  'ticket.escalated': 'alertEscalated',
  'ticket.returned': 'alertReturned',
  'ticket.released': 'alertReturned',
  'ticket.transferred': 'alertTransferred',
};
const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

let token: string | null = storedSession.token();
let me: Agent | null = storedSession.agent();
let openTicketId: string | null = null;
let shownView: TicketView | null = null;
let stopEvents: (() => void) | null = null;
let queueCache: QueueEntry[] = [];
let live: 'connecting' | 'live' | 'reconnecting' = 'connecting';

const api: Api = agentApi({ token: () => token, onUnauthorized: () => logout() });
const unread = new UnreadCounts();
const title = new PageTitle(unread);
const queueLists = new QueueLists();
const historyTab = new HistoryTab(api);
// Where failures are told, next to what failed: the header's and the lists' actions, the open ticket's actions, its reply and its notes.
const barError = new InlineError($('bar-error'));
const queueError = new InlineError($('queue-error'));
const ticketError = new InlineError();
const replyError = new InlineError();
// How the last reply went out, when the agent should know (a messenger's HUMAN_AGENT tag).
const replyWarning = new ReplyWarning();
const noteError = new InlineError();

// ---------- queue ----------
async function loadQueue(): Promise<void> {
  const { tickets } = await api<{ tickets: QueueEntry[] }>('GET', '/api/agent/queue');
  queueCache = tickets;
  unread.keepOnly(new Set(tickets.filter((entry) => entry.ticket.status === 'assigned' && entry.ticket.agentId === me?.id).map((entry) => entry.ticket.id)));
  title.render();
  renderQueue();
}

function renderQueue(): void {
  queueLists.render(queueCache, {
    agentId: me?.id,
    openTicketId,
    unread,
    open: (ticketId) => {
      void queueError.attempt(async () => {
        await openTicket(ticketId);
        // On a phone the ticket is below the lists.
        if (matchMedia('(max-width: 800px)').matches) $('ticket').scrollIntoView({ block: 'start' });
      });
    },
  });
}

// ---------- ticket ----------
function renderTicket(view: TicketView): void {
  const { ticket } = view;
  const mine = ticket.status === 'assigned' && ticket.agentId === me?.id;
  const pane = $('ticket');
  // Drawn again for the same ticket (it changed, or the language did): what the agent was typing stays.
  const drafts = shownView?.ticket.id === ticket.id ? { reply: $<HTMLTextAreaElement>('reply-text')?.value, note: $<HTMLTextAreaElement>('note-text')?.value } : {};
  shownView = view;
  const head = el('div', 'ticket__head');
  const who = [label('status', ticket.status), ticket.agentName, label('channel', ticket.channel), ticket.locale.toUpperCase(), view.conversation.name].filter(Boolean).join(' · ');
  head.append(el('h2', undefined, ticket.id), reasonBadge(ticket.reason), el('span', undefined, who));
  const actions = el('div', 'ticket__actions');
  const button = (text: string, run: () => Promise<unknown>, primary = false) => {
    const b = el('button', primary ? 'primary' : undefined, text);
    b.type = 'button';
    b.addEventListener('click', () => void ticketError.attempt(run));
    return b;
  };
  if (ticket.status === 'queued') actions.append(button(t('claim'), () => claimTicket(ticket.id), true));
  if (mine) {
    actions.append(
      button(t('release'), async () => { await api('POST', `/api/agent/tickets/${ticket.id}/release`); await refresh(); }),
      button(t('resolve'), async () => { await api('POST', `/api/agent/tickets/${ticket.id}/resolve`); await refresh(); }, true),
    );
  }
  if (mine || (me?.role === 'supervisor' && ticket.status !== 'resolved')) {
    actions.append(
      transferControl(ticket, {
        myId: me?.id,
        roster: () => api<Roster>('GET', '/api/agent/team'),
        transfer: async (to) => {
          await api('POST', `/api/agent/tickets/${ticket.id}/transfer`, { to });
          await refresh();
        },
        attempt: (run) => ticketError.attempt(run),
      }),
    );
  }
  const exportLink = el('a', undefined, t('exportCase'));
  exportLink.href = '#';
  exportLink.addEventListener('click', (event) => {
    event.preventDefault();
    void ticketError.attempt(() => downloadCase(ticket.id));
  });
  actions.append(exportLink);
  head.append(actions, ticketError.element);

  const summary = el('section', 'card');
  summary.append(el('h3', undefined, t('botSummary')), el('p', undefined, ticket.summary));
  const clocks = complaintClocks(ticket);
  if (clocks.length > 0) {
    const clockList = el('div', 'clocks');
    clockList.append(...clocks);
    summary.append(clockList);
  }

  const facts = el('section', 'card');
  facts.append(el('h3', undefined, t('facts')));
  const entries = Object.entries(ticket.facts).filter(([key]) => !CALL_FACTS.includes(key));
  if (entries.length === 0) facts.append(el('p', 'empty', t('noFacts')));
  else {
    const dl = el('dl', 'facts');
    for (const [key, value] of entries) dl.append(el('dt', undefined, key), el('dd', undefined, value));
    facts.append(dl);
  }

  const call = callbackCard(ticket, {
    mine,
    record: async (outcome, window) => {
      await api('POST', `/api/agent/tickets/${ticket.id}/callback`, { outcome, ...(window ? { window } : {}) });
      await refresh();
    },
    attempt: (run) => ticketError.attempt(run),
  });

  const transcript = el('section', 'card');
  const list = el('ol', 'transcript');
  list.id = 'transcript';
  // What the player writes while it is open is read out; focusable, so it scrolls by keyboard.
  list.setAttribute('aria-live', 'polite');
  list.setAttribute('aria-labelledby', 'transcript-title');
  list.tabIndex = 0;
  list.append(...view.transcript.map((message) => transcriptItem(message)));
  const heading = el('h3', undefined, t('transcript'));
  heading.id = 'transcript-title';
  transcript.append(heading, list);

  const reply = el('section', 'card');
  reply.append(el('h3', undefined, mine ? t('replyTitle') : t('claimToReply')));
  const form = el('form', 'composer');
  const textarea = el('textarea');
  textarea.id = 'reply-text';
  textarea.disabled = !mine;
  textarea.placeholder = t('replyPlaceholder');
  textarea.value = drafts.reply ?? '';
  const hint = el('small', 'composer__hint', t('replyHint'));
  hint.id = 'reply-hint';
  textarea.setAttribute('aria-describedby', hint.id);
  const send = el('button', 'primary', t('send'));
  send.type = 'submit';
  send.disabled = !mine;
  const attach = el('button', undefined, t('sendFile'));
  attach.type = 'button';
  attach.disabled = !mine;
  const picker = el('input');
  picker.id = 'reply-file';
  picker.type = 'file';
  picker.accept = 'image/png,image/jpeg,image/gif,image/webp,application/pdf';
  picker.hidden = true;
  attach.addEventListener('click', () => picker.click());
  picker.addEventListener('change', () => {
    const file = picker.files?.[0];
    picker.value = '';
    if (!file) return;
    const body = new FormData();
    body.append('text', textarea.value.trim());
    body.append('file', file, file.name);
    void replyError.attempt(async () => {
      await postFromBox(textarea, ticket.id, () => api('POST', `/api/agent/tickets/${ticket.id}/attachments`, body).then((sent) => replyWarning.show(sent)));
    });
  });
  form.append(textarea, send, attach, picker);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const text = textarea.value.trim();
    if (!text || send.disabled) return;
    send.disabled = true;
    void replyError
      .attempt(async () => {
        await postFromBox(textarea, ticket.id, () => api('POST', `/api/agent/tickets/${ticket.id}/messages`, { text }).then((sent) => replyWarning.show(sent)));
        // The first reply acknowledges a complaint: the ticket as it is now shows that clock stopped.
        if (ticket.ackDueAt && !ticket.firstReplyAt) await openTicket(ticket.id);
      })
      .finally(() => {
        send.disabled = false;
        $('reply-text')?.focus();
      });
  });
  reply.append(
    form,
    teamReplyPicker(textarea, {
      locale: ticket.locale,
      values: { 'player.name': view.conversation.name, 'agent.name': me?.name, 'ticket.id': ticket.id },
      load: () => api<{ replies: TeamReply[] }>('GET', '/api/agent/replies').then((result) => result.replies),
    }),
  );
  reply.append(...(mine ? [hint] : []), replyError.element, replyWarning.element);
  // Enter sends and Shift+Enter adds a line; an Enter that ends an IME composition, or that a team reply's list took, does not send.
  textarea.addEventListener('keydown', (event) => {
    if (event.key !== 'Enter' || event.shiftKey || event.isComposing || event.keyCode === 229 || event.defaultPrevented) return;
    event.preventDefault();
    form.requestSubmit();
  });

  const suggestions = el('section', 'card');
  suggestions.append(el('h3', undefined, t('suggestions')));
  const suggestionList = el('ul', 'suggestions');
  for (const suggestion of view.suggestions) {
    const item = el('li');
    const pick = el('button');
    pick.type = 'button';
    pick.append(el('strong', undefined, suggestion.heading), el('small', undefined, `${suggestion.title} — ${suggestion.text.slice(0, 160)}…`));
    pick.addEventListener('click', () => {
      textarea.value = textarea.value ? `${textarea.value}\n\n${suggestion.text}` : suggestion.text;
      textarea.focus();
    });
    item.append(pick);
    suggestionList.append(item);
  }
  if (view.suggestions.length === 0) suggestionList.append(el('li', 'empty', t('noSuggestions')));
  suggestions.append(suggestionList);

  if (view.assist) {
    const draft = view.assist.draft;
    summary.append(el('h3', undefined, t('aiSummary')), el('p', undefined, view.assist.summary));
    const use = el('button', undefined, t('useDraft'));
    use.type = 'button';
    use.disabled = !mine;
    use.addEventListener('click', () => {
      textarea.value = draft;
      textarea.focus();
    });
    const sources = view.assist.citations.map((c) => c.title).join(', ');
    suggestions.prepend(el('h3', undefined, t('aiDraft')), el('p', undefined, draft), ...(sources ? [el('p', 'empty', t('sources', { list: sources }))] : []), use);
  }

  const notes = el('section', 'card');
  notes.append(el('h3', undefined, t('notes')));
  const noteList = el('ul', 'notes');
  noteList.append(...view.notes.map((note) => el('li', undefined, t('noteLine', { name: note.agentName, time: dateTime(note.at), text: note.text }))));
  const noteForm = el('form', 'composer');
  const noteText = el('textarea');
  noteText.id = 'note-text';
  noteText.placeholder = t('notePlaceholder');
  noteText.value = drafts.note ?? '';
  const addNote = el('button', undefined, t('addNote'));
  addNote.type = 'submit';
  noteForm.append(noteText, addNote);
  noteForm.addEventListener('submit', (event) => {
    event.preventDefault();
    const text = noteText.value.trim();
    if (!text) return;
    void noteError.attempt(async () => {
      await postFromBox(noteText, ticket.id, () => api('POST', `/api/agent/tickets/${ticket.id}/notes`, { text }));
      await openTicket(ticket.id);
    });
  });
  notes.append(noteList, noteForm, noteError.element);

  const earlier = earlierCard(view.earlier, (conversationKey, ticketId) => {
    showTab('history');
    void historyTab.read(conversationKey, ticketId);
  });
  const playerId = view.conversation.playerId;
  const player = playerId ? playerCard(playerId, (fresh) => api<PlayerPanel>('GET', `/api/agent/tickets/${ticket.id}/player?fresh=${fresh}`), (run) => ticketError.attempt(run)) : null;
  pane.replaceChildren(head, summary, ...(call ? [call] : []), facts, ...(player ? [player] : []), ...(earlier ? [earlier] : []), transcript, reply, suggestions, notes);
  list.scrollTop = list.scrollHeight;
}

/**
 * Posts what a box of the open ticket holds, emptying it at once: the ticket may be drawn again
 * (news about it) before the server answers, and must not bring the sent text back. Refused, the
 * text goes back into the box, unless the agent has typed something new there meanwhile.
 */
async function postFromBox(box: HTMLTextAreaElement, ticketId: string, post: () => Promise<unknown>): Promise<void> {
  const text = box.value;
  box.value = '';
  try {
    await post();
  } catch (error) {
    const current = document.getElementById(box.id) as HTMLTextAreaElement | null;
    if (current && openTicketId === ticketId && !current.value) current.value = text;
    throw error;
  }
}

async function openTicket(id: string): Promise<void> {
  if (id !== openTicketId) for (const notice of [ticketError, replyError, noteError, replyWarning]) notice.clear();
  openTicketId = id;
  const view = await api<TicketView>('GET', `/api/agent/tickets/${id}`);
  // Opening a ticket reads its messages; one closed meanwhile is not drawn over the one now open.
  if (openTicketId !== id) return;
  unread.read(id);
  title.render();
  renderTicket(view);
  renderQueue();
}

/** Takes a ticket, this one or the next in line, and opens it. */
async function claim(id?: string): Promise<void> {
  const view = await api<TicketView>('POST', id ? `/api/agent/tickets/${id}/claim` : '/api/agent/claim');
  if (view.ticket.id !== openTicketId) for (const error of [ticketError, replyError, noteError]) error.clear();
  openTicketId = view.ticket.id;
  renderTicket(view);
  await loadQueue();
}

/** Claims the open ticket; refused (someone took it first), the view catches up to show who has it. */
async function claimTicket(id: string): Promise<void> {
  try {
    await claim(id);
  } catch (error) {
    await refresh().catch(() => undefined);
    throw error;
  }
}

async function downloadCase(id: string): Promise<void> {
  const data = await api<unknown>('GET', `/api/agent/tickets/${id}/export`);
  const link = document.createElement('a');
  link.href = URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' }));
  link.download = `case-${id}.json`;
  link.click();
  URL.revokeObjectURL(link.href);
}

async function refresh(): Promise<void> {
  await loadQueue();
  if (openTicketId) await openTicket(openTicketId);
}

/** A message in a held ticket: into the transcript if it is open, else counted unread if the player wrote it. */
function liveMessage(ticketId: string, message: Message): void {
  if (ticketId !== openTicketId) {
    if (message.from !== 'player') return;
    unread.add(ticketId, message.seq);
    title.render();
    renderQueue();
    return;
  }
  const list = document.getElementById('transcript');
  if (!list || list.querySelector(`[data-seq="${message.seq}"]`)) return;
  list.append(transcriptItem(message));
  list.scrollTop = list.scrollHeight;
}

function renderLive(): void {
  $('live').textContent = t(live === 'live' ? 'live' : live === 'reconnecting' ? 'reconnecting' : 'connecting');
}

// ---------- tabs and language ----------
function showTab(name: 'tickets' | 'history'): void {
  for (const tab of ['tickets', 'history'] as const) {
    const button = $(`tab-${tab}`);
    button.setAttribute('aria-selected', String(tab === name));
    button.tabIndex = tab === name ? 0 : -1;
    $(`${tab}-panel`).hidden = tab !== name;
  }
  if (name === 'history') historyTab.shown();
}

/** Draws everything in the language just picked. */
function relabel(): void {
  translatePage();
  title.render();
  renderLive();
  renderQueue();
  if (shownView) renderTicket(shownView);
  historyTab.render();
}

// ---------- session ----------
function logout(): void {
  stopEvents?.();
  token = null;
  me = null;
  storedSession.clear();
  $('app').hidden = true;
  $('login').hidden = false;
}

function startEvents(): void {
  stopEvents?.();
  stopEvents = listen({
    url: '/api/agent/events',
    token: () => token,
    onStatus: (status) => {
      live = status === 'online' ? 'live' : 'reconnecting';
      renderLive();
    },
    onUnauthorized: logout,
    onEvent: (event, data) => {
      if (event === 'message') {
        const { ticketId, message } = JSON.parse(data) as { ticketId: string; message: Message };
        liveMessage(ticketId, message);
      }
      if (event === 'queue') {
        const change = JSON.parse(data) as { type: string; ticketId: string; reason?: string; agentId?: string; presence?: 'online' | 'away'; alert?: boolean };
        if (change.type === 'agent.presence') {
          if (change.agentId === me?.id && change.presence) $<HTMLSelectElement>('presence').value = change.presence;
          return;
        }
        // The server says whether this agent is the one to alert: online, and serving the ticket's language and team.
        const alert = change.alert ? ALERTS[change.type] : undefined;
        if (alert) title.alerted(`${t(alert)}: ${change.ticketId}`, change.reason ? label('reason', change.reason) : t('alertNeedsHelp'));
        // A ticket is waiting again: "no tickets are waiting" is no longer so.
        if (change.type === 'ticket.created' || change.type === 'ticket.returned') barError.clear();
        queueError.report(loadQueue());
        if (change.ticketId === openTicketId && change.type !== 'ticket.activity') ticketError.report(openTicket(change.ticketId));
      }
    },
  });
}

async function enterApp(): Promise<void> {
  $('login').hidden = true;
  $('app').hidden = false;
  $('me').textContent = me ? `${me.name} <${me.email}>` : '';
  live = 'connecting';
  renderLive();
  const roster = await api<Roster>('GET', '/api/agent/team');
  const myself = roster.agents.find((agent) => agent.id === me?.id);
  if (me && myself) me.role = myself.role;
  $<HTMLSelectElement>('presence').value = myself?.presence ?? 'online';
  await loadQueue();
  startEvents();
}

$('login-form').addEventListener('submit', (event) => {
  event.preventDefault();
  $('login-error').textContent = '';
  void api<{ token: string; agent: Agent }>('POST', LOGIN_PATH, {
    email: $<HTMLInputElement>('email').value,
    password: $<HTMLInputElement>('password').value,
  })
    .then(async (result) => {
      token = result.token;
      me = result.agent;
      storedSession.save(token, me);
      await enterApp();
    })
    .catch((error: unknown) => {
      $('login-error').textContent = error instanceof Error ? error.message : String(error);
    });
});
$('take-next').addEventListener('click', () => void barError.attempt(() => claim()));
$('presence').addEventListener('change', () => {
  const status = $<HTMLSelectElement>('presence').value;
  void barError.attempt(() => api('POST', '/api/agent/presence', { status }));
});
$('logout').addEventListener('click', logout);
$('enable-alerts').addEventListener('click', () => void Notification.requestPermission());
$('tab-tickets').addEventListener('click', () => showTab('tickets'));
$('tab-history').addEventListener('click', () => showTab('history'));
$('tabs').addEventListener('keydown', (event) => {
  if (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight') return;
  const next = $('tab-tickets').getAttribute('aria-selected') === 'true' ? 'history' : 'tickets';
  showTab(next);
  $(`tab-${next}`).focus();
});
const localePicker = $<HTMLSelectElement>('ui-locale');
localePicker.value = uiLocale();
localePicker.addEventListener('change', () => {
  useLocale(localePicker.value);
  relabel();
});
window.addEventListener('focus', () => title.seen());
// Tokens are short-lived: renew while the console is open.
setInterval(() => {
  if (token) void api<{ token: string }>('POST', '/api/agent/token').then((result) => {
    token = result.token;
    storedSession.save(token);
  });
}, 20 * 60 * 1000);
setInterval(() => {
  for (const entry of queueCache) entry.waitingSeconds += 15;
  if (queueCache.length > 0) renderQueue();
}, 15_000);

translatePage();
title.render();
if (token && me) void enterApp().catch(logout);
else logout();
