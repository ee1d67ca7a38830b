import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { connectRedis, createRedis, deleteKeysUnder, RedisConnections } from '../../src/redis.js';

export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** A key prefix of this test file's own, so files never see each other's data. */
export function uniquePrefix(label: string): string {
  return `pitboss-test:${label}:${randomBytes(4).toString('hex')}:`;
}

/** Deletes every key under the prefix. */
export async function deleteKeys(prefix: string): Promise<void> {
  const redis = new Redis(TEST_REDIS_URL);
  try {
    await deleteKeysUnder(redis, prefix);
  } finally {
    redis.disconnect();
  }
}

/** Connections by role over the test Redis, as the gateway makes them; `close` closes all of them. */
export async function testConnections(name: string): Promise<RedisConnections & { closeAll(): void }> {
  const command = createRedis(TEST_REDIS_URL, name);
  await connectRedis(command, TEST_REDIS_URL);
  const connections = new RedisConnections(command, () => undefined);
  return Object.assign(connections, {
    closeAll() {
      connections.close();
      command.disconnect();
    },
  });
}
