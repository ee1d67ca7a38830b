import { transliterate } from 'transliteration';
import { foldTurkic } from './analysis.js';

/**
 * How players write one language in another alphabet, for generating training copies of our own
 * text: Russian typed on a Latin keyboard, Azerbaijani typed on a Russian keyboard, Azerbaijani
 * without its special letters. Each has several spellings in use; `style` picks one, so a corpus
 * transliterated with every style covers them all.
 */

/**
 * Russian chat spellings beyond the library's default ("skolko", "vyvod", "hochu"): passport-like
 * ("khochu", "iu", "ts") and quick phone typing ("wo", "ja", "xorosho").
 */
const RU_LATIN_STYLES_REPLACE: Array<Array<[string, string]>> = [
  [],
  [['х', 'kh'], ['й', 'i'], ['ц', 'ts'], ['ю', 'iu'], ['я', 'ia'], ['ь', "'"]],
  [['ж', 'j'], ['х', 'x'], ['ш', 'w'], ['щ', 'sh'], ['ы', 'i'], ['й', 'j'], ['ю', 'ju'], ['я', 'ja'], ['ё', 'e']],
];
export const RU_LATIN_STYLES = RU_LATIN_STYLES_REPLACE.length;

/** "сколько идёт вывод" → "skolko idyot vyvod" (style 0), "skol'ko idet vyvod" (style 1)… */
export function russianToLatin(text: string, style = 0): string {
  return transliterate(text.toLowerCase(), { replace: RU_LATIN_STYLES_REPLACE[style % RU_LATIN_STYLES] });
}

/** Azerbaijani Latin → Cyrillic: the official 1958 alphabet, and a Russian keyboard's nearest letters. */
const AZ_TO_CYRILLIC: Record<string, [string, string]> = {
  a: ['а', 'а'], b: ['б', 'б'], c: ['ҹ', 'дж'], ç: ['ч', 'ч'], d: ['д', 'д'], e: ['е', 'е'], ə: ['ә', 'е'],
  f: ['ф', 'ф'], g: ['ҝ', 'г'], ğ: ['ғ', 'г'], h: ['һ', 'х'], x: ['х', 'х'], ı: ['ы', 'ы'], i: ['и', 'и'],
  j: ['ж', 'ж'], k: ['к', 'к'], q: ['г', 'г'], l: ['л', 'л'], m: ['м', 'м'], n: ['н', 'н'], o: ['о', 'о'],
  ö: ['ө', 'ё'], p: ['п', 'п'], r: ['р', 'р'], s: ['с', 'с'], ş: ['ш', 'ш'], t: ['т', 'т'], u: ['у', 'у'],
  ü: ['ү', 'ю'], v: ['в', 'в'], y: ['ј', 'й'], z: ['з', 'з'],
};
export const AZ_CYRILLIC_STYLES = 2;

/** "pulu necə çıxarım" → "пулу нечә чыхарым" (style 0), "пулу нече чыхарым" (style 1). */
export function azerbaijaniToCyrillic(text: string, style = 0): string {
  return text
    .replace(/İ/g, 'i')
    .toLowerCase()
    .replace(/[a-zçəğıöşü]/g, (ch) => AZ_TO_CYRILLIC[ch]?.[style % AZ_CYRILLIC_STYLES] ?? ch);
}

/** Azerbaijani or Turkish as typed on a keyboard without ə, ı, ö, ü, ş, ç, ğ: "necə çıxarım" → "nece cixarim". */
export function withoutTurkicLetters(text: string): string {
  return foldTurkic(text.replace(/İ/g, 'i').toLowerCase());
}
