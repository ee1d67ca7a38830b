import { readdir, readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { z } from 'zod';
import { KnowledgeFileError, readFrontMatter } from './load.js';
import { REPLY_PLACEHOLDERS, unknownPlaceholders } from './reply-placeholders.js';
import { KB_LOCALES, type KbLocale } from './schemas.js';

/** `knowledge/replies/<locale>/<name>.md`: the team's canned replies, content like the articles. */
export const REPLIES_FOLDER = 'replies';

const NAME = /^[a-z0-9]+(-[a-z0-9]+)*$/;

export const ReplyFrontMatter = z
  .object({
    title: z.string().trim().min(3).max(80),
    /** What the agent types in the reply box: "/" and lower-case words joined by "-". */
    shortcut: z.string().regex(/^\/[a-z0-9]+(-[a-z0-9]+)*$/, 'must be "/" and lower-case letters, digits and "-" (e.g. /withdrawal-delay)').max(40),
  })
  .strict();

/** One canned reply as the agent API serves it; `text` keeps its `{placeholders}` for the console to fill. */
export interface TeamReply {
  /** The file name without `.md`: the same in every language. */
  name: string;
  locale: KbLocale;
  title: string;
  shortcut: string;
  text: string;
}

export const replyFile = (locale: KbLocale, name: string) => `${REPLIES_FOLDER}/${locale}/${name}.md`;

/** Parses one reply file; `file` is relative to the knowledge folder, e.g. `replies/ru/withdrawal-delay.md`. */
export function parseReplyFile(file: string, locale: KbLocale, source: string): TeamReply {
  const name = basename(file, '.md');
  if (!NAME.test(name)) throw new KnowledgeFileError(file, 'the file name must be lower-case words joined by "-" (e.g. withdrawal-delay.md)');
  const { data, body } = readFrontMatter(file, source, ReplyFrontMatter, 'title, shortcut');
  const text = body.trim();
  if (text === '') throw new KnowledgeFileError(file, 'the reply has no text');
  const unknown = unknownPlaceholders(text);
  if (unknown.length > 0) {
    const known = REPLY_PLACEHOLDERS.map((placeholder) => `{${placeholder}}`).join(', ');
    throw new KnowledgeFileError(file, `unknown placeholder${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')}: the console fills in only ${known}`);
  }
  return { name, locale, title: data.title, shortcut: data.shortcut, text };
}

/** The markdown files of every locale's reply folder, relative to the knowledge folder. */
export async function listReplyFiles(dir: string): Promise<Array<{ file: string; locale: KbLocale }>> {
  const files: Array<{ file: string; locale: KbLocale }> = [];
  for (const locale of KB_LOCALES) {
    const entries = await readdir(join(dir, REPLIES_FOLDER, locale)).catch(() => [] as string[]);
    for (const entry of entries.sort()) if (entry.endsWith('.md')) files.push({ file: `${REPLIES_FOLDER}/${locale}/${entry}`, locale });
  }
  return files;
}

export async function loadReplyFile(dir: string, file: string, locale: KbLocale): Promise<TeamReply> {
  return parseReplyFile(file, locale, await readFile(join(dir, file), 'utf8'));
}

export interface ReplyLoadResult {
  replies: TeamReply[];
  errors: KnowledgeFileError[];
}

/** Loads every reply; a file that fails is reported in `errors` and left out. */
export async function loadTeamReplies(dir: string): Promise<ReplyLoadResult> {
  const result: ReplyLoadResult = { replies: [], errors: [] };
  for (const { file, locale } of await listReplyFiles(dir)) {
    try {
      result.replies.push(await loadReplyFile(dir, file, locale));
    } catch (error) {
      result.errors.push(error instanceof KnowledgeFileError ? error : new KnowledgeFileError(file, String(error)));
    }
  }
  return result;
}
