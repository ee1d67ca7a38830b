import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { KnowledgeFileError } from './load.js';
import { KbLocale } from './schemas.js';
import { parsePlainYaml } from './yaml.js';

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
  let data: unknown;
  try {
    data = parsePlainYaml(source);
  } catch (error) {
    throw new KnowledgeFileError(file, error instanceof Error ? error.message : String(error));
  }
  const parsed = LanguageFile.safeParse(data ?? {});
  if (!parsed.success) {
    throw new KnowledgeFileError(file, parsed.error.issues.map((i) => `${i.path.join('.') || 'file'}: ${i.message}`).join('; '));
  }
  if (parsed.data.locale !== locale) throw new KnowledgeFileError(file, `locale "${parsed.data.locale}" does not match the file name "${locale}.yaml"`);
  return { locale, synonyms: parsed.data.synonyms, smallTalk: parsed.data.smallTalk };
}

/** Loads `knowledge/language/<locale>.yaml`; a missing file means no synonyms and no small talk. */
export async function loadLanguageResources(dir: string, locale: KbLocale): Promise<LanguageResources> {
  const file = languageFileName(locale);
  let source: string;
  try {
    source = await readFile(join(dir, file), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return emptyLanguageResources(locale);
    throw new KnowledgeFileError(file, error instanceof Error ? error.message : String(error));
  }
  return parseLanguageFile(file, locale, source);
}
