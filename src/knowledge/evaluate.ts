import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { HandoffReason } from '../core/schemas.js';
import { KbLocale } from './schemas.js';
import type { KnowledgeIndex } from './search-index.js';

const EvalQuestion = z
  .object({
    q: z.string().trim().min(1),
    /** The article that answers it, or `none` for a question the bot should not answer. */
    expect: z.string().optional(),
    handoff: HandoffReason.optional(),
  })
  .refine((item) => (item.expect === undefined) !== (item.handoff === undefined), { message: 'give exactly one of expect or handoff' });

export const EvalFile = z.object({ locale: KbLocale, questions: z.array(EvalQuestion).min(1) });
export type EvalFile = z.infer<typeof EvalFile>;

export interface LocaleScore {
  locale: KbLocale;
  questions: number;
  hit1: number;
  hit3: number;
  mrr: number;
  /** Share of answerable questions the bot answered instead of saying it is not sure. */
  answered: number;
  /** Out-of-scope questions the bot correctly declined, of how many. */
  declined: [number, number];
  misses: Array<{ question: string; expected: string; got: string | undefined; rank: number }>;
  /** Handoff questions scored by triage: right reason, of how many. */
  handoffs: [number, number];
  handoffMisses: Array<{ question: string; expected: string; got: string | undefined }>;
}

/** Decides whether (and why) a message goes to an agent. */
export type Classifier = (question: string) => Promise<string | undefined>;

/** Articles for a question, best first, with the confidence the answer gate compares. */
export type Ranker = (question: string, locale: KbLocale) => Promise<Array<{ articleId: string; confidence: number }>>;

/** The offline hybrid index as a ranker. */
export function offlineRanker(index: KnowledgeIndex): Ranker {
  return async (question, locale) => index.search(question, locale, 10);
}

export async function readEvalFiles(dir: string): Promise<EvalFile[]> {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.yaml') || f.endsWith('.yml')).sort();
  const parsed: EvalFile[] = [];
  for (const file of files) {
    const result = EvalFile.safeParse(parse(await readFile(join(dir, file), 'utf8')));
    if (!result.success) throw new Error(`${file}: ${result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    parsed.push(result.data);
  }
  return parsed;
}

/** hit@1, hit@3 and MRR of the retriever on one locale's questions, the gate's answer rate, and triage accuracy. */
export async function scoreLocale(ranker: Ranker, file: EvalFile, threshold: number, classify: Classifier): Promise<LocaleScore> {
  const articleQuestions = file.questions.filter((q) => q.expect !== undefined && q.expect !== 'none');
  const outOfScope = file.questions.filter((q) => q.expect === 'none');
  let hit1 = 0;
  let hit3 = 0;
  let reciprocal = 0;
  let answered = 0;
  const misses: LocaleScore['misses'] = [];
  for (const item of articleQuestions) {
    const ranked = await ranker(item.q, file.locale);
    const rank = ranked.findIndex((hit) => hit.articleId === item.expect);
    if (rank === 0) hit1++;
    if (rank >= 0 && rank < 3) hit3++;
    if (rank >= 0) reciprocal += 1 / (rank + 1);
    if ((ranked[0]?.confidence ?? 0) >= threshold) answered++;
    if (rank !== 0) misses.push({ question: item.q, expected: item.expect!, got: ranked[0]?.articleId, rank: rank >= 0 ? rank + 1 : -1 });
  }
  const handoffQuestions = file.questions.filter((q) => q.handoff !== undefined);
  const handoffMisses: LocaleScore['handoffMisses'] = [];
  for (const item of handoffQuestions) {
    const got = await classify(item.q);
    if (got !== item.handoff) handoffMisses.push({ question: item.q, expected: item.handoff!, got });
  }
  let declined = 0;
  for (const item of outOfScope) if (((await ranker(item.q, file.locale))[0]?.confidence ?? 0) < threshold) declined++;
  const n = Math.max(1, articleQuestions.length);
  return {
    locale: file.locale,
    questions: articleQuestions.length,
    hit1: hit1 / n,
    hit3: hit3 / n,
    mrr: reciprocal / n,
    answered: answered / n,
    declined: [declined, outOfScope.length],
    misses,
    handoffs: [handoffQuestions.length - handoffMisses.length, handoffQuestions.length],
    handoffMisses,
  };
}
