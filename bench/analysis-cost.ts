import { extractFacts } from '../src/bot/triage/facts.js';
import { TriageScorer } from '../src/bot/triage/scorer.js';
import { ignoredWords, labelledExamples, type TrainedTriage, trainTriage } from '../src/bot/triage/training.js';
import { runToEnd } from '../src/knowledge/training-steps.js';
import type { Locale } from '../src/core/schemas.js';
import { readEvalFiles } from '../src/knowledge/evaluate.js';
import { languageExamples } from '../src/knowledge/language-corpus.js';
import { LanguageModel } from '../src/knowledge/language-id.js';
import { loadKnowledge } from '../src/knowledge/load.js';
import { loadAllTriageExamples } from '../src/knowledge/triage-content.js';
import { KnowledgeIndex } from '../src/knowledge/search-index.js';
import { worstCaseMessages } from '../tests/fixtures/hostile-messages.js';
import { percentile } from './load.js';

export interface AnalysisCostFigures {
  /** Median CPU time of one evaluation question. */
  typicalMs: number;
  typicalQuestions: number;
  /** The most expensive 4,000-character message and its CPU time. */
  worst: { name: string; text: string; ms: number };
  /** Every worst-case message, most expensive first. */
  messages: Array<{ name: string; text: string; ms: number }>;
  ratio: number;
}

const WARM_UP_ROUNDS = 3;
const ROUNDS = 15;

/**
 * What the bot computes from one message before it answers: language, triage, facts, search. Triage
 * starts with no word remembered, as for a message made of words nobody sent before.
 */
function analyse(index: KnowledgeIndex, language: LanguageModel, triage: TrainedTriage, text: string, locale: Locale): void {
  language.identify(text);
  new TriageScorer(triage).read(text);
  extractFacts(text);
  index.search(text, locale);
}

/** CPU milliseconds (user + system) of `fn`, so other processes on the machine do not count. */
function cpuMs(fn: () => void): number {
  const started = process.cpuUsage();
  fn();
  const used = process.cpuUsage(started);
  return (used.user + used.system) / 1000;
}

/**
 * Analysis cost of the worst-case 4,000-character messages against the evaluation questions, in
 * the same process after a warm-up; each figure is the median of interleaved rounds.
 */
export async function benchAnalysisCost(): Promise<AnalysisCostFigures> {
  const { articles } = await loadKnowledge('knowledge');
  const index = new KnowledgeIndex(articles);
  const language = LanguageModel.train(languageExamples(articles));
  const { examples: triageFiles } = await loadAllTriageExamples('knowledge');
  const triage = runToEnd(trainTriage(labelledExamples(triageFiles, articles), ignoredWords(triageFiles)));
  const questions = (await readEvalFiles('knowledge/eval/dev')).flatMap((file) => file.questions.map((q) => ({ text: q.q, locale: file.locale as Locale })));
  const hostile = worstCaseMessages(articles);

  const typicalRounds: number[][] = questions.map(() => []);
  const hostileRounds: number[][] = hostile.map(() => []);
  for (let round = 0; round < WARM_UP_ROUNDS + ROUNDS; round++) {
    const keep = round >= WARM_UP_ROUNDS;
    questions.forEach((q, i) => {
      const ms = cpuMs(() => analyse(index, language, triage, q.text, q.locale));
      if (keep) typicalRounds[i]!.push(ms);
    });
    hostile.forEach((m, i) => {
      const ms = cpuMs(() => analyse(index, language, triage, m.text, m.locale));
      if (keep) hostileRounds[i]!.push(ms);
    });
  }
  const median = (values: number[]) => percentile([...values].sort((a, b) => a - b), 50);
  const typicalMs = median(typicalRounds.map(median));
  const messages = hostile.map((m, i) => ({ name: m.name, text: m.text, ms: median(hostileRounds[i]!) })).sort((a, b) => b.ms - a.ms);
  const worst = messages[0]!;
  return { typicalMs, typicalQuestions: questions.length, worst, messages, ratio: worst.ms / typicalMs };
}
