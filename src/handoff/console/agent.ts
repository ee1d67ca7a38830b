// The agent console. Plain DOM; every text goes in with textContent, never as HTML.
import { el, listen } from '../../browser/sse.js';

interface Message { id: string; seq: number; from: 'player' | 'bot' | 'agent' | 'system'; text: string; at: string; author?: string }
interface Ticket {
  id: string; reason: string; status: 'queued' | 'assigned' | 'resolved'; channel: string; locale: string; summary: string;
  facts: Record<string, string>; createdAt: string; agentId?: string; agentName?: string; ackDueAt?: string; finalDueAt?: string;
}
interface QueueEntry { ticket: Ticket; position?: number; waitingSeconds: number }
interface TicketView {
  ticket: Ticket; position?: number; transcript: Message[];
  notes: Array<{ at: string; agentName: string; text: string }>;
  suggestions: Array<{ title: string; heading: string; text: string }>;
  conversation: { name?: string; mode: string };
  assist?: { summary: string; draft: string; citations: Array<{ title: string }> };
}
interface Agent { id: string; name: string; email: string }

const TOKEN_KEY = 'pitboss.agent.token';
const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const REASON_LABEL: Record<string, string> = {
  responsible_gambling: 'Responsible gambling', dispute: 'Dispute', technical_failure: 'Technical failure',
  account_specific: 'Account', requested: 'Requested', unresolved: 'Unresolved',
};

let token: string | null = sessionStorage.getItem(TOKEN_KEY);
let me: Agent | null = JSON.parse(sessionStorage.getItem(`${TOKEN_KEY}.agent`) ?? 'null') as Agent | null;
let openTicketId: string | null = null;
let stopEvents: (() => void) | null = null;
let queueCache: QueueEntry[] = [];

class ApiError extends Error {
  constructor(readonly status: number, message: string) { super(message); }
}

async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = {};
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  if (response.status === 401 && path !== '/api/agent/login') logout();
  if (response.status === 204) return undefined as T;
  const data = (await response.json().catch(() => ({}))) as { message?: string };
  if (!response.ok) throw new ApiError(response.status, data.message ?? response.statusText);
  return data as T;
}

function duration(seconds: number): string {
  if (seconds < 60) return `${seconds}s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)}m`;
  if (seconds < 48 * 3600) return `${Math.floor(seconds / 3600)}h ${Math.floor((seconds % 3600) / 60)}m`;
  return `${Math.floor(seconds / 86400)}d ${Math.floor((seconds % 86400) / 3600)}h`;
}

function due(label: string, iso: string | undefined): HTMLElement | null {
  if (!iso) return null;
  const left = Date.parse(iso) - Date.now();
  const text = left > 0 ? `${label} due in ${duration(Math.round(left / 1000))}` : `${label} OVERDUE`;
  return el('span', 'due', `${text} (${new Date(iso).toLocaleString()})`);
}

function badge(reason: string): HTMLElement {
  return el('span', `badge badge--${reason}`, REASON_LABEL[reason] ?? reason);
}

// ---------- alerts ----------
function beep(): void {
  try {
    const audio = new AudioContext();
    const tone = audio.createOscillator();
    tone.frequency.value = 880;
    tone.connect(audio.destination);
    tone.start();
    tone.stop(audio.currentTime + 0.15);
  } catch {
    // no audio device: the visual alert is enough
  }
}

function alertAgent(title: string, body: string): void {
  beep();
  document.title = `● ${title}`;
  if ('Notification' in window && Notification.permission === 'granted') new Notification(title, { body });
}

// ---------- queue ----------
async function loadQueue(): Promise<void> {
  const { tickets } = await api<{ tickets: QueueEntry[] }>('GET', '/api/agent/queue');
  queueCache = tickets;
  renderQueue();
}

function renderQueue(): void {
  const list = $('queue');
  const waiting = queueCache.filter((e) => e.ticket.status === 'queued').length;
  $('queue-count').textContent = `(${waiting} waiting)`;
  list.replaceChildren(
    ...queueCache.map((entry) => {
      const { ticket } = entry;
      const item = el('li', 'qitem');
      item.dataset.ticket = ticket.id;
      if (ticket.id === openTicketId) item.classList.add('qitem--active');
      if (ticket.agentId === me?.id) item.classList.add('qitem--mine');
      const top = el('div', 'qitem__top');
      top.append(el('strong', undefined, ticket.id), badge(ticket.reason));
      const meta = el(
        'div',
        'qitem__meta',
        [
          entry.position ? `#${entry.position}` : ticket.agentName ? `with ${ticket.agentName}` : ticket.status,
          ticket.locale.toUpperCase(),
          ticket.channel,
          `waiting ${duration(entry.waitingSeconds)}`,
        ].join(' · '),
      );
      item.append(top, meta, el('div', 'qitem__summary', ticket.summary));
      const ack = due('Acknowledgement', ticket.ackDueAt);
      if (ack && ticket.status !== 'resolved') item.append(ack);
      item.addEventListener('click', () => void openTicket(ticket.id));
      return item;
    }),
  );
}

// ---------- ticket ----------
function transcriptItem(message: Message): HTMLElement {
  const item = el('li', `tmsg tmsg--${message.from}`);
  const who = message.from === 'agent' ? (message.author ?? 'Agent') : message.from === 'player' ? 'Player' : message.from === 'bot' ? 'Bot' : 'System';
  item.append(el('span', 'tmsg__who', `${who} · ${new Date(message.at).toLocaleTimeString()}`), document.createTextNode(message.text));
  item.dataset.seq = String(message.seq);
  return item;
}

function renderTicket(view: TicketView): void {
  const { ticket } = view;
  const mine = ticket.status === 'assigned' && ticket.agentId === me?.id;
  const pane = $('ticket');
  const head = el('div', 'ticket__head');
  head.append(el('h2', undefined, ticket.id), badge(ticket.reason), el('span', undefined, `${ticket.status}${ticket.agentName ? ` · ${ticket.agentName}` : ''} · ${ticket.channel} · ${ticket.locale.toUpperCase()}${view.conversation.name ? ` · ${view.conversation.name}` : ''}`));
  const actions = el('div', 'ticket__actions');
  const button = (label: string, run: () => Promise<unknown>, primary = false) => {
    const b = el('button', primary ? 'primary' : undefined, label);
    b.type = 'button';
    b.addEventListener('click', () => void run().catch((error: unknown) => alert(error instanceof Error ? error.message : String(error))));
    return b;
  };
  if (ticket.status === 'queued') actions.append(button('Claim', () => claim(ticket.id), true));
  if (mine) {
    actions.append(
      button('Release', async () => { await api('POST', `/api/agent/tickets/${ticket.id}/release`); await refresh(); }),
      button('Resolve', async () => { await api('POST', `/api/agent/tickets/${ticket.id}/resolve`); await refresh(); }, true),
    );
  }
  const exportLink = el('a', undefined, 'Export case file');
  exportLink.href = '#';
  exportLink.addEventListener('click', (event) => {
    event.preventDefault();
    void downloadCase(ticket.id);
  });
  actions.append(exportLink);
  head.append(actions);

  const summary = el('section', 'card');
  summary.append(el('h3', undefined, "Bot's summary"), el('p', undefined, ticket.summary));
  const ackDue = due('Acknowledgement', ticket.ackDueAt);
  const finalDue = due('Final response', ticket.finalDueAt);
  for (const clock of [ackDue, finalDue]) if (clock) summary.append(el('div'), clock);

  const facts = el('section', 'card');
  facts.append(el('h3', undefined, 'Collected facts'));
  const entries = Object.entries(ticket.facts);
  if (entries.length === 0) facts.append(el('p', 'empty', 'None collected.'));
  else {
    const dl = el('dl', 'facts');
    for (const [key, value] of entries) dl.append(el('dt', undefined, key), el('dd', undefined, value));
    facts.append(dl);
  }

  const transcript = el('section', 'card');
  const list = el('ol', 'transcript');
  list.id = 'transcript';
  list.append(...view.transcript.map(transcriptItem));
  transcript.append(el('h3', undefined, 'Transcript'), list);

  const reply = el('section', 'card');
  reply.append(el('h3', undefined, mine ? 'Reply to the player' : 'Claim the ticket to reply'));
  const form = el('form', 'composer');
  const textarea = el('textarea');
  textarea.id = 'reply-text';
  textarea.disabled = !mine;
  textarea.placeholder = 'Write a reply…';
  const send = el('button', 'primary', 'Send');
  send.type = 'submit';
  send.disabled = !mine;
  form.append(textarea, send);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const text = textarea.value.trim();
    if (!text) return;
    void api('POST', `/api/agent/tickets/${ticket.id}/messages`, { text })
      .then(() => { textarea.value = ''; })
      .catch((error: unknown) => alert(error instanceof Error ? error.message : String(error)));
  });
  reply.append(form);

  const suggestions = el('section', 'card');
  suggestions.append(el('h3', undefined, 'Suggested replies from the knowledge base'));
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
  if (view.suggestions.length === 0) suggestionList.append(el('li', 'empty', 'No suggestions for the last message.'));
  suggestions.append(suggestionList);

  if (view.assist) {
    const draft = view.assist.draft;
    summary.append(el('h3', undefined, 'AI summary'), el('p', undefined, view.assist.summary));
    const use = el('button', undefined, 'Use the AI draft reply');
    use.type = 'button';
    use.disabled = !mine;
    use.addEventListener('click', () => {
      textarea.value = draft;
      textarea.focus();
    });
    const sources = view.assist.citations.map((c) => c.title).join(', ');
    suggestions.prepend(el('h3', undefined, 'AI draft reply'), el('p', undefined, draft), ...(sources ? [el('p', 'empty', `Sources: ${sources}`)] : []), use);
  }

  const notes = el('section', 'card');
  notes.append(el('h3', undefined, 'Internal notes (never shown to the player)'));
  const noteList = el('ul', 'notes');
  noteList.append(...view.notes.map((note) => el('li', undefined, `${note.agentName}, ${new Date(note.at).toLocaleString()}: ${note.text}`)));
  const noteForm = el('form', 'composer');
  const noteText = el('textarea');
  noteText.id = 'note-text';
  noteText.placeholder = 'Add a note for the team…';
  const addNote = el('button', undefined, 'Add note');
  addNote.type = 'submit';
  noteForm.append(noteText, addNote);
  noteForm.addEventListener('submit', (event) => {
    event.preventDefault();
    const text = noteText.value.trim();
    if (!text) return;
    void api('POST', `/api/agent/tickets/${ticket.id}/notes`, { text }).then(() => openTicket(ticket.id));
  });
  notes.append(noteList, noteForm);

  pane.replaceChildren(head, summary, facts, transcript, reply, suggestions, notes);
  list.scrollTop = list.scrollHeight;
}

async function openTicket(id: string): Promise<void> {
  openTicketId = id;
  renderTicket(await api<TicketView>('GET', `/api/agent/tickets/${id}`));
  renderQueue();
}

async function claim(id?: string): Promise<void> {
  try {
    const view = await api<TicketView>('POST', id ? `/api/agent/tickets/${id}/claim` : '/api/agent/claim');
    openTicketId = view.ticket.id;
    renderTicket(view);
    await loadQueue();
  } catch (error) {
    alert(error instanceof Error ? error.message : String(error));
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

function appendLive(ticketId: string, message: Message): void {
  if (ticketId !== openTicketId) return;
  const list = document.getElementById('transcript');
  if (!list || list.querySelector(`[data-seq="${message.seq}"]`)) return;
  list.append(transcriptItem(message));
  list.scrollTop = list.scrollHeight;
}

// ---------- session ----------
function logout(): void {
  stopEvents?.();
  token = null;
  me = null;
  sessionStorage.removeItem(TOKEN_KEY);
  sessionStorage.removeItem(`${TOKEN_KEY}.agent`);
  $('app').hidden = true;
  $('login').hidden = false;
}

function startEvents(): void {
  stopEvents?.();
  stopEvents = listen({
    url: '/api/agent/events',
    token: () => token,
    onStatus: (status) => {
      $('live').textContent = status === 'online' ? 'Live' : 'Reconnecting…';
    },
    onUnauthorized: logout,
    onEvent: (event, data) => {
      if (event === 'message') {
        const { ticketId, message } = JSON.parse(data) as { ticketId: string; message: Message };
        appendLive(ticketId, message);
      }
      if (event === 'queue') {
        const change = JSON.parse(data) as { type: string; ticketId: string; reason?: string };
        if (['ticket.created', 'ticket.alert', 'ticket.returned', 'ticket.escalated'].includes(change.type)) {
          const title = { 'ticket.alert': 'Still waiting', 'ticket.escalated': 'Escalated', 'ticket.returned': 'Back in the queue' }[change.type] ?? 'New ticket';
          alertAgent(`${title}: ${change.ticketId}`, REASON_LABEL[change.reason ?? ''] ?? 'A player needs help');
        }
        void loadQueue();
        if (change.ticketId === openTicketId && change.type !== 'ticket.activity') void openTicket(change.ticketId);
      }
    },
  });
}

async function enterApp(): Promise<void> {
  $('login').hidden = true;
  $('app').hidden = false;
  $('me').textContent = me ? `${me.name} <${me.email}>` : '';
  await loadQueue();
  startEvents();
}

$('login-form').addEventListener('submit', (event) => {
  event.preventDefault();
  $('login-error').textContent = '';
  void api<{ token: string; agent: Agent }>('POST', '/api/agent/login', {
    email: $<HTMLInputElement>('email').value,
    password: $<HTMLInputElement>('password').value,
  })
    .then(async (result) => {
      token = result.token;
      me = result.agent;
      sessionStorage.setItem(TOKEN_KEY, token);
      sessionStorage.setItem(`${TOKEN_KEY}.agent`, JSON.stringify(me));
      await enterApp();
    })
    .catch((error: unknown) => {
      $('login-error').textContent = error instanceof Error ? error.message : String(error);
    });
});
$('take-next').addEventListener('click', () => void claim());
$('logout').addEventListener('click', logout);
$('enable-alerts').addEventListener('click', () => void Notification.requestPermission());
window.addEventListener('focus', () => {
  document.title = 'Pitboss — Agent console';
});
// Tokens are short-lived: renew while the console is open.
setInterval(() => {
  if (token) void api<{ token: string }>('POST', '/api/agent/token').then((result) => {
    token = result.token;
    sessionStorage.setItem(TOKEN_KEY, token);
  });
}, 20 * 60 * 1000);
setInterval(() => {
  for (const entry of queueCache) entry.waitingSeconds += 15;
  if (queueCache.length > 0) renderQueue();
}, 15_000);

if (token && me) void enterApp().catch(logout);
else logout();
