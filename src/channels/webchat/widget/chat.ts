// The player's chat page. Plain DOM, no framework; every text is set with textContent (never HTML).

interface Citation { id: string; title: string; locale: string }
interface Action { title: string; value: string }
interface Handoff { reason: string; status: string; ticketId?: string; position?: number; etaSeconds?: number }
interface Message {
  id: string; seq: number; from: 'player' | 'bot' | 'agent' | 'system'; text: string; locale: string; at: string;
  author?: string; clientMessageId?: string; citations?: Citation[]; actions?: Action[]; handoff?: Handoff;
}
interface Session { conversationId: string; token: string }

const STORAGE_KEY = 'pitboss.webchat.session';
const log = document.getElementById('log') as HTMLOListElement;
const form = document.getElementById('composer') as HTMLFormElement;
const input = document.getElementById('text') as HTMLTextAreaElement;
const sendButton = document.getElementById('send') as HTMLButtonElement;
const actionsBar = document.getElementById('actions') as HTMLDivElement;
const typing = document.getElementById('typing') as HTMLDivElement;
const banner = document.getElementById('banner') as HTMLDivElement;
const connection = document.getElementById('connection') as HTMLSpanElement;
const newChat = document.getElementById('new-chat') as HTMLButtonElement;

const rendered = new Map<number, HTMLLIElement>();
let session: Session | null = null;
let lastSeq = 0;
let stream: AbortController | null = null;

class HttpError extends Error {
  constructor(readonly status: number, message: string) { super(message); }
}

function browserLocale(): string {
  const lang = (navigator.language || 'en').slice(0, 2).toLowerCase();
  return ['en', 'ru', 'az', 'tr'].includes(lang) ? lang : 'en';
}

async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = {};
  if (session) headers.authorization = `Bearer ${session.token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const data = await response.json().catch(() => ({}));
  if (!response.ok) throw new HttpError(response.status, (data as { message?: string }).message ?? response.statusText);
  return data as T;
}

async function createSession(): Promise<void> {
  session = null;
  const params = new URLSearchParams(location.search);
  session = await api<Session>('POST', '/api/webchat/sessions', { locale: params.get('locale') ?? browserLocale() });
  localStorage.setItem(STORAGE_KEY, JSON.stringify(session));
}

function formatEta(seconds: number): string {
  return seconds < 90 ? `${Math.max(1, Math.round(seconds / 10) * 10)} s` : `${Math.round(seconds / 60)} min`;
}

function showHandoff(handoff: Handoff | undefined): void {
  if (!handoff || handoff.status === 'resolved') { banner.hidden = true; return; }
  const parts = [handoff.ticketId ? `Ticket ${handoff.ticketId}` : 'Connecting you to an agent'];
  if (handoff.status === 'queued' && handoff.position) parts.push(`position ${handoff.position} in queue`);
  if (handoff.status === 'queued' && handoff.etaSeconds) parts.push(`about ${formatEta(handoff.etaSeconds)}`);
  if (handoff.status === 'assigned') parts.push('an agent is with you');
  banner.textContent = parts.join(' · ');
  banner.hidden = false;
}

function showActions(actions: Action[] | undefined): void {
  actionsBar.replaceChildren();
  for (const action of actions ?? []) {
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = action.title;
    button.addEventListener('click', () => void send(action.value));
    actionsBar.append(button);
  }
}

function messageElement(message: Pick<Message, 'from' | 'text' | 'author' | 'citations' | 'at'>): HTMLLIElement {
  const item = document.createElement('li');
  item.className = `msg msg--${message.from}`;
  if (message.from === 'agent') {
    const author = document.createElement('span');
    author.className = 'msg__author';
    author.textContent = message.author ? `${message.author} · agent` : 'Agent';
    item.append(author);
  }
  item.append(document.createTextNode(message.text));
  if (message.citations?.length) {
    const sources = document.createElement('span');
    sources.className = 'msg__sources';
    sources.textContent = `Source: ${message.citations.map((c) => c.title).join(', ')}`;
    item.append(sources);
  }
  const meta = document.createElement('span');
  meta.className = 'msg__meta';
  meta.textContent = new Date(message.at).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  item.append(meta);
  return item;
}

function insertInOrder(seq: number, element: HTMLLIElement): void {
  const later = [...rendered.entries()].filter(([s]) => s > seq).sort(([a], [b]) => a - b)[0];
  if (later) log.insertBefore(element, later[1]);
  else log.append(element);
}

function render(message: Message): void {
  if (rendered.has(message.seq)) return;
  if (message.clientMessageId) document.querySelector(`[data-client-id="${CSS.escape(message.clientMessageId)}"]`)?.remove();
  const element = messageElement(message);
  element.dataset.seq = String(message.seq);
  insertInOrder(message.seq, element);
  rendered.set(message.seq, element);
  if (message.seq > lastSeq) {
    lastSeq = message.seq;
    if (message.from !== 'player') showActions(message.actions);
    if (message.handoff) showHandoff(message.handoff);
  }
  log.scrollTop = log.scrollHeight;
}

async function loadHistory(): Promise<void> {
  const { messages } = await api<{ messages: Message[] }>('GET', `/api/webchat/messages?after=${lastSeq}`);
  for (const message of messages) render(message);
}

function parseFrame(frame: string): void {
  let event = 'message';
  let data = '';
  for (const line of frame.split('\n')) {
    if (line.startsWith('event:')) event = line.slice(6).trim();
    else if (line.startsWith('data:')) data += line.slice(5).trim();
  }
  if (event === 'ready') connection.textContent = 'Online';
  if (event === 'message' && data) render(JSON.parse(data) as Message);
}

/** Server-Sent Events over fetch, so the token travels in a header rather than the URL. */
async function listen(): Promise<void> {
  stream?.abort();
  const controller = new AbortController();
  stream = controller;
  for (;;) {
    try {
      const response = await fetch('/api/webchat/events', {
        headers: { authorization: `Bearer ${session?.token}`, 'last-event-id': String(lastSeq) },
        signal: controller.signal,
      });
      if (response.status === 401) { await restart(); return; }
      if (!response.ok || !response.body) throw new Error(`events: ${response.status}`);
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        let boundary = buffer.indexOf('\n\n');
        while (boundary >= 0) {
          parseFrame(buffer.slice(0, boundary));
          buffer = buffer.slice(boundary + 2);
          boundary = buffer.indexOf('\n\n');
        }
      }
    } catch {
      if (controller.signal.aborted) return;
    }
    connection.textContent = 'Reconnecting…';
    await new Promise((resolve) => setTimeout(resolve, 2000));
  }
}

function pendingElement(text: string, clientMessageId: string): HTMLLIElement {
  const element = messageElement({ from: 'player', text, at: new Date().toISOString() });
  element.classList.add('msg--pending');
  element.dataset.clientId = clientMessageId;
  log.append(element);
  log.scrollTop = log.scrollHeight;
  return element;
}

async function send(text: string, clientMessageId = crypto.randomUUID(), existing?: HTMLLIElement): Promise<void> {
  const trimmed = text.trim();
  if (!trimmed || !session) return;
  const element = existing ?? pendingElement(trimmed, clientMessageId);
  element.classList.remove('msg--failed');
  element.querySelector('.msg__retry')?.remove();
  showActions([]);
  typing.hidden = false;
  try {
    const result = await api<{ messageId: string; replies: Message[] }>('POST', '/api/webchat/messages', { text: trimmed, clientMessageId });
    await loadHistory();
    for (const reply of result.replies) render(reply);
  } catch (error) {
    element.classList.add('msg--failed');
    const retry = document.createElement('button');
    retry.type = 'button';
    retry.className = 'msg__retry';
    retry.textContent = 'Retry';
    retry.title = error instanceof Error ? error.message : 'Not sent';
    retry.addEventListener('click', () => void send(trimmed, clientMessageId, element));
    element.append(retry);
  } finally {
    typing.hidden = true;
  }
}

async function restart(): Promise<void> {
  localStorage.removeItem(STORAGE_KEY);
  log.replaceChildren();
  rendered.clear();
  lastSeq = 0;
  showActions([]);
  showHandoff(undefined);
  await start();
}

async function start(): Promise<void> {
  const saved = localStorage.getItem(STORAGE_KEY);
  session = saved ? (JSON.parse(saved) as Session) : null;
  if (!session) await createSession();
  try {
    await loadHistory();
  } catch (error) {
    if (error instanceof HttpError && (error.status === 401 || error.status === 404)) {
      await createSession();
      await loadHistory();
    } else throw error;
  }
  void listen();
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  const text = input.value;
  input.value = '';
  void send(text);
});
input.addEventListener('keydown', (event) => {
  if (event.key === 'Enter' && !event.shiftKey) {
    event.preventDefault();
    form.requestSubmit();
  }
});
newChat.addEventListener('click', () => void restart());

start().catch((error: unknown) => {
  connection.textContent = 'Offline — please reload';
  sendButton.disabled = true;
  console.error(error);
});
