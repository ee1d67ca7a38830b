// The console's words. Every string the agent sees comes from here, in English and Russian; the
// language is the browser's unless the agent picked another in the header (remembered in localStorage).

const en = {
  pageTitle: 'Pitboss agent',
  consoleTitle: 'Agent console',
  email: 'E-mail',
  password: 'Password',
  logIn: 'Log in',
  language: 'Language',
  connecting: 'Connecting…',
  live: 'Live',
  reconnecting: 'Reconnecting…',
  enableAlerts: 'Enable desktop alerts',
  takeNext: 'Take next ticket',
  logOut: 'Log out',
  sections: 'Sections',
  tabTickets: 'Tickets',
  tabHistory: 'History',
  queue: 'Queue',
  waitingCount: '({n} waiting)',
  yourTickets: 'Your tickets',
  otherAgents: 'With other agents',
  nobodyWaiting: 'Nobody is waiting.',
  noneHeld: 'You hold no tickets.',
  pickTicket: 'Pick a ticket from the queue, or take the next one.',
  withAgent: 'with {name}',
  waiting: 'waiting {d}',
  unread: '{n} unread',
  reason_responsible_gambling: 'Responsible gambling',
  reason_dispute: 'Dispute',
  reason_technical_failure: 'Technical failure',
  reason_account_specific: 'Account',
  reason_requested: 'Requested',
  reason_unresolved: 'Unresolved',
  status_queued: 'Queued',
  status_assigned: 'Assigned',
  status_resolved: 'Resolved',
  from_player: 'Player',
  from_bot: 'Bot',
  from_agent: 'Agent',
  from_system: 'System',
  claim: 'Claim',
  release: 'Release',
  resolve: 'Resolve',
  exportCase: 'Export case file',
  botSummary: "Bot's summary",
  facts: 'Collected facts',
  noFacts: 'None collected.',
  transcript: 'Transcript',
  replyTitle: 'Reply to the player',
  claimToReply: 'Claim the ticket to reply',
  replyPlaceholder: 'Write a reply…',
  replyHint: 'Enter sends · Shift+Enter adds a line',
  send: 'Send',
  suggestions: 'Suggested replies from the knowledge base',
  noSuggestions: 'No suggestions for the last message.',
  aiSummary: 'AI summary',
  aiDraft: 'AI draft reply',
  useDraft: 'Use the AI draft reply',
  sources: 'Sources: {list}',
  notes: 'Internal notes (never shown to the player)',
  notePlaceholder: 'Add a note for the team…',
  addNote: 'Add note',
  noteLine: '{name}, {time}: {text}',
  ackDue: 'Acknowledgement due in {d} ({time})',
  ackOverdue: 'Acknowledgement OVERDUE ({time})',
  ackDone: 'Acknowledged at {time}',
  ackDoneLate: 'Acknowledged late, at {time}',
  finalDue: 'Final response due in {d} ({time})',
  finalOverdue: 'Final response OVERDUE ({time})',
  finalDone: 'Resolved at {time}',
  seconds: '{n}s',
  minutes: '{n}m',
  hoursMinutes: '{h}h {m}m',
  daysHours: '{d}d {h}h',
  alertNew: 'New ticket',
  alertStillWaiting: 'Still waiting',
  alertEscalated: 'Escalated',
  alertReturned: 'Back in the queue',
  alertNeedsHelp: 'A player needs help',
  alertTransferred: 'Transferred',
  presence: 'Presence',
  presence_online: 'Online',
  presence_away: 'Away',
  transfer: 'Transfer…',
  transferTo: 'To',
  transferSend: 'Transfer',
  transferAgents: 'Colleagues online',
  transferAgent: '{name} ({holding}/{max})',
  transferTeams: 'Teams',
  transferNobody: 'Nobody to transfer to',
  noAnswer: 'The server did not answer; check the connection and try again.',
  earlierTitle: 'Earlier conversations',
  noEarlier: 'No earlier tickets for this player.',
  readConversation: 'Read the conversation',
  opened: 'opened {time}',
  closed: 'resolved {time}',
  rated: 'rated {n}/5',
  historyTitle: 'Conversation history',
  words: 'Words',
  wordsPlaceholder: 'e.g. withdrawal card',
  player: 'Player',
  ticket: 'Ticket',
  status: 'Status',
  anyStatus: 'Any',
  dateFrom: 'From',
  dateTo: 'To',
  search: 'Search',
  loadMore: 'Load more',
  noResults: 'No conversations found.',
  anonymous: 'Player without a name',
  lastMessage: 'last message {time}',
  started: 'started {time}',
  backToResults: 'Back to results',
  readOnly: 'Read-only transcript from the record',
  ticketOpened: 'Ticket {id} opened · {reason}',
  loading: 'Loading…',
  // The supervisor view (/agent/supervisor).
  sv_title: 'Supervisor view',
  sv_toConsole: 'Agent console',
  sv_supervisorsOnly: 'Supervisors only',
  sv_supervisorsOnlyText: 'This view shows the whole team’s queue and figures, and your account has the agent role. Ask an administrator for the supervisor role, or go back to the agent console.',
  sv_queueTitle: 'Queue now',
  sv_queueSummary: '{waiting} waiting · {withAgents} with agents',
  sv_longestWait: 'longest wait {wait}',
  sv_queueEmpty: 'No open tickets.',
  sv_reason: 'Reason and language',
  sv_waiting: 'Waiting',
  sv_oldestWait: 'Longest wait',
  sv_withAgents: 'With agents',
  sv_agentsTitle: 'Agents',
  sv_agent: 'Agent',
  sv_status: 'Status',
  sv_presence_online: 'Online',
  sv_presence_away: 'Away',
  sv_presence_closed: 'Console closed',
  sv_allLanguages: 'all languages',
  sv_team: 'team {list}',
  sv_load: 'Load',
  sv_loadValue: '{holding} of {max}',
  sv_supervisorRole: 'supervisor',
  sv_noAgents: 'No agents yet.',
  sv_figuresTitle: 'Today',
  sv_figuresNote: 'Day {day}, {zone} time, from the system of record (it catches up within seconds).',
  sv_opened: 'Tickets opened',
  sv_firstResponse: 'First response',
  sv_firstResponseHint: 'from the ticket’s opening to the first agent reply',
  sv_handleTime: 'Handle time',
  sv_handleTimeHint: 'from the claim to the resolution',
  sv_median: 'median {d}',
  sv_durationDetail: 'average {d} · {n} tickets',
  sv_noneYet: 'none yet',
  sv_csat: 'Satisfaction (CSAT)',
  sv_csatValue: '{average} / 5',
  sv_csatDetail: '{n} ratings · {share} rated 4–5',
  sv_deflection: 'Answered by the bot',
  sv_deflectionDetail: '{deflected} of {total} conversations: the bot answered and no ticket was opened',
  sv_updated: 'Updated {time}',
};

export type TextKey = keyof typeof en;

const ru: Record<TextKey, string> = {
  pageTitle: 'Pitboss — оператор',
  consoleTitle: 'Консоль оператора',
  email: 'Эл. почта',
  password: 'Пароль',
  logIn: 'Войти',
  language: 'Язык',
  connecting: 'Подключение…',
  live: 'На связи',
  reconnecting: 'Переподключение…',
  enableAlerts: 'Включить уведомления',
  takeNext: 'Взять следующее',
  logOut: 'Выйти',
  sections: 'Разделы',
  tabTickets: 'Обращения',
  tabHistory: 'История',
  queue: 'Очередь',
  waitingCount: '(ждут: {n})',
  yourTickets: 'Ваши обращения',
  otherAgents: 'У других операторов',
  nobodyWaiting: 'Никто не ждёт.',
  noneHeld: 'У вас нет обращений.',
  pickTicket: 'Выберите обращение в очереди или возьмите следующее.',
  withAgent: 'у {name}',
  waiting: 'ждёт {d}',
  unread: 'непрочитанных: {n}',
  reason_responsible_gambling: 'Ответственная игра',
  reason_dispute: 'Спор',
  reason_technical_failure: 'Технический сбой',
  reason_account_specific: 'Аккаунт',
  reason_requested: 'Просьба об операторе',
  reason_unresolved: 'Бот не помог',
  status_queued: 'В очереди',
  status_assigned: 'В работе',
  status_resolved: 'Решено',
  from_player: 'Игрок',
  from_bot: 'Бот',
  from_agent: 'Оператор',
  from_system: 'Система',
  claim: 'Взять',
  release: 'Вернуть в очередь',
  resolve: 'Закрыть обращение',
  exportCase: 'Выгрузить дело',
  botSummary: 'Сводка бота',
  facts: 'Собранные данные',
  noFacts: 'Ничего не собрано.',
  transcript: 'Переписка',
  replyTitle: 'Ответ игроку',
  claimToReply: 'Возьмите обращение, чтобы ответить',
  replyPlaceholder: 'Напишите ответ…',
  replyHint: 'Enter — отправить · Shift+Enter — новая строка',
  send: 'Отправить',
  suggestions: 'Подсказки из базы знаний',
  noSuggestions: 'К последнему сообщению подсказок нет.',
  aiSummary: 'Сводка ИИ',
  aiDraft: 'Черновик ответа от ИИ',
  useDraft: 'Взять черновик ИИ',
  sources: 'Источники: {list}',
  notes: 'Внутренние заметки (игрок их не видит)',
  notePlaceholder: 'Заметка для команды…',
  addNote: 'Добавить заметку',
  noteLine: '{name}, {time}: {text}',
  ackDue: 'Подтвердить получение через {d} ({time})',
  ackOverdue: 'Подтверждение получения ПРОСРОЧЕНО ({time})',
  ackDone: 'Получение подтверждено {time}',
  ackDoneLate: 'Получение подтверждено с опозданием, {time}',
  finalDue: 'Окончательный ответ через {d} ({time})',
  finalOverdue: 'Окончательный ответ ПРОСРОЧЕН ({time})',
  finalDone: 'Решено {time}',
  seconds: '{n} с',
  minutes: '{n} мин',
  hoursMinutes: '{h} ч {m} мин',
  daysHours: '{d} д {h} ч',
  alertNew: 'Новое обращение',
  alertStillWaiting: 'Всё ещё ждёт',
  alertEscalated: 'Эскалация',
  alertReturned: 'Снова в очереди',
  alertNeedsHelp: 'Игроку нужна помощь',
  alertTransferred: 'Передано',
  presence: 'Статус',
  presence_online: 'На месте',
  presence_away: 'Отошёл',
  transfer: 'Передать…',
  transferTo: 'Кому',
  transferSend: 'Передать',
  transferAgents: 'Коллеги на месте',
  transferAgent: '{name} ({holding}/{max})',
  transferTeams: 'Команды',
  transferNobody: 'Передать некому',
  noAnswer: 'Сервер не ответил; проверьте связь и попробуйте ещё раз.',
  earlierTitle: 'Прошлые обращения',
  noEarlier: 'Раньше игрок не обращался.',
  readConversation: 'Открыть переписку',
  opened: 'открыто {time}',
  closed: 'решено {time}',
  rated: 'оценка {n}/5',
  historyTitle: 'История переписок',
  words: 'Слова',
  wordsPlaceholder: 'например, вывод карта',
  player: 'Игрок',
  ticket: 'Обращение',
  status: 'Статус',
  anyStatus: 'Любой',
  dateFrom: 'С',
  dateTo: 'По',
  search: 'Найти',
  loadMore: 'Показать ещё',
  noResults: 'Ничего не найдено.',
  anonymous: 'Игрок без имени',
  lastMessage: 'последнее сообщение {time}',
  started: 'начато {time}',
  backToResults: 'Назад к результатам',
  readOnly: 'Переписка из архива, только для чтения',
  ticketOpened: 'Обращение {id} открыто · {reason}',
  loading: 'Загрузка…',
  // The supervisor view (/agent/supervisor).
  sv_title: 'Панель супервайзера',
  sv_toConsole: 'Консоль оператора',
  sv_supervisorsOnly: 'Только для супервайзеров',
  sv_supervisorsOnlyText: 'Здесь видны очередь и показатели всей команды, а у вашей учётной записи роль оператора. Попросите администратора дать вам роль супервайзера или вернитесь в консоль оператора.',
  sv_queueTitle: 'Очередь сейчас',
  sv_queueSummary: 'ждут: {waiting} · у операторов: {withAgents}',
  sv_longestWait: 'дольше всех ждёт {wait}',
  sv_queueEmpty: 'Открытых обращений нет.',
  sv_reason: 'Причина и язык',
  sv_waiting: 'Ждут',
  sv_oldestWait: 'Дольше всех',
  sv_withAgents: 'У операторов',
  sv_agentsTitle: 'Операторы',
  sv_agent: 'Оператор',
  sv_status: 'Статус',
  sv_presence_online: 'На связи',
  sv_presence_away: 'Отошёл',
  sv_presence_closed: 'Консоль закрыта',
  sv_allLanguages: 'все языки',
  sv_team: 'команда {list}',
  sv_load: 'Нагрузка',
  sv_loadValue: '{holding} из {max}',
  sv_supervisorRole: 'супервайзер',
  sv_noAgents: 'Операторов пока нет.',
  sv_figuresTitle: 'Сегодня',
  sv_figuresNote: 'День {day}, время {zone}, по данным архива (он догоняет за секунды).',
  sv_opened: 'Открыто обращений',
  sv_firstResponse: 'Первый ответ',
  sv_firstResponseHint: 'от открытия обращения до первого ответа оператора',
  sv_handleTime: 'Время обработки',
  sv_handleTimeHint: 'от взятия обращения до его закрытия',
  sv_median: 'медиана {d}',
  sv_durationDetail: 'в среднем {d} · обращений: {n}',
  sv_noneYet: 'пока нет',
  sv_csat: 'Удовлетворённость (CSAT)',
  sv_csatValue: '{average} / 5',
  sv_csatDetail: 'оценок: {n} · 4–5 поставили {share}',
  sv_deflection: 'Решено ботом',
  sv_deflectionDetail: '{deflected} из {total} разговоров: бот ответил, обращение не открывали',
  sv_updated: 'Обновлено {time}',
};

const TEXTS = { en, ru };
export type UiLocale = keyof typeof TEXTS;
export const UI_LOCALES = Object.keys(TEXTS) as UiLocale[];
const STORAGE_KEY = 'pitboss.agent.locale';

const isUiLocale = (value: string | null | undefined): value is UiLocale => UI_LOCALES.includes(value as UiLocale);

/** The agent's pick if they made one, else the first of the browser's languages the console speaks, else English. */
function initialLocale(): UiLocale {
  let saved: string | null = null;
  try {
    saved = localStorage.getItem(STORAGE_KEY);
  } catch {
    // storage blocked: the browser's language it is
  }
  if (isUiLocale(saved)) return saved;
  const spoken = navigator.languages.map((tag) => tag.split(/[-_]/, 1)[0]?.toLowerCase());
  return spoken.find(isUiLocale) ?? 'en';
}

let current: UiLocale = initialLocale();

export function uiLocale(): UiLocale {
  return current;
}

/** The text in the console's language, `{name}` placeholders filled in. */
export function t(key: TextKey, values: Record<string, string | number> = {}): string {
  return TEXTS[current][key].replace(/\{(\w+)\}/g, (placeholder, name: string) => (name in values ? String(values[name]) : placeholder));
}

/** A label of a family (`reason`, `status`, `from`) for a value the server sent; an unknown value shows as it is. */
export function label(family: 'reason' | 'status' | 'from', value: string): string {
  const key = `${family}_${value}`;
  return key in en ? t(key as TextKey) : value;
}

export function dateTime(iso: string): string {
  return new Date(iso).toLocaleString(current);
}

export function timeOfDay(iso: string): string {
  return new Date(iso).toLocaleTimeString(current);
}

export function duration(seconds: number): string {
  if (seconds < 60) return t('seconds', { n: seconds });
  if (seconds < 3600) return t('minutes', { n: Math.floor(seconds / 60) });
  if (seconds < 48 * 3600) return t('hoursMinutes', { h: Math.floor(seconds / 3600), m: Math.floor((seconds % 3600) / 60) });
  return t('daysHours', { d: Math.floor(seconds / 86400), h: Math.floor((seconds % 86400) / 3600) });
}

/** Fills the page's fixed words: `data-text` → text, `data-placeholder` → placeholder, `data-label` → aria-label. */
export function translatePage(): void {
  document.documentElement.lang = current;
  for (const element of document.querySelectorAll<HTMLElement>('[data-text]')) element.textContent = t(element.dataset.text as TextKey);
  for (const element of document.querySelectorAll<HTMLInputElement>('[data-placeholder]')) element.placeholder = t(element.dataset.placeholder as TextKey);
  for (const element of document.querySelectorAll<HTMLElement>('[data-label]')) element.setAttribute('aria-label', t(element.dataset.label as TextKey));
}

/** Switches the console's language and remembers the choice; the caller re-renders what it drew. */
export function useLocale(locale: string): void {
  if (!isUiLocale(locale)) return;
  current = locale;
  try {
    localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // storage blocked: the choice lasts until the page is closed
  }
  translatePage();
}
