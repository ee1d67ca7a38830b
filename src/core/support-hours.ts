import type { Locale } from './schemas.js';

const DAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;
/** Names people write that the time-zone database does not know. */
const ZONE_ALIASES: Record<string, string> = { 'Europe/Baku': 'Asia/Baku' };
/** A Monday, for day names in any language. */
const A_MONDAY = Date.UTC(2024, 0, 1, 12);

interface Opening {
  /** Day indexes (0 = Monday) on which the opening starts. */
  days: number[];
  /** Minutes after midnight; an end at or before the start runs past midnight. */
  start: number;
  end: number;
}

/** Why SUPPORT_HOURS could not be read; `config.ts` shows it as the setting's error. */
export class SupportHoursError extends Error {}

/**
 * When agents work (`SUPPORT_HOURS`, e.g. `Mon-Fri 09:00-21:00, Sat 10:00-16:00 Asia/Baku`): unset
 * means always. Outside these hours nobody is promised a wait.
 */
export class SupportHours {
  private constructor(
    private readonly openings: Opening[],
    readonly timeZone: string,
  ) {}

  static always(): SupportHours {
    return new SupportHours([{ days: [0, 1, 2, 3, 4, 5, 6], start: 0, end: 24 * 60 }], 'UTC');
  }

  /** Reads the setting; throws `SupportHoursError` saying what is wrong. */
  static parse(text: string): SupportHours {
    const words = text.trim().split(/\s+/);
    const zoneName = words.pop() ?? '';
    const timeZone = ZONE_ALIASES[zoneName] ?? zoneName;
    try {
      new Intl.DateTimeFormat('en', { timeZone });
    } catch {
      throw new SupportHoursError(`"${zoneName}" is not a time zone; end with one like Asia/Baku or UTC`);
    }
    const groups = words.join(' ').split(/[,;]/).map((group) => group.trim()).filter(Boolean);
    if (groups.length === 0) throw new SupportHoursError('give days and hours before the time zone, e.g. "Mon-Fri 09:00-21:00 Asia/Baku"');
    return new SupportHours(groups.map(parseOpening), timeZone);
  }

  isOpen(at: Date = new Date()): boolean {
    const { day, minute } = this.localTime(at);
    const yesterday = (day + 6) % 7;
    return this.openings.some(({ days, start, end }) =>
      end > start ? days.includes(day) && minute >= start && minute < end : (days.includes(day) && minute >= start) || (days.includes(yesterday) && minute < end),
    );
  }

  /** The hours as a player reads them, e.g. "пн–пт 09:00–21:00 (GMT+4)". */
  describe(locale: Locale): string {
    const dayName = new Intl.DateTimeFormat(locale, { weekday: 'short', timeZone: 'UTC' });
    const name = (day: number) => dayName.format(new Date(A_MONDAY + day * 86_400_000));
    const hours = this.openings.map(({ days, start, end }) => {
      const first = days[0] ?? 0;
      const last = days.at(-1) ?? first;
      const span = first === last ? name(first) : `${name(first)}–${name(last)}`;
      return `${span} ${clock(start)}–${clock(end)}`;
    });
    return `${hours.join(', ')} (${zoneLabel(this.timeZone)})`;
  }

  private localTime(at: Date): { day: number; minute: number } {
    const parts = new Intl.DateTimeFormat('en-US', { timeZone: this.timeZone, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(at);
    const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
    return { day: DAYS.indexOf(part('weekday') as (typeof DAYS)[number]), minute: Number(part('hour')) * 60 + Number(part('minute')) };
  }
}

/** The zone's offset from UTC at that moment: "GMT+4", or "GMT" for UTC (the zone's name if the offset cannot be told). */
export function zoneLabel(timeZone: string, at = new Date()): string {
  const offset = new Intl.DateTimeFormat('en', { timeZone, timeZoneName: 'shortOffset' }).formatToParts(at).find((part) => part.type === 'timeZoneName')?.value;
  return offset === 'GMT+0' ? 'GMT' : (offset ?? timeZone);
}

/** "Mon-Fri 09:00-21:00", "Sat 10:00-16:00", "Daily 00:00-24:00". */
function parseOpening(group: string): Opening {
  const match = /^(\w{3}|Daily)(?:-(\w{3}))?\s+(\d\d):(\d\d)-(\d\d):(\d\d)$/i.exec(group);
  if (!match) throw new SupportHoursError(`"${group}" should look like "Mon-Fri 09:00-21:00"`);
  const [, from = '', to, startH, startM, endH, endM] = match;
  const start = Number(startH) * 60 + Number(startM);
  const end = Number(endH) * 60 + Number(endM);
  if (Number(startH) > 23 || Number(startM) > 59 || Number(endM) > 59 || end > 24 * 60) throw new SupportHoursError(`"${group}" has a time that does not exist`);
  if (from.toLowerCase() === 'daily') return { days: [0, 1, 2, 3, 4, 5, 6], start, end };
  const first = dayIndex(from);
  const last = to === undefined ? first : dayIndex(to);
  const days: number[] = [];
  for (let day = first; ; day = (day + 1) % 7) {
    days.push(day);
    if (day === last) break;
  }
  return { days, start, end };
}

function dayIndex(name: string): number {
  const index = DAYS.findIndex((day) => day.toLowerCase() === name.toLowerCase());
  if (index < 0) throw new SupportHoursError(`"${name}" is not a day; use Mon, Tue, Wed, Thu, Fri, Sat, Sun`);
  return index;
}

function clock(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}
