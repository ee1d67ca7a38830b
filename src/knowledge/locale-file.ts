import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { z } from 'zod';
import { KnowledgeFileError } from './load.js';
import type { KbLocale } from './schemas.js';
import { parsePlainYaml } from './yaml.js';

/**
 * Parses one per-locale content file (`language/ru.yaml`, `triage/ru.yaml`) against its schema;
 * `file` is relative to the knowledge folder and named in every error, and the file's `locale` must
 * be the one its name says.
 */
export function parseLocaleFile<S extends z.ZodType<{ locale: KbLocale }>>(file: string, locale: KbLocale, source: string, schema: S): z.infer<S> {
  let data: unknown;
  try {
    data = parsePlainYaml(source);
  } catch (error) {
    throw new KnowledgeFileError(file, error instanceof Error ? error.message : String(error));
  }
  const parsed = schema.safeParse(data ?? {});
  if (!parsed.success) {
    throw new KnowledgeFileError(file, parsed.error.issues.map((i) => `${i.path.join('.') || 'file'}: ${i.message}`).join('; '));
  }
  if (parsed.data.locale !== locale) throw new KnowledgeFileError(file, `locale "${parsed.data.locale}" does not match the file name "${locale}.yaml"`);
  return parsed.data;
}

/** The text of a per-locale content file, or undefined when there is none. */
export async function readLocaleFile(dir: string, file: string): Promise<string | undefined> {
  try {
    return await readFile(join(dir, file), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new KnowledgeFileError(file, error instanceof Error ? error.message : String(error));
  }
}
