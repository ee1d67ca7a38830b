import { describe, expect, it } from 'vitest';
import { Locale } from '../../src/core/schemas.js';
import { firstSupportedLocale, nearestLocale } from '../../src/channels/webchat/locale-tag.js';

describe('language tags from browsers and embed codes', () => {
  it.each([
    ['en-US', 'en'],
    ['ru-RU', 'ru'],
    ['az-Latn-AZ', 'az'],
    ['az-Cyrl', 'az'],
    ['tr', 'tr'],
    ['tr-TR', 'tr'],
    ['RU', 'ru'],
    ['ru_RU', 'ru'],
    [' en-GB ', 'en'],
  ])('maps %j to the language we speak, %s', (tag, locale) => {
    expect(nearestLocale(tag, Locale.options)).toBe(locale);
  });

  it.each([['de'], ['de-DE'], [''], ['   '], ['-ru'], ['russian'], ['<script>'], [null], [undefined]])(
    'maps %j, a language we do not speak, to nothing so the caller falls back',
    (tag) => {
      expect(nearestLocale(tag, Locale.options)).toBeUndefined();
    },
  );

  it('takes the first preferred language we speak, as in navigator.languages', () => {
    expect(firstSupportedLocale(['de', 'de-DE', 'ru-RU', 'en'], Locale.options)).toBe('ru');
    expect(firstSupportedLocale(['', null, 'az-AZ'], Locale.options)).toBe('az');
    expect(firstSupportedLocale(['de', 'fr-FR'], Locale.options)).toBeUndefined();
  });
});
