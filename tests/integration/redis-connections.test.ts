import type { AddressInfo } from 'node:net';
import { Redis } from 'ioredis';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { connectRedis, createRedis } from '../../src/redis.js';
import { testConfig } from '../helpers/app.js';
import { dropSchema, schemaFor } from '../helpers/database.js';
import { deleteKeys, TEST_REDIS_URL, uniquePrefix } from '../helpers/redis.js';

/** What an idle gateway holds open on Redis: a few connections by role, each named, none opened inside a module. */
const prefix = uniquePrefix('connections');
const name = `pitboss-${prefix.split(':')[2]}`;
const admin = new Redis(TEST_REDIS_URL);
let close: () => Promise<void>;

beforeAll(async () => {
  const config = testConfig(prefix);
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
  await deleteKeys(prefix);
  await dropSchema(schemaFor(prefix));
});

/** The gateway's connections, by name: ours carry its connection name, BullMQ's blocking ones its key prefix. */
async function connectionNames(): Promise<string[]> {
  const list = (await admin.client('LIST')) as string;
  return list
    .split('\n')
    .map((line) => /(?:^| )name=(\S*)/.exec(line)?.[1] ?? '')
    .filter((client) => client.startsWith(name) || client.startsWith(prefix));
}

describe('Redis connections of an idle gateway', () => {
  it('holds one command, one subscriber and one worker connection, plus one blocking connection per BullMQ worker', async () => {
    const names = await connectionNames();
    expect(names.filter((client) => client.startsWith(name)).sort()).toEqual([name, `${name}-subscriber`, `${name}-worker`]);
    // The handoff queue, its alerts, and the messengers' inbound and outbound mailboxes.
    expect(names.filter((client) => client.startsWith(prefix))).toHaveLength(4);
  });
});
