import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import pino, { type Logger } from 'pino';
import { buildApp } from '../../src/app.js';
import { type Config, loadConfig } from '../../src/config.js';
import { connectRedis, createRedis, type Redis } from '../../src/redis.js';
import { dropSchema, schemaFor, TEST_DATABASE_URL } from './database.js';
import { deleteKeys, TEST_REDIS_URL, uniquePrefix } from './redis.js';

export interface TestApp {
  app: FastifyInstance;
  redis: Redis;
  config: Config;
  url: string;
  close(): Promise<void>;
}

export const TEST_SECRET = 'test-webchat-secret-0123456789abcdef';

export function testConfig(prefix: string, env: Record<string, string> = {}): Config {
  return loadConfig({
    NODE_ENV: 'test',
    PORT: '0',
    HOST: '127.0.0.1',
    REDIS_URL: TEST_REDIS_URL,
    REDIS_PREFIX: prefix,
    WEBCHAT_TOKEN_SECRET: TEST_SECRET,
    AGENT_TOKEN_SECRET: 'test-agent-secret-0123456789abcdef0',
    LOG_LEVEL: 'silent',
    // Every test talks from 127.0.0.1 and opens chats far faster than a player: the red-team tests set low limits.
    WEBCHAT_SESSIONS_PER_IP_PER_MINUTE: '100000',
    WEBCHAT_MESSAGES_PER_IP_PER_MINUTE: '100000',
    WEBCHAT_MESSAGES_PER_CONVERSATION_PER_MINUTE: '100000',
    // The system of record in the machine's PostgreSQL, in this file's own schema (a test of the embedded PGlite sets DATABASE_URL to '').
    DATABASE_URL: TEST_DATABASE_URL,
    DATABASE_SCHEMA: schemaFor(prefix),
    // Files sent in chats stay in this process: nothing is left on disk by a test.
    DATA_DIR: 'memory://',
    ...env,
  }).config;
}

/** A real gateway on a random port over the real Redis, under a key prefix of its own. */
export async function startTestApp(options: { prefix?: string; env?: Record<string, string>; logger?: Logger } = {}): Promise<TestApp> {
  const prefix = options.prefix ?? uniquePrefix('app');
  const config = testConfig(prefix, options.env);
  const redis = createRedis(config.REDIS_URL, 'pitboss-test');
  await connectRedis(redis, config.REDIS_URL);
  const app = await buildApp({ config, redis, logger: options.logger ?? pino({ level: 'silent' }) });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  return {
    app,
    redis,
    config,
    url: `http://127.0.0.1:${port}`,
    async close() {
      await app.close();
      redis.disconnect();
    },
  };
}

/** Closes the apps and deletes what they wrote under their prefix, and their schema in the record. */
export async function stopTestApps(prefix: string, ...apps: TestApp[]): Promise<void> {
  for (const app of apps) await app?.close();
  await deleteKeys(prefix);
  await dropSchema(schemaFor(prefix));
}
