import { z } from 'zod';
import { TRIAGE_REASONS, type TriageReason } from '../core/reasons.js';
import type { CheckProblem } from './check-problem.js';
import { KnowledgeFileError } from './load.js';
import { type Article, KB_LOCALES, KbLocale } from './schemas.js';
import { parseLocaleFile, readLocaleFile } from './locale-file.js';

/**
 * `knowledge/triage/<locale>.yaml`: the example messages the triage classifier learns from, kept as
 * content. Each reason lists messages that must go to a person for that reason, `crisis` the
 * messages that need crisis help at once, `none` the look-alikes the bot should answer itself, and
 * `fillers` the words players add that say nothing about a reason ("honestly", "tbh", "короче"):
 * the classifier reads every message, and learns every example, as if they were not there.
 */
const example = z.string().trim().min(1).max(600);
const examples = z.array(example).max(1000);

export const TriageFile = z
  .object({
    locale: KbLocale,
    reasons: z.partialRecord(z.enum(TRIAGE_REASONS), examples).default({}),
    crisis: examples.default([]),
    none: examples.default([]),
    fillers: z.array(z.string().trim().regex(/^\p{L}+$/u, 'a filler is one word (letters only)')).max(200).default([]),
  })
  .strict();

export type TriageReasonExamples = Partial<Record<TriageReason, string[]>>;
export interface TriageExamples {
  locale: KbLocale;
  reasons: TriageReasonExamples;
  crisis: string[];
  none: string[];
  fillers: string[];
}

/** The reasons every locale's file should teach (`unresolved` is optional: two unsure answers also trigger it). */
export const TAUGHT_REASONS = ['responsible_gambling', 'dispute', 'technical_failure', 'account_specific', 'requested'] as const;
/** Fewer examples than this for a reason (or for crisis, or none) and the classifier guesses. */
export const MIN_EXAMPLES = { reason: 25, crisis: 10, none: 40 } as const;

export const triageFileName = (locale: KbLocale) => `triage/${locale}.yaml`;
/** Every message of a triage file, whatever it is filed under. */
export const triageTexts = (file: TriageExamples): string[] => [...Object.values(file.reasons).flatMap((list) => list ?? []), ...file.crisis, ...file.none];

/** Parses one triage file; `file` is relative to the knowledge folder, e.g. `triage/ru.yaml`. */
export function parseTriageFile(file: string, locale: KbLocale, source: string): TriageExamples {
  const { reasons, crisis, none, fillers } = parseLocaleFile(file, locale, source, TriageFile);
  return { locale, reasons, crisis, none, fillers };
}

/** Loads `knowledge/triage/<locale>.yaml`; undefined when the file does not exist. */
export async function loadTriageExamples(dir: string, locale: KbLocale): Promise<TriageExamples | undefined> {
  const file = triageFileName(locale);
  const source = await readLocaleFile(dir, file);
  return source === undefined ? undefined : parseTriageFile(file, locale, source);
}

export interface TriageLoadResult {
  examples: TriageExamples[];
  errors: KnowledgeFileError[];
  missing: KbLocale[];
}

/** Every locale's triage file; a broken one is reported in `errors`, a missing one in `missing`. */
export async function loadAllTriageExamples(dir: string): Promise<TriageLoadResult> {
  const result: TriageLoadResult = { examples: [], errors: [], missing: [] };
  for (const locale of KB_LOCALES) {
    try {
      const loaded = await loadTriageExamples(dir, locale);
      if (loaded) result.examples.push(loaded);
      else result.missing.push(locale);
    } catch (error) {
      result.errors.push(error instanceof KnowledgeFileError ? error : new KnowledgeFileError(triageFileName(locale), String(error)));
    }
  }
  return result;
}

const key = (text: string) => text.toLowerCase().replace(/\s+/g, ' ').trim();

/** Each example's classes (a reason, `crisis` or `none`), keyed by its normalised text. */
function classesByText(file: TriageExamples): Map<string, Set<string>> {
  const classes = new Map<string, Set<string>>();
  const add = (label: string, list: string[]) => {
    for (const text of list) classes.set(key(text), (classes.get(key(text)) ?? new Set()).add(label));
  };
  for (const [reason, list] of Object.entries(file.reasons)) add(reason, list ?? []);
  add('crisis', file.crisis);
  add('none', file.none);
  return classes;
}

/**
 * What kb:check reports about the triage files: a missing file or a message filed under two classes
 * (errors), and too few examples, repeats, or an article question that a triage file says must go to
 * a person (warnings: the classifier learns both and the article question loses).
 */
export function checkTriageExamples({ examples, errors, missing }: TriageLoadResult, articles: Article[]): CheckProblem[] {
  const problems: CheckProblem[] = errors.map((error) => ({ level: 'error', file: error.file, message: error.message.slice(error.file.length + 2) }));
  for (const locale of missing) {
    problems.push({ level: 'error', file: triageFileName(locale), message: 'missing: without examples in this language the bot cannot tell when to hand a player to a person' });
  }
  const articleQuestions = new Map<string, string>();
  for (const article of articles) {
    for (const question of article.sections.flatMap((section) => section.questions)) articleQuestions.set(`${article.locale}:${key(question)}`, article.file);
  }
  for (const file of examples) {
    const name = triageFileName(file.locale);
    const counts: Array<[label: string, count: number, min: number]> = [
      ...TAUGHT_REASONS.map((reason): [string, number, number] => [reason, file.reasons[reason]?.length ?? 0, MIN_EXAMPLES.reason]),
      ['crisis', file.crisis.length, MIN_EXAMPLES.crisis],
      ['none', file.none.length, MIN_EXAMPLES.none],
    ];
    for (const [label, count, min] of counts) {
      if (count < min) problems.push({ level: 'warning', file: name, message: `only ${count} example(s) under ${label}: write at least ${min}, as players would` });
    }
    const all = triageTexts(file);
    const seen = new Set<string>();
    for (const text of all) {
      if (seen.has(key(text))) problems.push({ level: 'warning', file: name, message: `"${text}" is listed more than once` });
      seen.add(key(text));
    }
    for (const [text, labels] of classesByText(file)) {
      const handoff = [...labels].filter((label) => label !== 'none');
      if (labels.has('none') && handoff.length > 0) {
        problems.push({ level: 'error', file: name, message: `"${text}" is under none and under ${handoff.join(', ')}: keep it in one place` });
      } else if (handoff.length > 1 && !(handoff.length === 2 && labels.has('crisis') && labels.has('responsible_gambling'))) {
        problems.push({ level: 'error', file: name, message: `"${text}" is under ${handoff.join(' and ')}: file each message under one reason` });
      }
      const article = articleQuestions.get(`${file.locale}:${text}`);
      if (article && handoff.length > 0) {
        problems.push({ level: 'warning', file: article, message: `the question "${text}" is also a ${handoff.join('/')} example in ${name}: the bot will hand it off, not answer it` });
      }
    }
  }
  return problems;
}
