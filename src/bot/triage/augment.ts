import type { KbLocale } from '../../knowledge/schemas.js';
import { azerbaijaniToCyrillic, russianToLatin, withoutTurkicLetters } from '../../knowledge/transliteration.js';
import { seededRandom } from './linear-model.js';

/**
 * More ways of writing each example, made at training time, as players write: Russian in Latin
 * letters, Azerbaijani without its special letters (and typed on a Russian keyboard), and typos.
 */

/** Azerbaijani letters as they are typed on a plain Latin keyboard (the other fold is `foldTurkic`). */
const AZ_DIGRAPHS: Record<string, string> = { ş: 'sh', ç: 'ch', ğ: 'gh' };

/** Drops, doubles or swaps one letter in one or two longer words. */
function typo(text: string, random: () => number): string {
  const words = text.split(' ');
  const candidates = words.map((word, i) => (/^\p{L}{4,}$/u.test(word) ? i : -1)).filter((i) => i >= 0);
  if (candidates.length === 0) return text;
  for (let edits = 1 + Math.floor(random() * 2); edits > 0; edits--) {
    const at = candidates[Math.floor(random() * candidates.length)]!;
    const word = words[at]!;
    const pos = 1 + Math.floor(random() * (word.length - 2));
    const kind = Math.floor(random() * 3);
    words[at] =
      kind === 0
        ? word.slice(0, pos) + word.slice(pos + 1)
        : kind === 1
          ? word.slice(0, pos) + word[pos] + word.slice(pos)
          : word.slice(0, pos) + word[pos + 1] + word[pos] + word.slice(pos + 2);
  }
  return words.join(' ');
}

/** The other spellings of one example message written for `locale` (the original not included). */
export function variants(text: string, locale: KbLocale, seed: number): string[] {
  const random = seededRandom(seed);
  const lower = text.toLowerCase();
  const out = [typo(lower, random)];
  if (locale === 'ru' && /[а-яё]/.test(lower)) {
    out.push(russianToLatin(lower, 0), russianToLatin(lower, 1));
  }
  if (locale === 'az') {
    const plain = withoutTurkicLetters(lower.replace(/[şçğ]/g, (letter) => AZ_DIGRAPHS[letter] ?? letter));
    if (plain !== withoutTurkicLetters(lower)) out.push(plain);
    if (/[a-z]/.test(lower)) out.push(azerbaijaniToCyrillic(lower, 1));
  }
  return out.filter((variant) => variant !== lower);
}
