import { Redis, type RedisOptions } from 'ioredis';
import { RedisUnavailableError } from './errors.js';

export type { Redis };

/**
 * A client for the request path: it fails fast instead of queueing commands while Redis is away,
 * so a player gets an error they can retry rather than a hanging request.
 */
export function createRedis(url: string, name: string, options: RedisOptions = {}): Redis {
  return new Redis(url, {
    connectionName: name,
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 3_000,
    ...options,
  });
}

/**
 * Connects and pings once; turns any failure into a message that says how to get a Redis.
 * Afterwards connection errors (Redis restarting, network blips) go to `onError` instead of
 * crashing the process; ioredis reconnects by itself.
 */
export async function connectRedis(redis: Redis, url: string, onError: (error: Error) => void = () => undefined): Promise<void> {
  let firstError: Error | undefined;
  const captureFirst = (error: Error) => {
    firstError ??= error;
  };
  redis.on('error', captureFirst);
  try {
    if (redis.status === 'wait') await redis.connect();
    await redis.ping();
  } catch (error) {
    redis.disconnect();
    const cause = firstError ?? error;
    throw new RedisUnavailableError(redactRedisUrl(url), cause instanceof Error ? cause.message : String(cause));
  } finally {
    redis.off('error', captureFirst);
  }
  redis.on('error', onError);
}

/** Redis URLs may carry a password; never print it. */
export function redactRedisUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'redis://<unparseable url>';
  }
}

/** Deletes every key under a prefix, walking with SCAN so a large Redis is never blocked. */
export async function deleteKeysUnder(redis: Redis, prefix: string): Promise<void> {
  for await (const keys of redis.scanStream({ match: `${prefix}*`, count: 500 })) {
    if ((keys as string[]).length > 0) await redis.del(...(keys as string[]));
  }
}

/** Extends a lease only while it is still ours: a lapsed lease may already be someone else's. */
const RENEW_LEASE = "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end return 0";
/** Lets go only of our own lease, for the same reason. */
const RELEASE_LEASE = "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0";

/**
 * Keeps a lease taken with `SET key token PX leaseMs NX` alive, renewing it every `renewEveryMs`
 * while it is ours; the returned function stops renewing and lets it go. A lease that cannot be
 * renewed or released lapses by itself.
 */
export function holdLease(redis: Redis, key: string, token: string, leaseMs: number, renewEveryMs: number): () => Promise<void> {
  const renewal = setInterval(() => void redis.eval(RENEW_LEASE, 1, key, token, String(leaseMs)).catch(() => undefined), renewEveryMs);
  renewal.unref();
  return async () => {
    clearInterval(renewal);
    await redis.eval(RELEASE_LEASE, 1, key, token).catch(() => undefined);
  };
}
