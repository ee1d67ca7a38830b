import type { AddressInfo } from 'node:net';
import { Redis } from 'ioredis';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { connectRedis, createRedis } from '../../src/redis.js';
import { testConfig } from '../helpers/app.js';
import { dropSchema, schemaFor } from '../helpers/database.js';
import { type LocalRedis, startRedisServer } from '../helpers/local-redis.js';
import { uniquePrefix } from '../helpers/redis.js';

/**
 * What an idle gateway holds open on Redis: a few connections by role, each named, none opened
 * inside a module. The gateway gets a Redis of this test's own, so every connection on it is counted.
 */
const prefix = uniquePrefix('connections');
const name = 'pitboss-gateway';
let server: LocalRedis;
let admin: Redis;
let close: () => Promise<void>;

beforeAll(async () => {
  server = await startRedisServer();
  admin = new Redis(server.url, { connectionName: 'test-admin' });
  const config = testConfig(prefix, { REDIS_URL: server.url });
  const command = createRedis(config.REDIS_URL, name);
  await connectRedis(command, config.REDIS_URL);
  const app = await buildApp({ config, redis: command, logger: pino({ level: 'silent' }) });
  await app.listen({ port: 0, host: '127.0.0.1' });
  expect((await fetch(`http://127.0.0.1:${(app.server.address() as AddressInfo).port}/readyz`)).status).toBe(200);
  close = async () => {
    await app.close();
    command.disconnect();
  };
});
afterAll(async () => {
  await close();
  admin.disconnect();
  await server.stop();
  await dropSchema(schemaFor(prefix));
});

/** Every connection on the test's Redis but the test's own, by name. */
async function gatewayConnections(): Promise<string[]> {
  const list = (await admin.client('LIST')) as string;
  return list
    .split('\n')
    .filter(Boolean)
    .map((line) => /(?:^| )name=(\S*)/.exec(line)?.[1] ?? '')
    .filter((client) => client !== 'test-admin');
}

describe('Redis connections of an idle gateway', () => {
  it('holds one command, one subscriber and one worker connection, plus one blocking connection per BullMQ worker, and no other', async () => {
    const names = await gatewayConnections();
    expect(names.filter((client) => client.startsWith(name)).sort()).toEqual([name, `${name}-subscriber`, `${name}-worker`]);
    // The handoff queue, its alerts, and the messengers' inbound and outbound mailboxes; BullMQ names them by the key prefix.
    expect(names.filter((client) => client.startsWith(prefix))).toHaveLength(4);
    expect(names, 'a connection nobody named was opened').toHaveLength(7);
  });
});
