import { el } from '../../browser/sse.js';
import { LANGUAGE_NAMES } from '../../core/language-names.js';
import type { CallOutcome } from '../../conversation/state-machine.js';
import { appointment, appointmentEnd, label, t } from './i18n.js';
import type { Locale } from '../../core/schemas.js';
import type { TicketView } from './types.js';

type Ticket = TicketView['ticket'];

/** The facts this card shows; the facts list leaves them out. */
export const CALL_FACTS = ['phone', 'callbackLanguage', 'callbackWindow', 'callbackOutcome'];
const HOUR_MS = 3600 * 1000;

export interface CallbackCardOptions {
  /** The agent holds the ticket: they may record how the call went. */
  mine: boolean;
  record(outcome: CallOutcome, window?: { from: string; to: string }): Promise<void>;
  attempt(run: () => Promise<unknown>): Promise<unknown>;
}

/** The phone call a player asked for: a `tel:` button, the language and time they chose, and (to its holder) how it went. */
export function callbackCard(ticket: Ticket, options: CallbackCardOptions): HTMLElement | undefined {
  const { phone, callbackLanguage, callbackWindow, callbackOutcome } = ticket.facts;
  if (!phone) return undefined;
  const card = el('section', 'card call');
  const dial = el('a', 'call__dial', t('callNumber', { phone }));
  dial.href = `tel:${phone}`;
  card.append(el('h3', undefined, t('callTitle')), dial);
  const details = el('dl', 'facts');
  if (callbackLanguage) details.append(el('dt', undefined, t('callLanguage')), el('dd', undefined, LANGUAGE_NAMES[callbackLanguage as Locale] ?? callbackLanguage));
  const [from, to] = (callbackWindow ?? '').split('/');
  if (from && to) details.append(el('dt', undefined, t('callWindow')), el('dd', undefined, `${appointment(from)} – ${appointmentEnd(to)}`));
  if (callbackOutcome) details.append(el('dt', undefined, t('callLast')), el('dd', undefined, label('outcome', callbackOutcome)));
  card.append(details);
  if (options.mine && ticket.status === 'assigned') card.append(outcomeControls(options));
  return card;
}

function outcomeControls({ record, attempt }: CallbackCardOptions): HTMLElement {
  const controls = el('div', 'call__outcomes');
  const button = (text: string, run: () => Promise<unknown>, primary = false) => {
    const b = el('button', primary ? 'primary' : undefined, text);
    b.type = 'button';
    b.addEventListener('click', () => void attempt(run));
    return b;
  };
  const form = rescheduleForm(record, attempt);
  const reschedule = button(t('callReschedule'), async () => {
    form.hidden = !form.hidden;
    reschedule.setAttribute('aria-expanded', String(!form.hidden));
    if (!form.hidden) form.querySelector('input')?.focus();
  });
  reschedule.setAttribute('aria-expanded', 'false');
  controls.append(button(t('callDone'), () => record('done'), true), button(t('callFailed'), () => record('failed')), reschedule);
  const wrapper = el('div');
  wrapper.append(controls, form);
  return wrapper;
}

/** A new window for the call: from and to, in the agent's own clock; an hour tomorrow to start with. */
function rescheduleForm(record: CallbackCardOptions['record'], attempt: CallbackCardOptions['attempt']): HTMLFormElement {
  const form = el('form', 'call__reschedule');
  form.hidden = true;
  const start = new Date(Math.ceil((Date.now() + 24 * HOUR_MS) / HOUR_MS) * HOUR_MS);
  const field = (text: string, value: Date) => {
    const input = el('input');
    input.type = 'datetime-local';
    input.required = true;
    input.value = localInputValue(value);
    const wrapper = el('label');
    wrapper.append(el('span', undefined, text), input);
    return { wrapper, input };
  };
  const from = field(t('callFrom'), start);
  const to = field(t('callTo'), new Date(start.getTime() + HOUR_MS));
  const save = el('button', 'primary', t('callSave'));
  save.type = 'submit';
  form.append(from.wrapper, to.wrapper, save);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void attempt(() => record('rescheduled', { from: new Date(from.input.value).toISOString(), to: new Date(to.input.value).toISOString() }));
  });
  return form;
}

/** `YYYY-MM-DDTHH:mm` in the browser's time zone, as a datetime-local input takes it. */
function localInputValue(at: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}T${pad(at.getHours())}:${pad(at.getMinutes())}`;
}
