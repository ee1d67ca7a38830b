import type { AddressInfo } from 'node:net';
import Fastify from 'fastify';
import pino from 'pino';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { connectRedis, createRedis } from '../src/redis.js';
import { uniquePrefix } from '../tests/helpers/redis.js';
import { type LoadResult, runLoad } from './load.js';

const TOTAL = 3000;
const CONCURRENCY = 32;
const CONVERSATIONS = 64;

async function post(url: string, token: string | undefined, body: unknown): Promise<void> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${url}: ${response.status}`);
  await response.arrayBuffer();
}

/** Web chat turns (session token, transcript writes, bot) against a bare Fastify JSON route, same client, same run. */
export async function benchTurns(questions: string[]): Promise<{ bare: LoadResult; turns: LoadResult }> {
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
    const bare = await runLoad(TOTAL, CONCURRENCY, (i) => post(bareUrl, undefined, { text: questions[i % questions.length] }));
    const turns = await runLoad(TOTAL, CONCURRENCY, (i) =>
      post(`${base}/api/webchat/messages`, tokens[i % CONVERSATIONS], { text: questions[i % questions.length] }),
    );
    return { bare, turns };
  } finally {
    await app.close();
    await bareApp.close();
    for await (const keys of redis.scanStream({ match: `${prefix}*`, count: 500 })) if (keys.length > 0) await redis.del(...(keys as string[]));
    redis.disconnect();
  }
}
