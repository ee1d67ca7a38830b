import { z } from 'zod';

export const KB_LOCALES = ['en', 'ru', 'az'] as const;
export const KbLocale = z.enum(KB_LOCALES);
export type KbLocale = z.infer<typeof KbLocale>;

export const Category = z.enum([
  'rules',
  'bonuses',
  'payments',
  'account',
  'technical',
  'responsible-gambling',
  'complaints',
  'contact',
  'security',
]);
export type Category = z.infer<typeof Category>;

export const FrontMatter = z
  .object({
    id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be lowercase words joined by "-" (e.g. bonus-wagering)'),
    locale: KbLocale,
    title: z.string().trim().min(3).max(120),
    category: Category,
    tags: z.array(z.union([z.string().trim().min(1), z.number().transform(String)])).max(40).default([]),
    // YAML reads an unquoted 2026-11-01 as a Date.
    updated: z.union([z.date(), z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date like 2026-11-01')]).transform((v) =>
      v instanceof Date ? v.toISOString().slice(0, 10) : v,
    ),
    /** Section heading (the intro: the article title) → the questions that section answers, as players ask them. */
    questions: z.record(z.string().trim().min(1), z.array(z.string().trim().min(1).max(300)).max(30)).default({}),
  })
  .strict();
export type FrontMatter = z.infer<typeof FrontMatter>;

export interface Section {
  /** `<locale>/<article id>#<index>`: stable within one version of the article. */
  key: string;
  articleId: string;
  locale: KbLocale;
  articleTitle: string;
  category: Category;
  tags: string[];
  /** The section's heading; the intro section carries the article title. */
  heading: string;
  /** The questions content staff say this section answers (front matter `questions:`). */
  questions: string[];
  /** The section body as markdown, and as plain text for quoting. */
  markdown: string;
  text: string;
  /** Content hash of the whole article version this section belongs to. */
  articleHash: string;
}

export interface Article extends FrontMatter {
  file: string;
  hash: string;
  sections: Section[];
  /** Ids named by `[text](kb:<id>)` links. */
  links: string[];
  /** Headings with nothing under them (reported by kb:check, left out of the index). */
  emptyHeadings: string[];
  /** `questions:` keys that name no heading of the article (reported by kb:check). */
  unknownQuestionKeys: string[];
  headingDepths: number[];
}
