import { newStemmer } from 'snowball-stemmers';
import { eng, rus, tur } from 'stopword';
import type { Locale } from '../conversation/schemas.js';

/**
 * Text analysis for retrieval: normalisation, stop words and stemming per language, character
 * n-grams for the morphology stemmers miss, and Latin-to-Cyrillic transliteration for Russian typed
 * on a Latin keyboard.
 */

const TURKIC_FOLD: Record<string, string> = { ə: 'e', ı: 'i', ö: 'o', ü: 'u', ş: 's', ç: 'c', ğ: 'g', i̇: 'i' };

const AZ_STOP_WORDS = [
  've', 'ile', 'bu', 'o', 'bir', 'da', 'de', 'ki', 'ne', 'mi', 'mu', 'men', 'sen', 'siz', 'biz', 'onlar', 'ucun',
  'ama', 'amma', 'lakin', 'ya', 'yaxud', 'hem', 'daha', 'cox', 'her', 'nece', 'niye', 'harada', 'hara', 'kim', 'nedir',
  'var', 'yox', 'olar', 'olur', 'edir', 'etmek', 'salam', 'xahis', 'zehmet', 'olmasa', 'deyil', 'bele', 'artiq', 'hele',
  'indi', 'sonra', 'evvel', 'qeder', 'kimi', 'uzre', 'gore', 'haqqinda', 'mene', 'menim', 'sizin', 'bizim', 'sizi',
  'bunu', 'onu', 'sey', 'ola', 'bilerem', 'bilersiniz', 'edim', 'edin', 'edirem', 'olsun', 'ise', 'hansi', 'zaman',
];
const CHAT_NOISE = {
  en: ['hi', 'hello', 'hey', 'pls', 'plz', 'please', 'thanks', 'thank', 'u', 'ur', 'im', 'dont', 'cant', 'can', 'want', 'tell', 'know'],
  ru: ['здравствуйте', 'привет', 'добрый', 'день', 'пожалуйста', 'подскажите', 'скажите', 'спасибо', 'хочу', 'можно', 'нужно', 'надо', 'это', 'мой', 'моя', 'мои', 'мне', 'вас', 'у', 'ли'],
  tr: ['merhaba', 'lutfen', 'tesekkurler', 'nasil', 'neden'],
};

const stopWords: Record<Locale, Set<string>> = {
  en: new Set([...eng, ...CHAT_NOISE.en]),
  ru: new Set([...rus, ...CHAT_NOISE.ru].map((w) => w.replace(/ё/g, 'е'))),
  az: new Set(AZ_STOP_WORDS),
  tr: new Set([...tur, ...CHAT_NOISE.tr].map(foldTurkic)),
};

const snowball = { en: newStemmer('english'), ru: newStemmer('russian'), tr: newStemmer('turkish') };

/** Azerbaijani has no Snowball stemmer: strip the common plural, case, possessive and verb suffixes (folded). */
const AZ_SUFFIXES = [
  'larinizin', 'lerinizin', 'lariniz', 'leriniz', 'larimiz', 'lerimiz', 'larin', 'lerin', 'lari', 'leri', 'lar', 'ler',
  'masi', 'mesi', 'maq', 'mek', 'nin', 'nun', 'niz', 'nuz', 'miz', 'muz', 'dan', 'den', 'tan', 'ten', 'dir', 'dur',
  'sin', 'sun', 'siz', 'suz', 'li', 'lu', 'da', 'de', 'ta', 'te', 'ni', 'nu', 'si', 'su', 'ya', 'ye', 'na', 'ne',
  'im', 'um', 'in', 'un', 'iq', 'uq', 'ib', 'ub', 'ir', 'ur', 'ar', 'er', 'a', 'e', 'i', 'u',
];

function stemAz(word: string): string {
  let stem = word;
  for (let pass = 0; pass < 3; pass++) {
    const suffix = AZ_SUFFIXES.find((s) => stem.endsWith(s) && stem.length - s.length >= 4);
    if (!suffix) break;
    stem = stem.slice(0, -suffix.length);
  }
  return stem;
}

export function foldTurkic(text: string): string {
  return text.replace(/[əıöüşçğ]|i̇/g, (ch) => TURKIC_FOLD[ch] ?? ch);
}

/** Lowercase, compatibility-normalised, ё as е; for az and tr the special letters folded to ASCII. */
export function normalize(text: string, locale: Locale): string {
  const lower = text.normalize('NFKC').replace(/İ/g, 'i').toLowerCase().replace(/ё/g, 'е');
  return locale === 'az' || locale === 'tr' ? foldTurkic(lower) : lower;
}

export function words(text: string, locale: Locale): string[] {
  return normalize(text, locale).match(/[\p{L}\p{N}]+/gu) ?? [];
}

function stem(word: string, locale: Locale): string {
  if (/^\p{N}+$/u.test(word)) return word;
  const cyrillic = /[а-я]/.test(word);
  if (cyrillic) return snowball.ru.stem(word);
  if (locale === 'az') return stemAz(word);
  if (locale === 'tr') return snowball.tr.stem(word);
  return snowball.en.stem(word);
}

export function isStopWord(word: string, locale: Locale): boolean {
  return stopWords[locale].has(word) || (locale !== 'en' && stopWords.en.has(word) && !/[а-я]/.test(word));
}

/** A single word (already from `words`) to its index term, or null for a stop word. */
export function indexTerm(word: string, locale: Locale): string | null {
  if (isStopWord(word, locale)) return null;
  return stem(word, locale);
}

/** The content terms of a text: stop words out, stems in. */
export function terms(text: string, locale: Locale): string[] {
  return words(text, locale)
    .map((w) => indexTerm(w, locale))
    .filter((t): t is string => t !== null);
}

/** Each pair of neighbouring terms, order-free ("limit on my deposits" meets "deposit limits"). */
function neighbourPairs(single: string[]): string[] {
  const pairs: string[] = [];
  for (let i = 1; i < single.length; i++) {
    const [a, b] = [single[i - 1]!, single[i]!].sort();
    if (a !== b) pairs.push(`${a}+${b}`);
  }
  return pairs;
}

/**
 * Content terms plus each pair of neighbouring terms: phrases such as "max bet", "free spins" or
 * "sms code" then outrank articles that merely use both words far apart.
 */
export function termsWithPairs(text: string, locale: Locale): string[] {
  const single = terms(text, locale);
  return [...single, ...neighbourPairs(single)];
}

/** Character n-grams of one word, with its boundaries marked. */
function wordGrams(word: string, n: number): string[] {
  const padded = `_${word}_`;
  if (padded.length <= n) return [padded];
  const grams: string[] = [];
  for (let i = 0; i + n <= padded.length; i++) grams.push(padded.slice(i, i + n));
  return grams;
}

/** Character trigrams of each content word, with word boundaries marked. */
export function ngrams(text: string, locale: Locale, n = 3): string[] {
  return words(text, locale)
    .filter((word) => !isStopWord(word, locale))
    .flatMap((word) => wordGrams(word, n));
}

/**
 * How much of one message a search reads. Its cost grows with the distinct terms, pairs and
 * trigrams it looks up (and fuzzy matching with each term's length), so a long or hostile message
 * is searched as a question-sized one. For scale, an evaluation question has 4 distinct terms and
 * 26 trigrams at the median, 7 and 44 at the 90th percentile, and the kb:eval figures are the same
 * with and without these limits. The whole message is still stored, shown to agents and triaged.
 */
export const QUERY_LIMITS = { chars: 300, wordChars: 24, terms: 16, pairs: 16, grams: 64 } as const;

/** The start of a message that search reads: at most `QUERY_LIMITS.chars`, not cut inside a word. */
export function searchablePrefix(text: string): string {
  if (text.length <= QUERY_LIMITS.chars) return text;
  const cut = text.slice(0, QUERY_LIMITS.chars);
  const lastSpace = Math.max(cut.lastIndexOf(' '), cut.lastIndexOf('\n'));
  return lastSpace > 0 ? cut.slice(0, lastSpace) : cut;
}

export interface QueryAnalysis {
  /** Content terms in order, repeats kept (a repeated word weighs more). */
  terms: string[];
  /** Neighbour pairs of those terms. */
  pairs: string[];
  /** Character trigrams of the content words. */
  grams: string[];
}

/** Keeps the items of `list` that are among its first `limit` distinct ones, repeats included. */
function firstDistinct(list: string[], limit: number): string[] {
  const kept = new Set<string>();
  return list.filter((item) => {
    if (!kept.has(item) && kept.size >= limit) return false;
    kept.add(item);
    return true;
  });
}

/**
 * A question analysed as `termsWithPairs` and `ngrams` analyse text, but bounded by `QUERY_LIMITS`:
 * words cut to `wordChars`, then only the first `terms` distinct terms (and their words' trigrams),
 * `pairs` distinct pairs and `grams` distinct trigrams. Within the limits nothing is left out.
 */
export function analyseQuery(text: string, locale: Locale): QueryAnalysis {
  const content = words(text, locale)
    .map((whole) => {
      const word = whole.slice(0, QUERY_LIMITS.wordChars);
      return { word, term: indexTerm(word, locale) };
    })
    .filter((item): item is { word: string; term: string } => item.term !== null);
  const keptTerms = new Set(firstDistinct(content.map((item) => item.term), QUERY_LIMITS.terms));
  const kept = content.filter((item) => keptTerms.has(item.term));
  const single = kept.map((item) => item.term);
  return {
    terms: single,
    pairs: firstDistinct(neighbourPairs(single), QUERY_LIMITS.pairs),
    grams: firstDistinct(kept.flatMap((item) => wordGrams(item.word, 3)), QUERY_LIMITS.grams),
  };
}

const TRANSLIT: Array<[RegExp, string]> = [
  [/shch/g, 'щ'], [/sch/g, 'щ'], [/yo/g, 'е'], [/jo/g, 'е'], [/yu/g, 'ю'], [/ju/g, 'ю'], [/ya/g, 'я'], [/ja/g, 'я'],
  [/zh/g, 'ж'], [/kh/g, 'х'], [/ts/g, 'ц'], [/ch/g, 'ч'], [/sh/g, 'ш'], [/iy\b/g, 'ий'], [/yy\b/g, 'ый'], [/ey\b/g, 'ей'],
  [/oy\b/g, 'ой'], [/ay\b/g, 'ай'], [/x/g, 'кс'], [/'/g, 'ь'],
];
const LETTERS: Record<string, string> = {
  a: 'а', b: 'б', v: 'в', g: 'г', d: 'д', e: 'е', z: 'з', i: 'и', y: 'ы', k: 'к', l: 'л', m: 'м', n: 'н', o: 'о',
  p: 'п', r: 'р', s: 'с', t: 'т', u: 'у', f: 'ф', h: 'х', c: 'ц', w: 'в', j: 'й', q: 'к',
};

/** "kak vyvesti dengi" → "как вывести денги": close enough for stems and trigrams to find Russian articles. */
export function transliterateToCyrillic(text: string): string {
  let out = text.toLowerCase();
  for (const [pattern, replacement] of TRANSLIT) out = out.replace(pattern, replacement);
  return out.replace(/[a-z]/g, (ch) => LETTERS[ch] ?? ch);
}
