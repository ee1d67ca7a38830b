import { newStemmer } from 'snowball-stemmers';
import { eng, rus, tur } from 'stopword';
import type { Locale } from '../core/schemas.js';

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

/** Many Azerbaijani roots have three letters (yaş, pul, gün): "yaşdan" is "yaş", "pulu" is "pul". */
const MIN_AZ_STEM = 3;

function stemAz(word: string): string {
  let stem = word;
  for (let pass = 0; pass < 3; pass++) {
    const suffix = AZ_SUFFIXES.find((s) => stem.endsWith(s) && stem.length - s.length >= MIN_AZ_STEM);
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

/** Lower case, ё → е, Azerbaijani letters folded to ASCII, quotes and apostrophes as "'". */
export function matchText(text: string): string {
  return normalize(text, 'az').replace(/[’`]/g, "'").replace(/\s+/g, ' ').trim();
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

/** A content word as the index sees it: its term (stem) and its character trigrams. */
interface AnalysedWord {
  term: string;
  grams: Int32Array;
}

/** Words seen per locale → their analysis (null for a stop word): Snowball is the costliest step of analysis. */
const wordCache: Record<Locale, Map<string, AnalysedWord | null>> = { en: new Map(), ru: new Map(), az: new Map(), tr: new Map() };
/** A vocabulary far larger than any knowledge base's; past it (an attacker's random words) the cache starts over. */
const WORD_CACHE_SIZE = 200_000;

/** One word (already from `words`) analysed, or null for a stop word. */
function analyseWord(word: string, locale: Locale): AnalysedWord | null {
  const cache = wordCache[locale];
  let analysed = cache.get(word);
  if (analysed === undefined) {
    analysed = isStopWord(word, locale) ? null : { term: stem(word, locale), grams: wordGrams(word) };
    if (cache.size >= WORD_CACHE_SIZE) cache.clear();
    cache.set(word, analysed);
  }
  return analysed;
}

/** A single word (already from `words`) to its index term, or null for a stop word. */
export function indexTerm(word: string, locale: Locale): string | null {
  return analyseWord(word, locale)?.term ?? null;
}

/** The content terms of a text: stop words out, stems in. */
export function terms(text: string, locale: Locale): string[] {
  return words(text, locale)
    .map((w) => indexTerm(w, locale))
    .filter((t): t is string => t !== null);
}

/** Two neighbouring terms as one, order-free ("limit on my deposits" meets "deposit limits"). */
const pairOf = (a: string, b: string) => (a < b ? `${a}+${b}` : `${b}+${a}`);

/**
 * A character as 10 bits of a trigram's number: ASCII and Cyrillic as they are, any other letter
 * folded into the remaining slots (rare scripts may share a slot; a trigram is a hint, not a word).
 */
function gramChar(code: number): number {
  if (code < 0x80) return code;
  if (code >= 0x400 && code < 0x500) return 0x80 + (code - 0x400);
  return 0x180 + (code % 0x280);
}

/** The code of character `i` of `_word_` (the word with its boundaries marked). */
function paddedCode(word: string, i: number): number {
  return i === 0 || i === word.length + 1 ? 95 : gramChar(word.charCodeAt(i - 1));
}

/**
 * The character trigrams of one word, boundaries marked ("_bo", "bon", …, "us_"), each as a small
 * integer, so that indexing millions of them allocates no strings.
 */
function wordGrams(word: string): Int32Array {
  const grams = new Int32Array(word.length);
  for (let i = 0; i < word.length; i++) grams[i] = (paddedCode(word, i) << 20) | (paddedCode(word, i + 1) << 10) | paddedCode(word, i + 2);
  return grams;
}

export interface TextTokens {
  /** Content terms, then each pair of neighbouring terms: phrases such as "max bet" or "sms code" then outrank articles that merely use both words far apart. */
  terms: string[];
  /** Character trigrams of each content word, for the morphology stemmers miss. */
  grams: Int32Array[];
}

/** A text as the index stores it, analysed in one pass. */
export function textTokens(text: string, locale: Locale): TextTokens {
  const tokens: TextTokens = { terms: [], grams: [] };
  let previous: string | undefined;
  const pairs: string[] = [];
  for (const word of words(text, locale)) {
    const analysed = analyseWord(word, locale);
    if (analysed === null) continue;
    tokens.terms.push(analysed.term);
    tokens.grams.push(analysed.grams);
    if (previous !== undefined && previous !== analysed.term) pairs.push(pairOf(previous, analysed.term));
    previous = analysed.term;
  }
  for (const pair of pairs) tokens.terms.push(pair);
  return tokens;
}

/**
 * How much of one message a search reads. Its cost grows with the distinct terms, pairs and
 * trigrams it looks up (and fuzzy matching with each term's length), so a long or hostile message
 * is searched as a question-sized one. For scale, an evaluation question has 4 distinct terms and
 * 26 trigrams at the median, 7 and 44 at the 90th percentile, and the kb:eval figures are the same
 * with and without these limits. The whole message is still stored, shown to agents and triaged.
 */
export const QUERY_LIMITS = { chars: 300, wordChars: 24, terms: 16, pairs: 16, grams: 64 } as const;

/** The start of a message that search reads: at most `limit` characters, not cut inside a word. */
export function searchablePrefix(text: string, limit: number = QUERY_LIMITS.chars): string {
  if (text.length <= limit) return text;
  const cut = text.slice(0, limit);
  const lastSpace = Math.max(cut.lastIndexOf(' '), cut.lastIndexOf('\n'));
  return lastSpace > 0 ? cut.slice(0, lastSpace) : cut;
}

/** A stretch of a message and how much its words count (a sentence that asks something counts fully). */
export interface QueryPart {
  text: string;
  weight: number;
}

export interface QueryAnalysis {
  /** Content terms in order, repeats kept (a repeated word weighs more), each with its part's weight. */
  terms: Array<{ term: string; weight: number }>;
  /** Distinct neighbour pairs of those terms (within a part) → summed weight. */
  pairs: Map<string, number>;
  /** Distinct character trigrams of the content words (as `textTokens` numbers them) → summed weight. */
  grams: Map<number, number>;
}

/** Adds `weight` to `key` unless the map is full and the key new. */
function addBounded<K>(map: Map<K, number>, key: K, weight: number, limit: number): void {
  const current = map.get(key);
  if (current !== undefined) map.set(key, current + weight);
  else if (map.size < limit) map.set(key, weight);
}

/**
 * A question analysed as the index analyses section text (terms, neighbouring pairs, trigrams), but bounded by `QUERY_LIMITS`:
 * words cut to `wordChars`, then only the first `terms` distinct terms (and their words' trigrams),
 * `pairs` distinct pairs and `grams` distinct trigrams. Within the limits nothing is left out.
 */
export function analyseQuery(parts: readonly QueryPart[], locale: Locale): QueryAnalysis {
  const kept = new Set<string>();
  const analysis: QueryAnalysis = { terms: [], pairs: new Map(), grams: new Map() };
  for (const { text, weight } of parts) {
    let previous: string | undefined;
    for (const whole of words(text, locale)) {
      const analysed = analyseWord(whole.slice(0, QUERY_LIMITS.wordChars), locale);
      if (analysed === null) continue;
      const { term, grams } = analysed;
      if (!kept.has(term)) {
        if (kept.size >= QUERY_LIMITS.terms) continue;
        kept.add(term);
      }
      analysis.terms.push({ term, weight });
      if (previous !== undefined && previous !== term) addBounded(analysis.pairs, pairOf(previous, term), weight, QUERY_LIMITS.pairs);
      previous = term;
      for (const gram of grams) addBounded(analysis.grams, gram, weight, QUERY_LIMITS.grams);
    }
  }
  return analysis;
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
