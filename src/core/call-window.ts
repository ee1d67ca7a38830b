import { localize } from './messages.js';
import type { Locale } from './schemas.js';
import { zoneLabel } from './support-hours.js';

/** When a player would like to be called: a span of time, as ISO instants. */
export interface CallWindow {
  from: string;
  to: string;
}

/** The spans a player picks from: now-ish, or the next morning, afternoon or evening in the operator's time zone. */
export const CALL_SLOTS = ['asap', 'morning', 'afternoon', 'evening'] as const;
export type CallSlot = (typeof CALL_SLOTS)[number];

const SLOT_HOURS: Record<Exclude<CallSlot, 'asap'>, [number, number]> = { morning: [9, 12], afternoon: [12, 18], evening: [18, 22] };
/** "As soon as possible" promises the next two hours. */
const ASAP_MS = 2 * 3600 * 1000;
const HOUR_MS = 3600 * 1000;

/** The window a slot stands for, seen from `now`: today's, or tomorrow's once today's has ended. */
export function slotWindow(slot: CallSlot, timeZone: string, now = new Date()): CallWindow {
  if (slot === 'asap') return { from: now.toISOString(), to: new Date(now.getTime() + ASAP_MS).toISOString() };
  const [start, end] = SLOT_HOURS[slot];
  const today = localDate(now, timeZone);
  const endToday = zonedInstant(today, end, timeZone);
  const day = endToday.getTime() > now.getTime() ? today : localDate(new Date(now.getTime() + 24 * HOUR_MS), timeZone);
  const from = zonedInstant(day, start, timeZone);
  return { from: new Date(Math.max(from.getTime(), now.getTime())).toISOString(), to: zonedInstant(day, end, timeZone).toISOString() };
}

/** The window as an ISO 8601 interval ("from/to"): how a ticket's facts keep it. */
export function windowFact(window: CallWindow): string {
  return `${window.from}/${window.to}`;
}

export function parseWindowFact(fact: string | undefined): CallWindow | undefined {
  const [from, to] = (fact ?? '').split('/');
  if (!from || !to || Number.isNaN(Date.parse(from)) || Number.isNaN(Date.parse(to))) return undefined;
  return { from, to };
}

/** The window as a player reads it: "today 12:00–18:00 (GMT+4)", "3 Dec 09:00–12:00 (GMT+4)". */
export function describeWindow(window: CallWindow, locale: Locale, timeZone: string, now = new Date()): string {
  return `${dayAndHours(window, locale, timeZone, now)} (${zoneLabel(timeZone, new Date(window.from))})`;
}

/** The button a slot is offered as: "As soon as possible", "Today 12:00–18:00". */
export function slotTitle(slot: CallSlot, window: CallWindow, locale: Locale, timeZone: string, now = new Date()): string {
  if (slot === 'asap') return localize(locale, 'callbackAsap');
  const text = dayAndHours(window, locale, timeZone, now);
  return text.charAt(0).toLocaleUpperCase(locale) + text.slice(1);
}

/** "today 12:00–18:00", "3 Dec 09:00–12:00": the day in words when it is today or tomorrow. */
function dayAndHours(window: CallWindow, locale: Locale, timeZone: string, now: Date): string {
  const from = new Date(window.from);
  const to = new Date(window.to);
  const days = dayDifference(localDate(now, timeZone), localDate(from, timeZone));
  const day =
    days === 0 || days === 1
      ? new Intl.RelativeTimeFormat(locale, { numeric: 'auto' }).format(days, 'day')
      : new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', timeZone }).format(from);
  return `${day} ${clock(from, timeZone)}–${clock(to, timeZone)}`;
}

function clock(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone }).format(at);
}

/** The calendar date in the zone, as [year, month (1–12), day]. */
function localDate(at: Date, timeZone: string): [number, number, number] {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: 'numeric', day: 'numeric' }).formatToParts(at);
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return [part('year'), part('month'), part('day')];
}

function dayDifference(a: [number, number, number], b: [number, number, number]): number {
  return Math.round((Date.UTC(b[0], b[1] - 1, b[2]) - Date.UTC(a[0], a[1] - 1, a[2])) / (24 * HOUR_MS));
}

/** The instant the zone's clocks show `hour`:00 on that date. */
function zonedInstant([year, month, day]: [number, number, number], hour: number, timeZone: string): Date {
  const guess = Date.UTC(year, month - 1, day, hour);
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', hourCycle: 'h23' }).formatToParts(new Date(guess));
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const shown = Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'));
  return new Date(guess - (shown - guess));
}
