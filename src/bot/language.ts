import type { Locale } from '../conversation/schemas.js';

const CYRILLIC = /[\u0400-\u04FF]/g;
const AZ_LETTERS = /[əƏ]/g;
const TURKIC_LETTERS = /[ğĞıİöÖşŞüÜçÇ]/g;
const LATIN = /[a-z]/gi;

const AZ_WORDS = new Set([
  'salam', 'necə', 'nece', 'niyə', 'niye', 'nə', 'ne', 'mən', 'men', 'sən', 'siz', 'sizin', 'mənim', 'menim',
  'pul', 'hesab', 'hesabım', 'hesabim', 'çıxarış', 'cixaris', 'çıxarmaq', 'cixarmaq', 'edim', 'olar', 'var',
  'yox', 'deyil', 'üçün', 'ucun', 'haqqında', 'haqqinda', 'xahiş', 'xahis', 'edirəm', 'edirem', 'bilərəm',
  'bilerem', 'qədər', 'qeder', 'vaxt', 'gün', 'gun', 'kart', 'kartla', 'kartıma', 'niyə', 'bəs', 'bes', 'hələ',
  'hele', 'çəkir', 'cekir', 'oyun', 'oyunu', 'qaydaları', 'qaydalari', 'operatorla', 'danışmaq', 'danismaq',
  'istəyirəm', 'isteyirem', 'yatırım', 'yatirim', 'balans', 'balansım', 'balansim', 'şifrə', 'sifre', 'unutdum',
]);
const TR_WORDS = new Set([
  'merhaba', 'nasıl', 'nasil', 'para', 'çekme', 'cekme', 'hesabım', 'neden', 'değil', 'degil', 'için', 'icin',
  'istiyorum', 'yatırma', 'yatirma', 'kaç', 'kac', 'gün', 'ne', 'zaman', 'bonusu', 'çevrim', 'cevrim', 'şifremi',
  'unuttum', 'temsilci', 'canlı', 'destek', 'yardım', 'yardim', 'lütfen', 'lutfen', 'mı', 'mi', 'mu', 'mü',
]);
const EN_WORDS = new Set([
  'the', 'how', 'what', 'why', 'when', 'where', 'can', 'i', 'my', 'is', 'do', 'does', 'to', 'a', 'you', 'it',
  'withdraw', 'withdrawal', 'deposit', 'bonus', 'account', 'password', 'please', 'help', 'long', 'much',
]);

export interface DetectedLanguage {
  locale: Locale;
  /** False for messages too short or mixed to tell; the conversation then keeps its language. */
  confident: boolean;
}

function count(text: string, pattern: RegExp): number {
  return text.match(pattern)?.length ?? 0;
}

function wordHits(words: string[], lexicon: Set<string>): number {
  return words.filter((w) => lexicon.has(w)).length;
}

/**
 * Tells ru, az, tr and en apart in short chat messages: Cyrillic means Russian; "ə" means
 * Azerbaijani; otherwise common words and Turkic letters decide between az, tr and en.
 */
export function detectLanguage(text: string): DetectedLanguage {
  const cyrillic = count(text, CYRILLIC);
  const latin = count(text, LATIN);
  if (cyrillic > 0 && cyrillic >= latin) return { locale: 'ru', confident: cyrillic >= 3 };
  if (count(text, AZ_LETTERS) > 0) return { locale: 'az', confident: true };

  const words = text.toLowerCase().match(/[\p{L}]+/gu) ?? [];
  const az = wordHits(words, AZ_WORDS);
  const tr = wordHits(words, TR_WORDS);
  const en = wordHits(words, EN_WORDS);
  const turkic = count(text, TURKIC_LETTERS);
  if (az > 0 && az >= tr && az >= en) return { locale: 'az', confident: az >= 1 && words.length >= 1 };
  if (tr > 0 && tr > az && tr >= en) return { locale: 'tr', confident: true };
  if (turkic > 0) return { locale: 'az', confident: false };
  return { locale: 'en', confident: en > 0 || latin >= 12 };
}
