import { spawn } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import Fastify from 'fastify';
import pino from 'pino';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { connectRedis, createRedis, deleteKeysUnder } from '../src/redis.js';
import { uniquePrefix } from '../tests/helpers/redis.js';
import type { LoadFigures, LoadPlan } from './load-generator.js';

const AMOUNT = 3000;
const WARM_UP = 500;
const CONNECTIONS = 32;
const CONVERSATIONS = 64;

export interface TurnFigures extends LoadFigures {
  /** CPU of the server process per request (user + system, ms). */
  cpuMsPerRequest: number;
}

/**
 * The JSON of a message with every non-ASCII character escaped: autocannon miscounts the bytes of
 * long multi-byte bodies now and then (the server then reads one character more than was sent), and
 * escaped, a body is the same message in single-byte characters.
 */
function asciiJson(text: string): string {
  return JSON.stringify({ text }).replace(/[\u0080-\uffff]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Runs the load generator (autocannon) in a child process against `plan`, measuring this process's CPU meanwhile. */
async function load(plan: LoadPlan): Promise<TurnFigures> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/load-generator.ts'], { stdio: ['pipe', 'pipe', 'inherit'] });
  child.stdin.end(JSON.stringify(plan));
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  // The warm-up runs first; CPU is counted over the whole run and divided by all its requests.
  const started = process.cpuUsage();
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  const used = process.cpuUsage(started);
  if (code !== 0) throw new Error(`load generator failed (exit ${code})`);
  const figures = JSON.parse(output) as LoadFigures;
  if (figures.errors > 0) throw new Error(`${figures.errors} requests failed during the bench`);
  return { ...figures, cpuMsPerRequest: (used.user + used.system) / 1000 / (plan.warmUp + plan.amount) };
}

/**
 * Web chat turns (session token, transcript writes, bot) against a bare Fastify JSON route served
 * by this same process, the load generator in its own process, a warm-up before each measured run;
 * then the same turns with the most expensive messages anyone may send (`worstCase`) instead of questions.
 */
export async function benchTurns(questions: string[], worstCase: string[]): Promise<{ bare: TurnFigures; turns: TurnFigures; worstTurns: TurnFigures }> {
  const bareApp = Fastify();
  bareApp.post('/echo', async (request) => ({ ok: true, body: request.body }));
  await bareApp.listen({ port: 0, host: '127.0.0.1' });
  const bareUrl = `http://127.0.0.1:${(bareApp.server.address() as AddressInfo).port}/echo`;

  const prefix = uniquePrefix('bench');
  // One client drives every conversation: the per-address and per-chat limits would measure themselves.
  const unlimited = '1000000';
  const { config } = loadConfig({
    NODE_ENV: 'test',
    REDIS_URL: process.env.REDIS_URL,
    REDIS_PREFIX: prefix,
    WEBCHAT_TOKEN_SECRET: 'bench-secret-bench-secret-bench-secret',
    LOG_LEVEL: 'silent',
    KNOWLEDGE_WATCH: 'false',
    WEBCHAT_SESSIONS_PER_IP_PER_MINUTE: unlimited,
    WEBCHAT_MESSAGES_PER_IP_PER_MINUTE: unlimited,
    WEBCHAT_MESSAGES_PER_CONVERSATION_PER_MINUTE: unlimited,
  });
  const redis = createRedis(config.REDIS_URL, 'pitboss-bench');
  await connectRedis(redis, config.REDIS_URL);
  const app = await buildApp({ config, redis, logger: pino({ level: 'silent' }) });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  try {
    const tokens: string[] = [];
    for (let i = 0; i < CONVERSATIONS; i++) {
      const response = await fetch(`${base}/api/webchat/sessions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      tokens.push(((await response.json()) as { token: string }).token);
    }
    const bodies = questions.map((text) => JSON.stringify({ text }));
    const bare = await load({ url: bareUrl, connections: CONNECTIONS, warmUp: WARM_UP, amount: AMOUNT, requests: bodies.map((body) => ({ headers: {}, body })) });
    const turnsOf = (texts: string[]) => {
      const bodies = texts.map(asciiJson);
      return load({
        url: `${base}/api/webchat/messages`,
        connections: CONNECTIONS,
        warmUp: WARM_UP,
        amount: AMOUNT,
        requests: tokens.map((token, i) => ({ headers: { authorization: `Bearer ${token}` }, body: bodies[i % bodies.length]! })),
      });
    };
    const turns = await turnsOf(questions);
    const worstTurns = await turnsOf(worstCase);
    return { bare, turns, worstTurns };
  } finally {
    await app.close();
    await bareApp.close();
    await deleteKeysUnder(redis, prefix);
    redis.disconnect();
  }
}
