import { z } from 'zod';
import { KbLocale } from './schemas.js';
import { parseLocaleFile, readLocaleFile } from './locale-file.js';

export const SMALL_TALK_KINDS = ['thanks', 'ok', 'greeting', 'bye', 'bot'] as const;
export type SmallTalkKind = (typeof SMALL_TALK_KINDS)[number];

const phrase = z.string().trim().min(1).max(120);

/** `knowledge/language/<locale>.yaml`: the words players use, maintained as content. */
export const LanguageFile = z
  .object({
    locale: KbLocale,
    /** Each group: words and phrases that mean the same thing to a player (expanded at query time). */
    synonyms: z.array(z.array(phrase).min(2, 'a synonym group needs at least two entries').max(40)).max(2000).default([]),
    /** Whole messages that need a short friendly reply, by kind. */
    smallTalk: z.partialRecord(z.enum(SMALL_TALK_KINDS), z.array(phrase).max(200)).default({}),
  })
  .strict();

export type LanguageResources = {
  locale: KbLocale;
  synonyms: string[][];
  smallTalk: Partial<Record<SmallTalkKind, string[]>>;
};

export const emptyLanguageResources = (locale: KbLocale): LanguageResources => ({ locale, synonyms: [], smallTalk: {} });

export const languageFileName = (locale: KbLocale) => `language/${locale}.yaml`;

/** Parses one language file; `file` is relative to the knowledge folder, e.g. `language/ru.yaml`. */
export function parseLanguageFile(file: string, locale: KbLocale, source: string): LanguageResources {
  const { synonyms, smallTalk } = parseLocaleFile(file, locale, source, LanguageFile);
  return { locale, synonyms, smallTalk };
}

/** Loads `knowledge/language/<locale>.yaml`; a missing file means no synonyms and no small talk. */
export async function loadLanguageResources(dir: string, locale: KbLocale): Promise<LanguageResources> {
  const file = languageFileName(locale);
  const source = await readLocaleFile(dir, file);
  return source === undefined ? emptyLanguageResources(locale) : parseLanguageFile(file, locale, source);
}
