// The player's chat page. Plain DOM, no framework; every text is set with textContent (never HTML).
import { listen } from '../../../browser/sse.js';
import { firstSupportedLocale } from '../locale-tag.js';
import { parentSessionStore } from './frame-bridge.js';
import { localSessionStore, memorySessionStore, type Session, type SessionStore } from './session.js';
import { ACCEPTED_TYPES, type AttachmentRef, pendingFileElement, uploadFile } from './files.js';
import { attachmentElement } from '../../../browser/attachments.js';
import { brandColour, inkOn } from '../../../browser/brand-colour.js';
import { formatMessage } from '../../../core/message-format.js';
import { formatEta, QUEUE_PLACE } from '../../../core/queue-wording.js';
import { MAX_TEXT_LENGTH } from '../limits.js';

interface Citation { id: string; title: string; locale: string; url?: string }
interface Action { title: string; value: string }
interface Handoff { reason: string; status: string; ticketId?: string; position?: number; etaSeconds?: number }
interface Message {
  id: string; seq: number; from: 'player' | 'bot' | 'agent' | 'system'; text: string; locale: string; at: string;
  author?: string; clientMessageId?: string; citations?: Citation[]; actions?: Action[]; handoff?: Handoff; attachments?: AttachmentRef[];
}
const log = document.getElementById('log') as HTMLOListElement;
const form = document.getElementById('composer') as HTMLFormElement;
const input = document.getElementById('text') as HTMLTextAreaElement;
const sendButton = document.getElementById('send') as HTMLButtonElement;
const actionsBar = document.getElementById('actions') as HTMLDivElement;
const typing = document.getElementById('typing') as HTMLDivElement;
const banner = document.getElementById('banner') as HTMLDivElement;
const connection = document.getElementById('connection') as HTMLSpanElement;
const newChat = document.getElementById('new-chat') as HTMLButtonElement;
const title = document.getElementById('heading') as HTMLHeadingElement;
const announcer = document.getElementById('announcer') as HTMLDivElement;
const counter = document.getElementById('counter') as HTMLParagraphElement;
const attachButton = document.getElementById('attach') as HTMLButtonElement;
const fileInput = document.getElementById('file') as HTMLInputElement;

// ICU MessageFormat: plurals and numbers as each language writes them.
const UI = {
  en: {
    attach: 'Attach a picture or PDF', title: 'Support', online: 'Online', reconnecting: 'Reconnecting…', offline: 'Offline — please reload', send: 'Send', placeholder: 'Type your question…', newChat: 'New chat', ticket: 'Ticket {id}', connecting: 'Connecting you to an agent',
    position: `${QUEUE_PLACE.en} in the queue`, wait: 'wait {eta}',
    withAgent: 'an agent is with you', source: 'Source', retry: 'Retry', agent: 'agent', sending: 'sending…', notSent: 'Not sent: {reason}',
    charactersLeft: '{n, plural, one {# character left} other {# characters left}}', charactersOver: '{n, plural, one {# character too many} other {# characters too many}}: shorten the message to send it',
  },
  ru: {
    attach: 'Прикрепить фото или PDF', title: 'Поддержка', online: 'В сети', reconnecting: 'Переподключение…', offline: 'Нет связи — обновите страницу', send: 'Отправить', placeholder: 'Напишите вопрос…', newChat: 'Новый чат', ticket: 'Обращение {id}', connecting: 'Соединяем с сотрудником',
    position: `${QUEUE_PLACE.ru} в очереди`, wait: 'ожидание {eta}',
    withAgent: 'сотрудник на связи', source: 'Источник', retry: 'Повторить', agent: 'сотрудник', sending: 'отправляется…', notSent: 'Не отправлено: {reason}',
    charactersLeft: '{n, plural, one {Остался # символ} few {Осталось # символа} many {Осталось # символов} other {Осталось # символа}}', charactersOver: '{n, plural, one {На # символ длиннее} few {На # символа длиннее} many {На # символов длиннее} other {На # символа длиннее}} допустимого: сократите сообщение, чтобы отправить',
  },
  az: {
    attach: 'Şəkil və ya PDF əlavə et', title: 'Dəstək', online: 'Onlayn', reconnecting: 'Yenidən qoşulur…', offline: 'Əlaqə yoxdur — səhifəni yeniləyin', send: 'Göndər', placeholder: 'Sualınızı yazın…', newChat: 'Yeni çat', ticket: 'Müraciət {id}', connecting: 'Əməkdaşla birləşdirilir',
    position: `növbədə ${QUEUE_PLACE.az} yer`, wait: 'gözləmə {eta}',
    withAgent: 'əməkdaş sizinlədir', source: 'Mənbə', retry: 'Təkrar', agent: 'əməkdaş', sending: 'göndərilir…', notSent: 'Göndərilmədi: {reason}',
    charactersLeft: '{n, number} simvol qalıb', charactersOver: 'Mesaj {n, number} simvol uzundur: göndərmək üçün qısaldın',
  },
  tr: {
    attach: 'Resim veya PDF ekle', title: 'Destek', online: 'Çevrimiçi', reconnecting: 'Yeniden bağlanıyor…', offline: 'Bağlantı yok — sayfayı yenileyin', send: 'Gönder', placeholder: 'Sorunuzu yazın…', newChat: 'Yeni sohbet', ticket: 'Talep {id}', connecting: 'Temsilciye bağlanıyorsunuz',
    position: `sırada ${QUEUE_PLACE.tr}`, wait: 'bekleme {eta}',
    withAgent: 'bir temsilci sizinle', source: 'Kaynak', retry: 'Tekrar dene', agent: 'temsilci', sending: 'gönderiliyor…', notSent: 'Gönderilemedi: {reason}',
    charactersLeft: '{n, number} karakter kaldı', charactersOver: 'Mesaj {n, number} karakter fazla: göndermek için kısaltın',
  },
};
type UiLocale = keyof typeof UI;
let ui: (typeof UI)[UiLocale] = UI.en;
let uiLocale: UiLocale = 'en';
const text = (key: keyof (typeof UI)[UiLocale], values: Record<string, string | number> = {}) => formatMessage(uiLocale, ui[key], values);

/** The page speaks the conversation's language: the locale of the bot's latest message. */
function useLocale(locale: string): void {
  const nextLocale = (locale in UI ? locale : 'en') as UiLocale;
  if (nextLocale === uiLocale) return;
  const wasOnline = connection.textContent === ui.online;
  uiLocale = nextLocale;
  ui = UI[nextLocale];
  document.documentElement.lang = locale;
  if (wasOnline) connection.textContent = ui.online;
  title.textContent = ui.title;
  sendButton.textContent = ui.send;
  input.placeholder = ui.placeholder;
  newChat.textContent = ui.newChat;
  attachButton.setAttribute('aria-label', ui.attach);
  attachButton.title = ui.attach;
  updateComposer();
}

const rendered = new Map<number, HTMLLIElement>();
let session: Session | null = null;
let lastSeq = 0;
let stream: (() => void) | null = null;

/** Our own storage; where the browser blocks it, the embedding page's (through /widget.js); else memory. */
async function openSessionStore(): Promise<SessionStore> {
  return localSessionStore() ?? (await parentSessionStore()) ?? memorySessionStore();
}
const sessions = openSessionStore();

class HttpError extends Error {
  constructor(readonly status: number, message: string) { super(message); }
}

/** The embed code's `?locale=` if we speak it, else the browser's first language we speak, else English. */
function requestedLocale(): UiLocale {
  const tags = [new URLSearchParams(location.search).get('locale'), ...navigator.languages];
  return firstSupportedLocale(tags, Object.keys(UI) as UiLocale[]) ?? 'en';
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

/**
 * The operator's signed player token, from the page address's fragment (`/widget.js` puts
 * `data-identity` there): a fragment never reaches a server log.
 */
const identity = new URLSearchParams(location.hash.slice(1)).get('identity') ?? undefined;

/** The player id an identity token names (read, not checked: the server checks it). */
function playerIn(token: string | undefined): string | undefined {
  try {
    const payload = JSON.parse(atob((token?.split('.')[1] ?? '').replace(/-/g, '+').replace(/_/g, '/'))) as { sub?: unknown };
    return typeof payload.sub === 'string' ? payload.sub : undefined;
  } catch {
    return undefined;
  }
}

async function createSession(): Promise<void> {
  session = null;
  const body = { locale: requestedLocale(), ...(identity ? { identity } : {}) };
  let created: { conversationId: string; token: string; player?: { id: string } };
  try {
    created = await api('POST', '/api/webchat/sessions', body);
  } catch (error) {
    // An expired or refused identity still gets the player a chat, as a guest.
    if (!(identity && error instanceof HttpError && error.status === 401)) throw error;
    created = await api('POST', '/api/webchat/sessions', { locale: body.locale });
  }
  const player = created.player?.id;
  session = { conversationId: created.conversationId, token: created.token, ...(player ? { player } : {}) };
  (await sessions).save(session);
}

/** A chat kept from before is reused only by the same player: after a log-out or a change of player on a shared device, a new chat starts. */
function samePlayer(saved: Session): boolean {
  return saved.player === playerIn(identity);
}

function showHandoff(handoff: Handoff | undefined): void {
  if (!handoff || handoff.status === 'resolved') { banner.hidden = true; return; }
  const parts = [handoff.ticketId ? text('ticket', { id: handoff.ticketId }) : ui.connecting];
  if (handoff.status === 'queued' && handoff.position) parts.push(text('position', { position: handoff.position }));
  if (handoff.status === 'queued' && handoff.etaSeconds) parts.push(text('wait', { eta: formatEta(uiLocale, handoff.etaSeconds) }));
  if (handoff.status === 'assigned') parts.push(ui.withAgent);
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

/** The cited article's help page, opened in a new tab; just its title if the address is not a web page. */
function sourceLink(citation: Citation): Node {
  let address: URL | null = null;
  try {
    address = citation.url ? new URL(citation.url, location.href) : null;
  } catch {
    address = null;
  }
  if (!address || (address.protocol !== 'https:' && address.protocol !== 'http:')) return document.createTextNode(citation.title);
  const link = document.createElement('a');
  link.href = address.href;
  link.target = '_blank';
  link.rel = 'noopener';
  link.textContent = citation.title;
  return link;
}

function messageElement(message: Pick<Message, 'from' | 'text' | 'author' | 'citations' | 'at' | 'attachments'>): HTMLLIElement {
  const item = document.createElement('li');
  item.className = `msg msg--${message.from}`;
  if (message.from === 'agent') {
    const author = document.createElement('span');
    author.className = 'msg__author';
    author.textContent = message.author ? `${message.author} · ${ui.agent}` : ui.agent;
    item.append(author);
  }
  item.append(document.createTextNode(message.text));
  for (const file of message.attachments ?? []) item.append(attachmentElement(file, '/api/webchat/attachments', () => session?.token ?? null));
  if (message.citations?.length) {
    const sources = document.createElement('span');
    sources.className = 'msg__sources';
    sources.append(`${ui.source}: `);
    for (const [index, citation] of message.citations.entries()) {
      if (index > 0) sources.append(', ');
      sources.append(sourceLink(citation));
    }
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

/** A reply the bot is still writing, shown until the finished message arrives. */
function showPartial(text: string): void {
  let bubble = document.getElementById('partial');
  if (!bubble) {
    bubble = document.createElement('li');
    bubble.id = 'partial';
    bubble.className = 'msg msg--bot msg--pending';
    log.append(bubble);
  }
  bubble.textContent = text;
  log.scrollTop = log.scrollHeight;
}

/** Read out by screen readers: what the bot, an agent or the system said since the page was loaded. */
function announce(message: Message): void {
  const who = message.from === 'agent' ? `${message.author ?? ui.agent}: ` : message.from === 'bot' ? `${ui.title}: ` : '';
  announcer.textContent = `${who}${message.text}`;
}

function render(message: Message, live = true): void {
  if (rendered.has(message.seq)) return;
  if (message.from !== 'player') document.getElementById('partial')?.remove();
  if (message.from !== 'player' && message.seq > lastSeq) useLocale(message.locale);
  if (message.clientMessageId) document.querySelector(`[data-client-id="${CSS.escape(message.clientMessageId)}"]`)?.remove();
  const element = messageElement(message);
  element.dataset.seq = String(message.seq);
  insertInOrder(message.seq, element);
  rendered.set(message.seq, element);
  if (message.seq > lastSeq) {
    lastSeq = message.seq;
    if (message.from !== 'player') showActions(message.actions);
    if (message.handoff) showHandoff(message.handoff);
    if (live && message.from !== 'player') announce(message);
  }
  log.scrollTop = log.scrollHeight;
}

/** Messages after the last one shown; `live`: they are news to the player (not the chat they came back to). */
async function loadHistory(live = true): Promise<void> {
  const { messages } = await api<{ messages: Message[] }>('GET', `/api/webchat/messages?after=${lastSeq}`);
  for (const message of messages) render(message, live);
}

function startListening(): void {
  stream?.();
  stream = listen({
    url: '/api/webchat/events',
    token: () => session?.token ?? null,
    lastEventId: () => String(lastSeq),
    onEvent: (event, data) => {
      if (event === 'message') render(JSON.parse(data) as Message);
      if (event === 'partial') showPartial((JSON.parse(data) as { text: string }).text);
    },
    onStatus: (status) => {
      connection.textContent = status === 'online' ? ui.online : ui.reconnecting;
    },
    onUnauthorized: () => void restart(),
  });
}

function pendingElement(text: string, clientMessageId: string): HTMLLIElement {
  const element = messageElement({ from: 'player', text, at: new Date().toISOString() });
  element.classList.add('msg--pending');
  element.dataset.clientId = clientMessageId;
  (element.querySelector('.msg__meta') as HTMLElement).dataset.sending = ui.sending;
  log.append(element);
  log.scrollTop = log.scrollHeight;
  return element;
}

/** A chat nobody wrote in expires on the server; the first message then starts a new one. */
const sessionGone = (error: unknown) => error instanceof HttpError && (error.status === 401 || error.status === 404);

async function send(text: string, clientMessageId = crypto.randomUUID(), existing?: HTMLLIElement, renewed = false): Promise<void> {
  const trimmed = text.trim();
  if (!trimmed || !session) return;
  const element = existing ?? pendingElement(trimmed, clientMessageId);
  element.classList.remove('msg--failed');
  element.classList.add('msg--pending');
  element.querySelector('.msg__error')?.remove();
  element.querySelector('.msg__retry')?.remove();
  showActions([]);
  typing.hidden = false;
  try {
    const result = await api<{ messageId: string; replies: Message[] }>('POST', '/api/webchat/messages', { text: trimmed, clientMessageId });
    await loadHistory();
    for (const reply of result.replies) render(reply);
  } catch (error) {
    if (sessionGone(error) && !renewed) {
      element.remove();
      await restart();
      return send(trimmed, clientMessageId, undefined, true);
    }
    showFailure(element, error);
    const retry = document.createElement('button');
    retry.type = 'button';
    retry.className = 'msg__retry';
    retry.textContent = ui.retry;
    retry.addEventListener('click', () => void send(trimmed, clientMessageId, element));
    element.append(retry);
  } finally {
    typing.hidden = true;
  }
}

/** A message that did not go out says so, and why, in words (read out too), not only by its colour. */
function showFailure(element: HTMLLIElement, error: unknown): void {
  element.classList.remove('msg--pending');
  element.classList.add('msg--failed');
  const reason = document.createElement('span');
  reason.className = 'msg__error';
  reason.textContent = text('notSent', { reason: error instanceof Error ? error.message : String(error) });
  element.append(reason);
  announcer.textContent = reason.textContent;
}

/** Sends a picked or dropped file: shown at once with its progress, uploaded, then sent as a message. */
async function sendFile(file: File): Promise<void> {
  if (!session) return;
  const clientMessageId = crypto.randomUUID();
  const element = pendingElement('', clientMessageId);
  const pending = pendingFileElement(file);
  element.insertBefore(pending.element, element.querySelector('.msg__meta'));
  log.scrollTop = log.scrollHeight;
  try {
    const stored = await uploadFile(file, session.token, pending.progress);
    typing.hidden = false;
    const result = await api<{ replies: Message[] }>('POST', '/api/webchat/messages', { attachments: [stored.id], clientMessageId });
    await loadHistory();
    for (const reply of result.replies) render(reply);
  } catch (error) {
    showFailure(element, error);
  } finally {
    typing.hidden = true;
  }
}

attachButton.addEventListener('click', () => fileInput.click());
fileInput.accept = ACCEPTED_TYPES;
fileInput.addEventListener('change', () => {
  for (const file of fileInput.files ?? []) void sendFile(file);
  fileInput.value = '';
});
// Files dropped anywhere on the chat are sent, as if picked.
const chatArea = document.querySelector('.chat') as HTMLElement;
chatArea.addEventListener('dragover', (event) => {
  if (!event.dataTransfer?.types.includes('Files')) return;
  event.preventDefault();
  chatArea.classList.add('chat--drop');
});
chatArea.addEventListener('dragleave', () => chatArea.classList.remove('chat--drop'));
chatArea.addEventListener('drop', (event) => {
  chatArea.classList.remove('chat--drop');
  if (!event.dataTransfer?.files.length) return;
  event.preventDefault();
  for (const file of event.dataTransfer.files) void sendFile(file);
});

async function restart(): Promise<void> {
  (await sessions).clear();
  log.replaceChildren();
  rendered.clear();
  lastSeq = 0;
  showActions([]);
  showHandoff(undefined);
  await start();
}

async function start(): Promise<void> {
  const saved = (await sessions).load();
  session = saved && samePlayer(saved) ? saved : null;
  if (!session) await createSession();
  try {
    await loadHistory(false);
  } catch (error) {
    if (sessionGone(error)) {
      await createSession();
      await loadHistory(false);
    } else throw error;
  }
  startListening();
}

/** Characters over the limit (0 when the message fits). */
const excess = () => Math.max(0, input.value.length - MAX_TEXT_LENGTH);
/** The countdown appears when a message nears the limit. */
const COUNTDOWN_FROM = MAX_TEXT_LENGTH - 500;

/**
 * The message box grows with its text (up to a cap, then scrolls), counts down near the limit, and
 * refuses to send a message that is too long rather than cutting it.
 */
function updateComposer(): void {
  input.style.height = 'auto';
  input.style.height = `${input.scrollHeight + 2}px`;
  const over = excess();
  counter.hidden = input.value.length < COUNTDOWN_FROM;
  counter.textContent = over > 0 ? text('charactersOver', { n: over }) : text('charactersLeft', { n: MAX_TEXT_LENGTH - input.value.length });
  counter.classList.toggle('chat__counter--over', over > 0);
  input.setAttribute('aria-invalid', String(over > 0));
  sendButton.disabled = over > 0;
}
input.addEventListener('input', updateComposer);

form.addEventListener('submit', (event) => {
  event.preventDefault();
  if (excess() > 0) return;
  const message = input.value;
  input.value = '';
  updateComposer();
  void send(message);
});
input.addEventListener('keydown', (event) => {
  if (event.key === 'Enter' && !event.shiftKey) {
    event.preventDefault();
    form.requestSubmit();
  }
});
newChat.addEventListener('click', () => void restart());

/** The operator's colour and logo: from /widget.js's data- attributes (the page address), else the gateway's settings. */
function applyTheme(): void {
  const page = document.querySelector('main.chat') as HTMLElement;
  const query = new URLSearchParams(location.search);
  const color = brandColour(query.get('color')) ?? brandColour(page.dataset.color);
  if (color) {
    document.documentElement.style.setProperty('--brand', color);
    document.documentElement.style.setProperty('--brand-ink', inkOn(color));
  }
  const logo = document.getElementById('logo') as HTMLImageElement;
  const address = query.get('logo') ?? page.dataset.logo;
  if (!address) return;
  logo.addEventListener('error', () => { logo.hidden = true; });
  logo.src = address;
  logo.hidden = false;
}
applyTheme();

start().catch((error: unknown) => {
  connection.textContent = ui.offline;
  sendButton.disabled = true;
  console.error(error);
});
