import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { stringify } from 'yaml';
import { crossValidate } from '../bot/triage/cross-validation.js';
import { LiveTriage } from '../bot/triage/live-triage.js';
import { type Config, loadConfig } from '../config.js';
import { type Classifier, type EvalFile, offlineRanker, type Ranker, readEvalFiles, scoreLocale } from '../knowledge/evaluate.js';
import { splitFrontMatter } from '../knowledge/front-matter.js';
import { KnowledgeBase } from '../knowledge/knowledge-base.js';
import { loadKnowledge } from '../knowledge/load.js';
import { KB_LOCALES } from '../knowledge/schemas.js';
import { loadAllTriageExamples } from '../knowledge/triage-content.js';
import { Metrics } from '../metrics.js';
import { connectRedis, createRedis, type Redis } from '../redis.js';
import { runCli, UsageError, type Values } from './command.js';
import type { EndToEndScore } from './end-to-end-eval.js';

const options = {
  dir: { type: 'string' },
  set: { type: 'string' },
  'retriever-only': { type: 'boolean', default: false },
  'min-hit1': { type: 'string' },
  quiet: { type: 'boolean', default: false },
  llm: { type: 'boolean', default: false },
  triage: { type: 'boolean', default: false },
} as const;
type EvalValues = Values<typeof options>;

/** One scoring run: its options, the gateway's configuration and Redis (connected on first need), the question sets by name. */
interface Evaluation {
  values: EvalValues;
  config: Config;
  dir: string;
  redis: Redis;
  connect(): Promise<void>;
  questionSets: Map<string, EvalFile[]>;
}

/** How the retriever run ranks articles and classifies handoff messages. */
interface Scorers {
  rank: Ranker;
  classify: Classifier;
  close(): Promise<void>;
}

const logger = pino({ level: 'silent' });
const f3 = (n: number) => n.toFixed(3);
const share = (part: number, whole: number) => (whole === 0 ? '  –  ' : f3(part / whole));

runCli({
  name: 'kb:eval',
  synopsis: '[--dir knowledge] [--set dev|holdout] [--retriever-only] [--min-hit1 0.9] [--llm] [--quiet] [--triage]',
  description: [
    'Scores the knowledge base and triage on the question sets under DIR/eval/:',
    '  dev/      questions you may tune on (every miss is listed)',
    '  holdout/  questions written blind and never tuned on (figures only)',
    'First the retriever alone, then end to end through the web chat API of a real gateway (needs Redis at REDIS_URL),',
    "then end to end again with every article's tags ignored.",
    '  --dir DIR          the knowledge folder (default: KNOWLEDGE_DIR, else knowledge)',
    '  --set dev|holdout  score one set only (default both)',
    '  --retriever-only   skip the end-to-end runs (no Redis needed)',
    "  --min-hit1 N       exit 1 when a dev locale's retriever hit@1 is below N (from 0 to 1)",
    '  --llm              OpenAI mode for the retriever run (needs OPENAI_API_KEY; OPENAI_BASE_URL for another OpenAI-compatible server)',
    '  --triage           instead: cross-validate the triage examples (DIR/triage/) in 5 folds: per reason, the share',
    '                     of held-out examples found and of plain messages handed off by mistake',
    '  --quiet            no list of dev misses',
  ].join('\n'),
  options,
  async run(values) {
    if (values.set !== undefined && values.set !== 'dev' && values.set !== 'holdout') throw new UsageError('--set must be dev or holdout');
    const minHit1 = values['min-hit1'] === undefined ? undefined : Number(values['min-hit1']);
    if (minHit1 !== undefined && !(minHit1 >= 0 && minHit1 <= 1)) throw new UsageError('--min-hit1 must be a number from 0 to 1');
    const { config } = loadConfig();
    if (values.llm && !config.OPENAI_API_KEY) throw new UsageError('--llm needs OPENAI_API_KEY (and OPENAI_BASE_URL for another OpenAI-compatible server)');
    const dir = values.dir ?? config.KNOWLEDGE_DIR;
    if (values.triage) await crossValidateTriage(dir);
    else await evaluate(values, config, dir, minHit1);
  },
});

/** `--triage`: the triage examples cross-validated, per reason; exit 1 when a triage file is broken. */
async function crossValidateTriage(dir: string): Promise<void> {
  const { examples, errors } = await loadAllTriageExamples(dir);
  for (const error of errors) console.error(`${error.file}: ${error.message}`);
  if (examples.length === 0) throw new UsageError(`no triage examples under ${join(dir, 'triage')}/`);
  const result = crossValidate(examples, (await loadKnowledge(dir)).articles);
  console.log(`## Triage, cross-validated in ${result.folds} folds (each message classified by a model that never saw it)`);
  console.log('reason                threshold  examples  found  plain messages given it');
  for (const r of result.reasons) {
    console.log(`${r.reason.padEnd(21)} ${r.threshold.toFixed(2).padStart(9)}  ${String(r.examples).padStart(8)}  ${f3(r.recall)}  ${f3(r.falseAlarms).padStart(23)}`);
  }
  const { harm, crisis } = result;
  console.log(`harm signals caught: ${harm.caught + harm.checkIns} of ${harm.examples} (${harm.checkIns} as a check-in); crisis recognised: ${crisis.recognised} of ${crisis.examples}`);
  console.log(`plain messages handed off: ${f3(result.plainHandedOff)} of ${result.plain}`);
  if (errors.length > 0) process.exitCode = 1;
}

async function evaluate(values: EvalValues, config: Config, dir: string, minHit1: number | undefined): Promise<void> {
  const questionSets = await readQuestionSets(dir, values.set);
  const redis = createRedis(config.REDIS_URL, 'pitboss-kb-eval');
  let connected: Promise<void> | undefined;
  const evaluation: Evaluation = { values, config, dir, redis, questionSets, connect: () => (connected ??= connectRedis(redis, config.REDIS_URL)) };
  try {
    const belowBar = await scoreRetriever(evaluation, minHit1);
    if (!values['retriever-only']) await scoreEndToEndRuns(evaluation);
    if (belowBar.length > 0) throw new Error(`dev hit@1 below ${minHit1} in: ${belowBar.join(', ')}`);
  } finally {
    redis.disconnect();
  }
}

async function readQuestionSets(dir: string, only: string | undefined): Promise<Map<string, EvalFile[]>> {
  const questionSets = new Map<string, EvalFile[]>();
  for (const name of ['dev', 'holdout'].filter((set) => only === undefined || only === set)) {
    const files = await readEvalFiles(join(dir, 'eval', name)).catch(() => []);
    if (files.length > 0) questionSets.set(name, files);
  }
  if (questionSets.size === 0) throw new UsageError(`no question files under ${join(dir, 'eval')}/{dev,holdout}/`);
  return questionSets;
}

/** The retriever alone (and the triage classifier on the handoff messages); returns the dev locales below --min-hit1. */
async function scoreRetriever(evaluation: Evaluation, minHit1: number | undefined): Promise<string[]> {
  const { values, config } = evaluation;
  const knowledge = await KnowledgeBase.open({ dir: evaluation.dir, logger, watch: false });
  const triage = new LiveTriage(knowledge, logger);
  const offline: Scorers = { rank: offlineRanker(knowledge.index), classify: async (question) => triage.classify(question).reason, close: async () => {} };
  const { rank, classify, close } = values.llm ? await openLlmRanker(evaluation, knowledge, triage) : offline;
  console.log(`mode: ${values.llm ? `OpenAI (${config.OPENAI_CHAT_MODEL}, ${config.OPENAI_EMBEDDING_MODEL}) fused with offline` : 'offline'}`);
  console.log('\n## Retriever alone');
  console.log('set      locale  questions  hit@1  hit@3  MRR    answered  out-of-scope declined  handoff reason right');
  const belowBar: string[] = [];
  for (const [name, files] of evaluation.questionSets) {
    for (const file of files) {
      const s = await scoreLocale(rank, file, config.ANSWER_CONFIDENCE_THRESHOLD, classify);
      console.log(
        `${name.padEnd(7)}  ${s.locale.padEnd(6)}  ${String(s.questions).padStart(9)}  ${f3(s.hit1)}  ${f3(s.hit3)}  ${f3(s.mrr)}  ${(s.answered * 100).toFixed(0).padStart(7)}%  ${`${s.declined[0]}/${s.declined[1]}`.padStart(21)}  ${`${s.handoffs[0]}/${s.handoffs[1]}`.padStart(19)}`,
      );
      if (name === 'dev' && minHit1 !== undefined && s.hit1 < minHit1) belowBar.push(s.locale);
    }
  }
  await close();
  await knowledge.close();
  return belowBar;
}

/** `--llm`: ranks with the embeddings fused in and classifies with the model. */
async function openLlmRanker(evaluation: Evaluation, knowledge: KnowledgeBase, triage: LiveTriage): Promise<Scorers> {
  await evaluation.connect();
  const { config, redis } = evaluation;
  // Imported here, as the gateway in scoreEndToEndRuns: they take seconds to load, which --help and --retriever-only need not wait for.
  const { createLlm } = await import('../llm/index.js');
  const llm = (await createLlm({ config: { ...config, KNOWLEDGE_WATCH: false }, redis, knowledge, metrics: new Metrics(), logger, triage: (text) => triage.classify(text) }))!;
  await llm.embeddingsReady;
  return {
    rank: async (question, locale) => {
      const docs = await llm.retrieverFor(locale).invoke(question);
      const seen = new Map<string, number>();
      for (const doc of docs) if (!seen.has(doc.metadata.articleId)) seen.set(doc.metadata.articleId, doc.metadata.confidence);
      return [...seen].map(([articleId, confidence]) => ({ articleId, confidence }));
    },
    classify: async (question) => (await llm.classify(question, async () => [])).reason,
    close: async () => llm.close(),
  };
}

/** End to end through the web chat API, as shipped and with tags ignored. */
async function scoreEndToEndRuns(evaluation: Evaluation): Promise<void> {
  const { values, config, dir, redis, questionSets } = evaluation;
  await evaluation.connect().catch((error: unknown) => {
    throw new UsageError(`${error instanceof Error ? error.message : String(error)}\n(--retriever-only needs no Redis.)`);
  });
  const { scoreEndToEnd } = await import('./end-to-end-eval.js');
  // The gateway runs in OpenAI mode only when asked for with --llm.
  const endToEndConfig = values.llm ? config : { ...config, OPENAI_API_KEY: undefined };
  const untagged = await copyWithoutTags(dir);
  try {
    for (const [label, knowledgeDir] of [
      ['End to end through the web chat API', dir],
      ['End to end, every article tag ignored', untagged],
    ] as const) {
      const { articles } = await loadKnowledge(knowledgeDir);
      console.log(`\n## ${label}`);
      console.log('set      locale  questions  right article  in language  not lead-only  end to end  FAQ handed off  out-of-scope declined  handoff reason  harm caught (check-ins)');
      for (const [name, files] of questionSets) {
        const scores = await scoreEndToEnd({ config: endToEndConfig, redis, knowledgeDir, articles }, files);
        for (const s of scores) printEndToEnd(name, s);
        if (name === 'dev' && knowledgeDir === dir && !values.quiet) printMisses(scores);
      }
    }
  } finally {
    await rm(untagged, { recursive: true, force: true });
  }
}

function printEndToEnd(set: string, s: EndToEndScore): void {
  const harm = `${s.harm.handedOff + s.harm.checkedIn}/${s.harm.of} (${s.harm.checkedIn})`;
  console.log(
    `${set.padEnd(7)}  ${s.locale.padEnd(6)}  ${String(s.articles).padStart(9)}  ${share(s.rightArticle, s.articles).padStart(13)}  ${share(s.inLanguage, s.articles).padStart(11)}  ${share(s.notLeadOnly, s.articles).padStart(13)}  ${share(s.endToEnd, s.articles).padStart(10)}  ${share(s.faqHandedOff, s.articles).padStart(14)}  ${`${s.outOfScope[0]}/${s.outOfScope[1]}`.padStart(21)}  ${share(s.handoffs[0], s.handoffs[1]).padStart(14)}  ${harm.padStart(23)}`,
  );
}

function printMisses(scores: EndToEndScore[]): void {
  for (const s of scores) {
    for (const miss of s.misses) {
      const got = miss.handoff
        ? `handoff ${miss.handoff}`
        : miss.cited
          ? `${miss.cited} in ${miss.locale}${miss.leadOnly ? ', lead paragraph only' : ''}`
          : `no answer (${miss.locale})`;
      console.log(`  miss [dev ${s.locale}] "${miss.question}" → ${got} (expected ${miss.expected})`);
    }
  }
}

/** A copy of the knowledge folder with every article's `tags` emptied, to see how much retrieval leans on them. */
async function copyWithoutTags(source: string): Promise<string> {
  const target = await mkdtemp(join(tmpdir(), 'pitboss-kb-untagged-'));
  await cp(source, target, { recursive: true });
  for (const locale of KB_LOCALES) {
    const folder = join(target, locale);
    for (const name of await readdir(folder).catch(() => [] as string[])) {
      if (!name.endsWith('.md')) continue;
      const file = join(folder, name);
      const { data, body } = splitFrontMatter(await readFile(file, 'utf8'));
      await writeFile(file, `---\n${stringify({ ...(data as object), tags: [] })}---\n${body}`);
    }
  }
  return target;
}
