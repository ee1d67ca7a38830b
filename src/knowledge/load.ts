import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { basename, dirname, join, relative } from 'node:path';
import type { z } from 'zod';
import { AppError } from '../errors.js';
import { type FrontMatterFile, splitFrontMatter } from './front-matter.js';
import { headingDepths, knowledgeLinks, splitSections } from './markdown.js';
import { RecentValues } from './recent-values.js';
import { type Article, FrontMatter, KB_LOCALES, type Section } from './schemas.js';

/** One knowledge file that cannot be served, with what to fix. */
export class KnowledgeFileError extends AppError {
  constructor(
    readonly file: string,
    problem: string,
  ) {
    super('invalid_knowledge_file', `${file}: ${problem}`, 500);
  }
}

export function contentHash(source: string): string {
  return createHash('sha256').update(source).digest('hex').slice(0, 16);
}

const isEmpty = (data: unknown) => data === undefined || data === null || (typeof data === 'object' && Object.keys(data).length === 0);

/**
 * Splits a content file's front matter from its markdown and checks it against `schema`; every
 * problem is a KnowledgeFileError naming `file`, and `fields` lists what a missing block should hold.
 */
export function readFrontMatter<S extends z.ZodType>(file: string, source: string, schema: S, fields: string): { data: z.output<S>; body: string } {
  let parsed: FrontMatterFile;
  try {
    parsed = splitFrontMatter(source);
  } catch (error) {
    throw new KnowledgeFileError(file, error instanceof Error ? error.message : String(error));
  }
  if (isEmpty(parsed.data)) throw new KnowledgeFileError(file, `missing front matter (--- ${fields} ---)`);
  const front = schema.safeParse(parsed.data);
  if (!front.success) {
    throw new KnowledgeFileError(file, front.error.issues.map((i) => `${i.path.join('.') || 'front matter'}: ${i.message}`).join('; '));
  }
  return { data: front.data, body: parsed.body };
}

/** Parses one article file; `file` is relative to the knowledge folder, e.g. `ru/bonus-wagering.md`. */
export function parseArticle(file: string, source: string): Article {
  const parsed = readFrontMatter(file, source, FrontMatter, 'id, locale, title, category, tags, updated');
  const meta = parsed.data;
  const folder = basename(dirname(file));
  if (folder !== meta.locale) throw new KnowledgeFileError(file, `locale "${meta.locale}" does not match its folder "${folder}/"`);
  if (basename(file, '.md') !== meta.id) throw new KnowledgeFileError(file, `id "${meta.id}" does not match the file name`);

  const hash = contentHash(source);
  const parts = splitSections(parsed.body);
  const sections: Section[] = parts
    .filter((section) => section.text !== '')
    .map((section, index) => ({
      key: `${meta.locale}/${meta.id}#${index}`,
      articleId: meta.id,
      locale: meta.locale,
      articleTitle: meta.title,
      category: meta.category,
      tags: meta.tags,
      heading: section.heading ?? meta.title,
      questions: meta.questions[section.heading ?? meta.title] ?? [],
      markdown: section.markdown,
      text: section.text,
      articleHash: hash,
    }));
  if (sections.length === 0) throw new KnowledgeFileError(file, 'the article has no text');
  return {
    ...meta,
    file,
    hash,
    sections,
    links: knowledgeLinks(parsed.body),
    emptyHeadings: parts.filter((section) => section.text === '').map((section) => section.heading ?? '(intro)'),
    headingDepths: headingDepths(parsed.body),
    unknownQuestionKeys: Object.keys(meta.questions).filter((key) => !sections.some((section) => section.heading === key)),
  };
}

/** The markdown files of every locale folder, relative to the knowledge folder. */
export async function listArticleFiles(dir: string): Promise<string[]> {
  const files: string[] = [];
  for (const locale of KB_LOCALES) {
    const entries = await readdir(join(dir, locale)).catch(() => [] as string[]);
    for (const entry of entries.sort()) if (entry.endsWith('.md')) files.push(`${locale}/${entry}`);
  }
  return files;
}

export interface LoadResult {
  articles: Article[];
  errors: KnowledgeFileError[];
}

export async function loadArticleFile(dir: string, file: string): Promise<Article> {
  const source = await readFile(join(dir, file), 'utf8');
  const name = relative(dir, join(dir, file));
  // An article is a plain value of its file name and text: a reload after one edit parses that one
  // file, and a second gateway in one process (the test suite starts dozens) parses none.
  const key = `${name}\n${contentHash(source)}`;
  const known = parsedArticles.get(key);
  if (known) return known;
  return parsedArticles.keep(key, parseArticle(name, source));
}

/** Articles parsed in this process, by file name and content. */
const parsedArticles = new RecentValues<Article>(4000);

/** Loads every article; a file that fails is reported in `errors` and left out. */
export async function loadKnowledge(dir: string): Promise<LoadResult> {
  const articles: Article[] = [];
  const errors: KnowledgeFileError[] = [];
  for (const file of await listArticleFiles(dir)) {
    try {
      articles.push(await loadArticleFile(dir, file));
    } catch (error) {
      errors.push(error instanceof KnowledgeFileError ? error : new KnowledgeFileError(file, String(error)));
    }
  }
  return { articles, errors };
}
