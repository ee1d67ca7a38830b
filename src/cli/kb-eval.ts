import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { triageMessage } from '../bot/triage/triage.js';
import { loadConfig } from '../config.js';
import { readEvalFiles, scoreLocale } from '../knowledge/evaluate.js';
import { loadKnowledge } from '../knowledge/load.js';
import { KnowledgeIndex } from '../knowledge/search-index.js';

const { config } = loadConfig();
const { values } = parseArgs({
  options: {
    dir: { type: 'string', default: config.KNOWLEDGE_DIR },
    'min-hit1': { type: 'string' },
    quiet: { type: 'boolean', default: false },
  },
});
const dir = values.dir!;
const { articles, errors } = await loadKnowledge(dir);
for (const error of errors) console.error(`skipped ${error.message}`);
const index = new KnowledgeIndex(articles);
const files = await readEvalFiles(join(dir, 'eval'));

const pct = (n: number) => n.toFixed(3);
console.log('locale  questions  hit@1  hit@3  MRR    answered  out-of-scope declined  handoff reason right');
const classify = (question: string) => triageMessage(question).reason;
const scores = files.map((file) => scoreLocale(index, file, config.ANSWER_CONFIDENCE_THRESHOLD, classify));
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

const minHit1 = values['min-hit1'] === undefined ? undefined : Number(values['min-hit1']);
if (minHit1 !== undefined && scores.some((s) => s.hit1 < minHit1)) {
  console.error(`hit@1 below ${minHit1} in: ${scores.filter((s) => s.hit1 < minHit1).map((s) => s.locale).join(', ')}`);
  process.exit(1);
}
