// The supervisor view: the live queue and agents, and today's figures, polled. Plain DOM; every text
// goes in with textContent, never as HTML.
import { el } from '../../browser/sse.js';
import type { SupervisorOverview } from '../supervisor.js';
import { ApiError, agentApi, LOGIN_PATH } from './api.js';
import { duration, label, type TextKey, t, timeOfDay, translatePage, uiLocale, useLocale } from './i18n.js';
import { storedSession } from './stored-session.js';
import type { Agent } from './types.js';

/** How often the view asks again: the queue is live, the figures follow the record within seconds. */
const REFRESH_MS = 10_000;
const RENEW_TOKEN_MS = 20 * 60 * 1000;
const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

let shown: SupervisorOverview | null = null;
let updatedAt: string | null = null;
let timer: ReturnType<typeof setTimeout> | undefined;

const api = agentApi({ token: () => storedSession.token(), onUnauthorized: () => showLogin() });

function show(section: 'login' | 'refused' | 'app'): void {
  for (const id of ['login', 'refused', 'app'] as const) $(id).hidden = id !== section;
}

function showLogin(): void {
  clearTimeout(timer);
  storedSession.clear();
  shown = null;
  show('login');
}

async function load(): Promise<void> {
  clearTimeout(timer);
  try {
    shown = await api<SupervisorOverview>('GET', '/api/agent/supervisor');
    updatedAt = new Date().toISOString();
    $('bar-error').textContent = '';
    show('app');
    render();
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return;
    if (error instanceof ApiError && error.status === 403) {
      show('refused');
      return;
    }
    // Unreachable for a moment: what was shown stays, with the reason above it.
    $('bar-error').textContent = error instanceof Error ? error.message : String(error);
    show('app');
  }
  // A tab in the background asks nothing; it catches up when shown again.
  timer = setTimeout(() => {
    if (document.visibilityState === 'visible') void load();
  }, REFRESH_MS);
}

function render(): void {
  const me = storedSession.agent();
  $('me').textContent = me ? `${me.name} <${me.email}>` : '';
  $('updated').textContent = updatedAt ? t('sv_updated', { time: timeOfDay(updatedAt) }) : '';
  if (!shown) return;
  renderQueue(shown.queue);
  renderAgents(shown.agents);
  renderFigures(shown);
}

const cell = (text: string, className?: string) => el('td', className, text);
const number = (value: number, digits = 0) => new Intl.NumberFormat(uiLocale(), { maximumFractionDigits: digits }).format(value);
const percent = (share: number) => new Intl.NumberFormat(uiLocale(), { style: 'percent', maximumFractionDigits: 0 }).format(share);
const seconds = (value: number) => duration(Math.round(value));

function renderQueue(queue: SupervisorOverview['queue']): void {
  const summary = t('sv_queueSummary', { waiting: queue.waiting, withAgents: queue.withAgents });
  $('queue-summary').textContent = queue.oldestWaitSeconds === null ? summary : `${summary} · ${t('sv_longestWait', { wait: seconds(queue.oldestWaitSeconds) })}`;
  $('queue-rows').replaceChildren(
    ...queue.groups.map((group) => {
      const row = el('tr');
      const what = el('td');
      what.append(el('span', undefined, label('reason', group.reason)), ' ', el('span', 'sv__tag', group.locale.toUpperCase()));
      row.append(
        what,
        cell(String(group.waiting), 'num'),
        cell(group.oldestWaitSeconds === null ? '—' : seconds(group.oldestWaitSeconds), 'num'),
        cell(String(group.withAgents), 'num'),
      );
      return row;
    }),
  );
  $('queue-empty').hidden = queue.groups.length > 0;
}

function renderAgents(agents: SupervisorOverview['agents']): void {
  $('agent-rows').replaceChildren(
    ...agents.map((agent) => {
      const row = el('tr');
      // Who they are, then what they serve: the role, their languages, their teams.
      const serves = [
        ...(agent.role === 'supervisor' ? [t('sv_supervisorRole')] : []),
        agent.languages.length > 0 ? agent.languages.map((locale) => locale.toUpperCase()).join(', ') : t('sv_allLanguages'),
        ...(agent.teams.length > 0 ? [t('sv_team', { list: agent.teams.join(', ') })] : []),
      ];
      const who = el('td');
      who.append(el('span', undefined, agent.name), el('small', 'sv__serves', serves.join(' · ')));
      const status = agent.online ? 'online' : agent.presence === 'away' ? 'away' : 'closed';
      row.append(
        who,
        cell(t(`sv_presence_${status}` as TextKey), `sv__presence sv__presence--${status}`),
        cell(t('sv_loadValue', { holding: agent.holding, max: agent.maxChats }), agent.load >= 1 ? 'num sv__full' : 'num'),
      );
      return row;
    }),
  );
  $('agents-empty').hidden = agents.length > 0;
}

/** One figure: its name, its value, and what it is made of. */
function tile(id: string, name: string, value: string, details: Array<string | HTMLElement>): HTMLElement {
  const box = el('section', 'sv__tile');
  box.id = id;
  box.append(el('h3', undefined, name), el('p', 'sv__value', value), ...details.map((detail) => (typeof detail === 'string' ? el('p', 'sv__detail', detail) : detail)));
  return box;
}

function counts(entries: Array<{ name: string; count: number }>): HTMLElement {
  const list = el('ul', 'sv__counts');
  list.append(...entries.map(({ name, count }) => el('li', undefined, `${name}: ${count}`)));
  return list;
}

function renderFigures(overview: SupervisorOverview): void {
  const { figures } = overview;
  $('figures-error').textContent = overview.figuresUnavailable?.message ?? '';
  $('figures-note').textContent = figures ? t('sv_figuresNote', { day: figures.day, zone: figures.timeZone }) : '';
  if (!figures) {
    $('figures').replaceChildren();
    return;
  }
  const durations = (id: string, name: string, hint: string, measured: typeof figures.firstResponse) =>
    measured.medianSeconds === null || measured.averageSeconds === null
      ? tile(id, name, t('sv_noneYet'), [hint])
      : tile(id, name, t('sv_median', { d: seconds(measured.medianSeconds) }), [t('sv_durationDetail', { d: seconds(measured.averageSeconds), n: measured.count }), hint]);
  const { opened, csat, deflection } = figures;
  $('figures').replaceChildren(
    tile('figure-opened', t('sv_opened'), String(opened.total), [
      counts(opened.byReason.map(({ reason, count }) => ({ name: label('reason', reason), count }))),
      counts(opened.byLanguage.map(({ locale, count }) => ({ name: locale.toUpperCase(), count }))),
    ]),
    durations('figure-first-response', t('sv_firstResponse'), t('sv_firstResponseHint'), figures.firstResponse),
    durations('figure-handle-time', t('sv_handleTime'), t('sv_handleTimeHint'), figures.handleTime),
    csat.average === null || csat.satisfiedShare === null
      ? tile('figure-csat', t('sv_csat'), t('sv_noneYet'), [])
      : tile('figure-csat', t('sv_csat'), t('sv_csatValue', { average: number(csat.average, 1) }), [t('sv_csatDetail', { n: csat.ratings, share: percent(csat.satisfiedShare) })]),
    deflection.rate === null
      ? tile('figure-deflection', t('sv_deflection'), t('sv_noneYet'), [])
      : tile('figure-deflection', t('sv_deflection'), percent(deflection.rate), [t('sv_deflectionDetail', { deflected: deflection.deflected, total: deflection.conversations })]),
  );
}

function relabel(): void {
  translatePage();
  document.title = `Pitboss — ${t('sv_title')}`;
  render();
}

$('login-form').addEventListener('submit', (event) => {
  event.preventDefault();
  $('login-error').textContent = '';
  void api<{ token: string; agent: Agent }>('POST', LOGIN_PATH, { email: $<HTMLInputElement>('email').value, password: $<HTMLInputElement>('password').value })
    .then(async (result) => {
      storedSession.save(result.token, result.agent);
      await load();
    })
    .catch((error: unknown) => {
      $('login-error').textContent = error instanceof Error ? error.message : String(error);
    });
});
for (const id of ['logout', 'refused-logout']) $(id).addEventListener('click', showLogin);
const localePicker = $<HTMLSelectElement>('ui-locale');
localePicker.value = uiLocale();
localePicker.addEventListener('change', () => {
  useLocale(localePicker.value);
  relabel();
});
document.addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'visible' && storedSession.token()) void load();
});
// Tokens are short-lived: renew while the view is open.
setInterval(() => {
  if (storedSession.token()) void api<{ token: string }>('POST', '/api/agent/token').then((result) => storedSession.save(result.token)).catch(() => undefined);
}, RENEW_TOKEN_MS);

relabel();
if (storedSession.token()) void load();
else showLogin();
