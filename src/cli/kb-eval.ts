import 'dotenv/config';
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pino from 'pino';
import { stringify } from 'yaml';
import { crossValidate } from '../bot/triage/cross-validation.js';
import { LiveTriage } from '../bot/triage/live-triage.js';
import { loadConfig } from '../config.js';
import { AppError } from '../errors.js';
import { type Classifier, type EvalFile, offlineRanker, type Ranker, readEvalFiles, scoreLocale } from '../knowledge/evaluate.js';
import { splitFrontMatter } from '../knowledge/front-matter.js';
import { KnowledgeBase } from '../knowledge/knowledge-base.js';
import { loadKnowledge } from '../knowledge/load.js';
import { KB_LOCALES } from '../knowledge/schemas.js';
import { loadAllTriageExamples } from '../knowledge/triage-content.js';
import { createLlm } from '../llm/index.js';
import { Metrics } from '../metrics.js';
import { connectRedis, createRedis } from '../redis.js';
import { type EndToEndScore, scoreEndToEnd } from './end-to-end-eval.js';

const USAGE = `Usage: npm run kb:eval [-- options]

Scores the knowledge base and triage on the question sets under <dir>/eval/:
  dev/      questions you may tune on (every miss is listed)
  holdout/  questions written blind and never tuned on (figures only)
First the retriever alone, then end to end through the web chat API of a real gateway (needs Redis),
then end to end again with every article's tags ignored.

Options:
  --dir <folder>      knowledge folder (default KNOWLEDGE_DIR, "knowledge")
  --set dev|holdout   score one set only (default both)
  --retriever-only    skip the end-to-end runs (no Redis needed)
  --min-hit1 <0..1>   exit 1 when a dev locale's retriever hit@1 is below this
  --llm               OpenAI mode for the retriever run (needs OPENAI_API_KEY)
  --triage            instead: cross-validate the triage examples (<dir>/triage/) in 5 folds, per reason
                      the share of held-out examples found and of plain messages handed off by mistake
  --quiet             no list of dev misses
  -h, --help          this text`;

let parsed: ReturnType<typeof parseOptions>;
function parseOptions() {
  return parseArgs({
    options: {
      dir: { type: 'string' },
      set: { type: 'string' },
      'retriever-only': { type: 'boolean', default: false },
      'min-hit1': { type: 'string' },
      quiet: { type: 'boolean', default: false },
      llm: { type: 'boolean', default: false },
      triage: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
}
try {
  parsed = parseOptions();
} catch (error) {
  console.error(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
  process.exit(2);
}
const { values } = parsed;
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
if (values.set !== undefined && values.set !== 'dev' && values.set !== 'holdout') {
  console.error(`--set must be dev or holdout.\n\n${USAGE}`);
  process.exit(2);
}
const minHit1 = values['min-hit1'] === undefined ? undefined : Number(values['min-hit1']);
if (minHit1 !== undefined && !(minHit1 >= 0 && minHit1 <= 1)) {
  console.error(`--min-hit1 must be a number from 0 to 1.\n\n${USAGE}`);
  process.exit(2);
}

const { config } = loadConfig();
const dir = values.dir ?? config.KNOWLEDGE_DIR;
const logger = pino({ level: 'silent' });
const f3 = (n: number) => n.toFixed(3);

if (values.triage) {
  const { examples, errors } = await loadAllTriageExamples(dir);
  for (const error of errors) console.error(`${error.file}: ${error.message}`);
  if (examples.length === 0) {
    console.error(`No triage examples under ${join(dir, 'triage')}/.`);
    process.exit(2);
  }
  const result = crossValidate(examples, (await loadKnowledge(dir)).articles);
  console.log(`## Triage, cross-validated in ${result.folds} folds (each message classified by a model that never saw it)`);
  console.log('reason                threshold  examples  found  plain messages given it');
  for (const r of result.reasons) {
    console.log(`${r.reason.padEnd(21)} ${r.threshold.toFixed(2).padStart(9)}  ${String(r.examples).padStart(8)}  ${f3(r.recall)}  ${f3(r.falseAlarms).padStart(23)}`);
  }
  const { harm, crisis } = result;
  console.log(`harm signals caught: ${harm.caught + harm.checkIns} of ${harm.examples} (${harm.checkIns} as a check-in); crisis recognised: ${crisis.recognised} of ${crisis.examples}`);
  console.log(`plain messages handed off: ${f3(result.plainHandedOff)} of ${result.plain}`);
  process.exit(errors.length > 0 ? 1 : 0);
}
const sets = (['dev', 'holdout'] as const).filter((name) => values.set === undefined || values.set === name);
const questionSets = new Map<string, EvalFile[]>();
for (const name of sets) {
  const files = await readEvalFiles(join(dir, 'eval', name)).catch(() => []);
  if (files.length > 0) questionSets.set(name, files);
}
if (questionSets.size === 0) {
  console.error(`No question files under ${join(dir, 'eval')}/{dev,holdout}/.`);
  process.exit(2);
}

const share = (part: number, whole: number) => (whole === 0 ? '  –  ' : f3(part / whole));

// 1. The retriever alone (and the triage classifier on the handoff messages).
const knowledge = await KnowledgeBase.open({ dir, logger, watch: false });
let rank: Ranker = offlineRanker(knowledge.index);
const triage = new LiveTriage(knowledge, logger);
let classify: Classifier = async (question) => triage.classify(question).reason;
const redis = createRedis(config.REDIS_URL, 'pitboss-kb-eval');
let redisConnected = false;
const connect = async () => {
  if (!redisConnected) await connectRedis(redis, config.REDIS_URL);
  redisConnected = true;
};
let closeLlm: () => Promise<void> = async () => {};
if (values.llm) {
  if (!config.OPENAI_API_KEY) {
    console.error('kb:eval --llm needs OPENAI_API_KEY (and OPENAI_BASE_URL for another OpenAI-compatible server).');
    process.exit(2);
  }
  await connect();
  const llm = (await createLlm({ config: { ...config, KNOWLEDGE_WATCH: false }, redis, knowledge, metrics: new Metrics(), logger, triage: (text) => triage.classify(text) }))!;
  await llm.embeddingsReady;
  rank = async (question, locale) => {
    const docs = await llm.retrieverFor(locale).invoke(question);
    const seen = new Map<string, number>();
    for (const doc of docs) if (!seen.has(doc.metadata.articleId)) seen.set(doc.metadata.articleId, doc.metadata.confidence);
    return [...seen].map(([articleId, confidence]) => ({ articleId, confidence }));
  };
  classify = async (question) => (await llm.classify(question, async () => [])).reason;
  closeLlm = async () => llm.close();
}

console.log(`mode: ${values.llm ? `OpenAI (${config.OPENAI_CHAT_MODEL}, ${config.OPENAI_EMBEDDING_MODEL}) fused with offline` : 'offline'}`);
console.log('\n## Retriever alone');
console.log('set      locale  questions  hit@1  hit@3  MRR    answered  out-of-scope declined  handoff reason right');
const belowBar: string[] = [];
for (const [name, files] of questionSets) {
  for (const file of files) {
    const s = await scoreLocale(rank, file, config.ANSWER_CONFIDENCE_THRESHOLD, classify);
    console.log(
      `${name.padEnd(7)}  ${s.locale.padEnd(6)}  ${String(s.questions).padStart(9)}  ${f3(s.hit1)}  ${f3(s.hit3)}  ${f3(s.mrr)}  ${(s.answered * 100).toFixed(0).padStart(7)}%  ${`${s.declined[0]}/${s.declined[1]}`.padStart(21)}  ${`${s.handoffs[0]}/${s.handoffs[1]}`.padStart(19)}`,
    );
    if (name === 'dev' && minHit1 !== undefined && s.hit1 < minHit1) belowBar.push(s.locale);
  }
}
await closeLlm();
await knowledge.close();

// 2. End to end through the web chat API, as shipped and with tags ignored.
if (!values['retriever-only']) {
  try {
    await connect();
  } catch (error) {
    console.error(`\n${error instanceof AppError ? error.message : String(error)}\n(kb:eval -- --retriever-only needs no Redis.)`);
    process.exit(2);
  }
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
redis.disconnect();

if (belowBar.length > 0) {
  console.error(`dev hit@1 below ${minHit1} in: ${belowBar.join(', ')}`);
  process.exit(1);
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
