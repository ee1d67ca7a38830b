import { benchTurns } from './turns.js';

const format = (n: number, digits = 1) => n.toFixed(digits);

const questions = ['how long does a withdrawal take', 'как отыграть бонус', 'pulu nece cixarim', 'what is the max bet with a bonus'];

const { bare, turns } = await benchTurns(questions);
console.log('## Web chat turn throughput (same client, same run)');
console.log(`bare Fastify JSON route : ${format(bare.perSecond, 0)} req/s  p50 ${format(bare.p50Ms)} ms  p99 ${format(bare.p99Ms)} ms`);
console.log(`POST /api/webchat/messages: ${format(turns.perSecond, 0)} req/s  p50 ${format(turns.p50Ms)} ms  p99 ${format(turns.p99Ms)} ms`);
console.log(`ratio turns ÷ bare       : ${format(turns.perSecond / bare.perSecond, 3)}`);
