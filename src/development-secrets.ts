import type { Redis } from 'ioredis';
import type { Config, GeneratedSecret } from './config.js';

/**
 * In development the token secrets nobody set are generated; keeping them in Redis (the first
 * process's value wins, every later start reads it) means a restart keeps every web chat and
 * console session, as a developer restarting `npm start` expects. Production requires them set.
 */
export async function keepGeneratedSecrets(redis: Redis, config: Config, generated: readonly GeneratedSecret[]): Promise<Config> {
  const kept: Config = { ...config };
  for (const name of generated) {
    const key = `${config.REDIS_PREFIX}development-secret:${name}`;
    // SET NX GET: the value already kept, or null when this process's value was just stored.
    const previous = (await redis.call('SET', key, config[name], 'NX', 'GET')) as string | null;
    if (previous !== null) kept[name] = previous;
  }
  return kept;
}
