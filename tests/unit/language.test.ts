import { describe, expect, it } from 'vitest';
import { detectLanguage } from '../../src/bot/language.js';

describe('language detection', () => {
  it.each([
    ['Как вывести деньги на карту?', 'ru'],
    ['Pulu karta necə çıxarım?', 'az'],
    ['pulu nece cixarim', 'az'],
    ['How long does a withdrawal take?', 'en'],
    ['Para çekme ne kadar sürer, yardım lütfen', 'tr'],
  ])('reads %j as %s', (text, locale) => {
    expect(detectLanguage(text)).toMatchObject({ locale, confident: true });
  });

  it('is not confident about a message too short to tell', () => {
    expect(detectLanguage('ok').confident).toBe(false);
    expect(detectLanguage('👍').confident).toBe(false);
  });
});
