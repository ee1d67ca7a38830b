import { describe, expect, it } from 'vitest';
import { localize } from '../../src/core/messages.js';
import { formatEta } from '../../src/core/queue-wording.js';

describe('waiting times as players read them', () => {
  it('says minutes up to an hour and a half, then hours', () => {
    expect(formatEta('en', 30)).toBe('under a minute');
    expect(formatEta('en', 600)).toBe('about 10 minutes');
    expect(formatEta('en', 120_000)).toBe('about 33 hours');
    expect(formatEta('ru', 120_000)).toBe('около 33 часов');
    expect(formatEta('az', 7200)).toBe('təxminən 2 saat');
  });

  it('says "about" once in a position update, in every language', () => {
    for (const locale of ['en', 'ru', 'az', 'tr'] as const) {
      const text = localize(locale, 'positionUpdate', { ticketId: 'T-AB12', position: 3, wait: localize(locale, 'expectedWait', { eta: formatEta(locale, 4483 * 60) }) });
      expect(text, locale).not.toMatch(/(about|около|təxminən|yaklaşık)\s+(about|около|təxminən|yaklaşık)/);
      expect(text).toContain('75');
    }
  });
});
