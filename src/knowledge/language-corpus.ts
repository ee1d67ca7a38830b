import type { LanguageExample } from './language-id.js';
import type { Article, KbLocale } from './schemas.js';
import { AZ_CYRILLIC_STYLES, azerbaijaniToCyrillic, RU_LATIN_STYLES, russianToLatin, withoutTurkicLetters } from './transliteration.js';
import { TURKISH_SAMPLE } from './turkish-sample.js';

/** Content written in one locale other than articles: small talk, synonyms, triage examples. */
export interface LocalePhrases {
  locale: KbLocale;
  texts: string[];
}

const CYRILLIC = /[\u0400-\u04FF]/g;
const LATIN = /[a-zçəğıöşü]/gi;
const isMostlyCyrillic = (text: string) => (text.match(CYRILLIC)?.length ?? 0) > (text.match(LATIN)?.length ?? 0);

/** The texts of an article a player's words resemble: title, headings, body and the section questions (tags are mixed-language keywords). */
function articleTexts(article: Article): string[] {
  return [article.title, ...article.sections.flatMap((section) => [section.heading, section.text, ...section.questions])];
}

/**
 * One text in all the ways players write its language. Russian: Cyrillic, and Latin letters in the
 * chat transliterations. Azerbaijani: as written, without ə/ı/ö/ü/ş/ç/ğ, and in Cyrillic letters.
 * A text in another script than its locale's (Russian loanwords typed in Cyrillic in an Azerbaijani
 * file, say) only teaches the locale that script belongs to: Russian's Latin variant, nothing else.
 */
function variants(locale: KbLocale, text: string, n: number): LanguageExample[] {
  const cyrillic = isMostlyCyrillic(text);
  if (locale === 'en') return cyrillic ? [] : [{ variant: 'en', text }];
  if (locale === 'ru') {
    if (!cyrillic) return [{ variant: 'ru-Latn', text }];
    return [
      { variant: 'ru', text },
      { variant: 'ru-Latn', text: russianToLatin(text, n % RU_LATIN_STYLES) },
    ];
  }
  if (cyrillic) return [];
  return [
    { variant: 'az', text },
    { variant: 'az-ascii', text: withoutTurkicLetters(text) },
    { variant: 'az-Cyrl', text: azerbaijaniToCyrillic(text, n % AZ_CYRILLIC_STYLES) },
  ];
}

/**
 * The language identifier's training text: every article and phrase in each of its writing
 * variants, plus the built-in Turkish sample (as written and without Turkish letters). Made one
 * text at a time, so training can pause between them.
 */
export function* languageExamples(articles: Article[], phrases: LocalePhrases[] = []): Generator<LanguageExample> {
  let n = 0;
  for (const article of articles) for (const text of articleTexts(article)) yield* variants(article.locale, text, n++);
  for (const { locale, texts } of phrases) for (const text of texts) yield* variants(locale, text, n++);
  for (const text of TURKISH_SAMPLE) {
    yield { variant: 'tr', text };
    yield { variant: 'tr-ascii', text: withoutTurkicLetters(text) };
  }
}
