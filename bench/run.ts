import { benchAnalysisCost } from './analysis-cost.js';
import { benchReload } from './reload.js';
import { benchRetrieval } from './retrieval.js';
import { benchTurns } from './turns.js';

const f = (n: number, digits = 1) => n.toFixed(digits);

console.log('## Retrieval (offline index; build in place, and in the worker as a reload does)');
console.log('base                       articles  sections  build ms  worker ms  loop max ms  memory MB  queries  p50 ms  p99 ms');
for (const r of await benchRetrieval()) {
  console.log(
    `${r.label.padEnd(26)} ${String(r.articles).padStart(8)}  ${String(r.sections).padStart(8)}  ${f(r.buildMs, 0).padStart(8)}  ${f(r.workerBuildMs, 0).padStart(9)}  ${f(r.eventLoopMaxMs, 0).padStart(11)}  ${f(r.memoryMb, 0).padStart(9)}  ${String(r.queries).padStart(7)}  ${f(r.p50Ms, 2).padStart(6)}  ${f(r.p99Ms, 2).padStart(6)}`,
  );
}

const reload = await benchReload();
console.log(`\nreload of the shipped base after an edit (index in the worker, language and triage models retrained between requests): ${f(reload.ms, 0)} ms, event loop max ${f(reload.eventLoopMaxMs, 0)} ms`);

const cost = await benchAnalysisCost();
console.log('\n## Analysis cost of one message (language, triage, facts, search; CPU ms, median of 15 rounds after a warm-up)');
console.log(`typical question (median of ${cost.typicalQuestions} evaluation questions) : ${f(cost.typicalMs, 2)} ms`);
for (const m of cost.messages) console.log(`4,000 characters: ${m.name.padEnd(40)}: ${f(m.ms, 2).padStart(6)} ms  ${f(m.ms / cost.typicalMs)}×`);
console.log(`ratio worst-case message ÷ typical question : ${f(cost.ratio)} (${cost.worst.name})`);

const questions = ['how long does a withdrawal take', 'как отыграть бонус', 'pulu nece cixarim', 'what is the max bet with a bonus'];
const { bare, turns, worstTurns } = await benchTurns(
  questions,
  cost.messages.map((m) => m.text),
);
console.log('\n## Web chat turn vs a bare Fastify route in the same process (autocannon in its own process, 32 connections, warm-up first)');
console.log(`bare Fastify JSON route    : ${f(bare.perSecond, 0)} req/s  p50 ${f(bare.p50Ms)} ms  p99 ${f(bare.p99Ms)} ms  server CPU ${f(bare.cpuMsPerRequest, 3)} ms/request`);
console.log(`POST /api/webchat/messages : ${f(turns.perSecond, 0)} req/s  p50 ${f(turns.p50Ms)} ms  p99 ${f(turns.p99Ms)} ms  server CPU ${f(turns.cpuMsPerRequest, 3)} ms/turn`);
console.log(`ratio turns ÷ bare         : ${f(turns.perSecond / bare.perSecond, 3)} (throughput), ${f(turns.cpuMsPerRequest / bare.cpuMsPerRequest, 1)}× the CPU per request`);
console.log(`4,000-character messages  : ${f(worstTurns.perSecond, 0)} req/s  p50 ${f(worstTurns.p50Ms)} ms  p99 ${f(worstTurns.p99Ms)} ms  server CPU ${f(worstTurns.cpuMsPerRequest, 3)} ms/turn`);
console.log(`ratio worst-case turn ÷ typical turn : ${f(worstTurns.cpuMsPerRequest / turns.cpuMsPerRequest, 2)}× the CPU per turn`);
