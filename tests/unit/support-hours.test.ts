import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { SupportHours } from '../../src/core/support-hours.js';

/** 2026-12-01 is a Tuesday. */
const at = (iso: string) => new Date(iso);

describe('support hours', () => {
  it('is open within the hours of the listed days in the named time zone, and closed outside them', () => {
    const hours = SupportHours.parse('Mon-Fri 09:00-21:00 Asia/Baku');
    expect(hours.isOpen(at('2026-12-01T05:00:00Z'))).toBe(true); // 09:00 in Baku
    expect(hours.isOpen(at('2026-12-01T04:59:00Z'))).toBe(false); // 08:59
    expect(hours.isOpen(at('2026-12-01T17:00:00Z'))).toBe(false); // 21:00, closing time
    expect(hours.isOpen(at('2026-12-05T10:00:00Z'))).toBe(false); // Saturday
  });

  it('reads several openings, a range over the week end, and one past midnight', () => {
    const hours = SupportHours.parse('Sat-Sun 10:00-16:00, Fri 22:00-02:00 UTC');
    expect(hours.isOpen(at('2026-12-05T12:00:00Z'))).toBe(true); // Saturday noon
    expect(hours.isOpen(at('2026-12-04T23:30:00Z'))).toBe(true); // Friday night
    expect(hours.isOpen(at('2026-12-05T01:30:00Z'))).toBe(true); // Saturday 01:30, still Friday's opening
    expect(hours.isOpen(at('2026-12-05T02:00:00Z'))).toBe(false);
    expect(hours.isOpen(at('2026-12-01T12:00:00Z'))).toBe(false); // Tuesday
  });

  it("describes the hours in the player's language with the zone's offset", () => {
    const hours = SupportHours.parse('Mon-Fri 09:00-21:00 Asia/Baku');
    expect(hours.describe('en')).toBe('Mon–Fri 09:00–21:00 (GMT+4)');
    expect(hours.describe('ru')).toBe('пн–пт 09:00–21:00 (GMT+4)');
  });

  it('accepts Europe/Baku, the name the specification uses, as Baku', () => {
    expect(SupportHours.parse('Mon-Fri 09:00-21:00 Europe/Baku').timeZone).toBe('Asia/Baku');
  });

  it('refuses a bad setting at start with what is wrong, one line per setting', () => {
    for (const [value, said] of [
      ['Mon-Fri 09:00-21:00 Mars/Olympus', /"Mars\/Olympus" is not a time zone/],
      ['Someday 09:00-21:00 UTC', /should look like "Mon-Fri 09:00-21:00"|is not a day/],
      ['Mon-Fri 25:00-26:00 UTC', /a time that does not exist/],
      ['UTC', /give days and hours/],
    ] as const) {
      expect(() => loadConfig({ NODE_ENV: 'test', SUPPORT_HOURS: value }), value).toThrow(said);
    }
    expect(() => loadConfig({ NODE_ENV: 'test', HANDOFF_TEAMS: 'fraud:risk' })).toThrow(/HANDOFF_TEAMS.*"fraud" is not a handoff reason/);
    expect(loadConfig({ NODE_ENV: 'test', HANDOFF_TEAMS: 'responsible_gambling:rg, dispute:complaints' }).config.HANDOFF_TEAMS).toEqual({ responsible_gambling: 'rg', dispute: 'complaints' });
  });
});
