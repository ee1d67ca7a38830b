import 'dotenv/config';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pino from 'pino';
import { triageMessage } from '../bot/triage/triage.js';
import { loadConfig } from '../config.js';
import { type Classifier, offlineRanker, type Ranker, readEvalFiles, scoreLocale } from '../knowledge/evaluate.js';
import { KnowledgeBase } from '../knowledge/knowledge-base.js';
import { createLlm } from '../llm/index.js';
import { Metrics } from '../metrics.js';
import { connectRedis, createRedis } from '../redis.js';

const { config } = loadConfig();
const { values } = parseArgs({
  options: {
    dir: { type: 'string', default: config.KNOWLEDGE_DIR },
    'min-hit1': { type: 'string' },
    quiet: { type: 'boolean', default: false },
    llm: { type: 'boolean', default: false },
  },
});
const dir = values.dir!;
const logger = pino({ level: 'silent' });
const knowledge = await KnowledgeBase.open({ dir, logger, watch: false });
const files = await readEvalFiles(join(dir, 'eval'));

let rank: Ranker = offlineRanker(knowledge.index);
let classify: Classifier = async (question) => triageMessage(question).reason;
let cleanup = async () => knowledge.close();

if (values.llm) {
  if (!config.OPENAI_API_KEY) {
    console.error('kb:eval --llm needs OPENAI_API_KEY (and OPENAI_BASE_URL for another OpenAI-compatible server).');
    process.exit(2);
  }
  const redis = createRedis(config.REDIS_URL, 'pitboss-kb-eval');
  await connectRedis(redis, config.REDIS_URL);
  const llm = (await createLlm({ config: { ...config, KNOWLEDGE_WATCH: false }, redis, knowledge, metrics: new Metrics(redis, `${config.REDIS_PREFIX}metrics`), logger }))!;
  await llm.embeddingsReady;
  rank = async (question, locale) => {
    const docs = await llm.retrieverFor(locale).invoke(question);
    const seen = new Map<string, number>();
    for (const doc of docs) if (!seen.has(doc.metadata.articleId)) seen.set(doc.metadata.articleId, doc.metadata.confidence);
    return [...seen].map(([articleId, confidence]) => ({ articleId, confidence }));
  };
  classify = async (question) => (await llm.classify(question, async () => [])).reason;
  cleanup = async () => {
    await llm.close();
    await knowledge.close();
    redis.disconnect();
  };
}

const pct = (n: number) => n.toFixed(3);
console.log(`mode: ${values.llm ? `OpenAI (${config.OPENAI_CHAT_MODEL}, ${config.OPENAI_EMBEDDING_MODEL}) fused with offline` : 'offline'}`);
console.log('locale  questions  hit@1  hit@3  MRR    answered  out-of-scope declined  handoff reason right');
const scores = [];
for (const file of files) scores.push(await scoreLocale(rank, file, config.ANSWER_CONFIDENCE_THRESHOLD, classify));
for (const s of scores) {
  console.log(
    `${s.locale.padEnd(6)}  ${String(s.questions).padStart(9)}  ${pct(s.hit1)}  ${pct(s.hit3)}  ${pct(s.mrr)}  ${(s.answered * 100).toFixed(0).padStart(7)}%  ${`${s.declined[0]}/${s.declined[1]}`.padStart(21)}  ${`${s.handoffs[0]}/${s.handoffs[1]}`.padStart(19)}`,
  );
}
if (!values.quiet) {
  for (const s of scores) {
    for (const miss of s.misses) {
      console.log(`  miss [${s.locale}] "${miss.question}" → ${miss.got ?? 'nothing'} (expected ${miss.expected}${miss.rank > 0 ? ` at rank ${miss.rank}` : ', not in top 10'})`);
    }
    for (const miss of s.handoffMisses) {
      console.log(`  handoff miss [${s.locale}] "${miss.question}" → ${miss.got ?? 'no handoff'} (expected ${miss.expected})`);
    }
  }
}
await cleanup();

const minHit1 = values['min-hit1'] === undefined ? undefined : Number(values['min-hit1']);
if (minHit1 !== undefined && scores.some((s) => s.hit1 < minHit1)) {
  console.error(`hit@1 below ${minHit1} in: ${scores.filter((s) => s.hit1 < minHit1).map((s) => s.locale).join(', ')}`);
  process.exit(1);
}
