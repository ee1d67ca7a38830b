import { createHash } from 'node:crypto';
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
    // Commands issued in the same tick (a turn's independent reads and writes) share one round trip.
    enableAutoPipelining: true,
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


/**
 * Keeps a lease taken with `SET key token PX leaseMs NX` alive, renewing it every `renewEveryMs`
 * while it is ours; the returned function stops renewing and lets it go. A lease that cannot be
 * renewed or released lapses by itself.
 */
export function holdLease(redis: Redis, key: string, token: string, leaseMs: number, renewEveryMs: number): () => Promise<void> {
  const renewal = setInterval(() => void RENEW_LEASE.run(redis, [key], [token, leaseMs]).catch(() => undefined), renewEveryMs);
  renewal.unref();
  return async () => {
    clearInterval(renewal);
    await RELEASE_LEASE.run(redis, [key], [token]).catch(() => undefined);
  };
}

/**
 * A Lua script sent once per Redis server and run by its SHA1 afterwards (EVALSHA), falling back to
 * EVAL when the server does not know it yet (a restart, a failover, a fresh replica).
 */
export class LuaScript {
  private readonly sha: string;

  constructor(readonly source: string) {
    this.sha = createHash('sha1').update(source).digest('hex');
  }

  async run(redis: Redis, keys: string[], args: Array<string | number>): Promise<unknown> {
    try {
      return await redis.evalsha(this.sha, keys.length, ...keys, ...args);
    } catch (error) {
      if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error;
      return redis.eval(this.source, keys.length, ...keys, ...args);
    }
  }
}

/**
 * The Redis connections of one process, by role, opened once and passed to the modules that need
 * them (no module opens its own):
 * - `command`: the request path, failing fast instead of queueing while Redis is away; BullMQ
 *   producers (queues) share it, so adding a job fails fast too.
 * - `subscriber()`: pub/sub (a subscribed connection can do nothing else); waits out an outage.
 * - `worker()`: BullMQ workers' commands, retried through an outage as BullMQ requires; each worker
 *   duplicates it for its own blocking connection.
 */
export class RedisConnections {
  private subscriberConnection: Redis | undefined;
  private workerConnection: Redis | undefined;

  constructor(
    /** Connected by the caller, who closes it after the app. */
    readonly command: Redis,
    private readonly onError: (role: string, error: Error) => void,
  ) {}

  subscriber(): Redis {
    this.subscriberConnection ??= this.open('subscriber');
    return this.subscriberConnection;
  }

  worker(): Redis {
    this.workerConnection ??= this.open('worker');
    return this.workerConnection;
  }

  /** Closes the connections opened here (not `command`). */
  close(): void {
    this.subscriberConnection?.disconnect();
    this.workerConnection?.disconnect();
  }

  private open(role: string): Redis {
    const name = this.command.options.connectionName;
    const connection = this.command.duplicate({
      connectionName: `${name ?? 'pitboss'}-${role}`,
      lazyConnect: false,
      enableOfflineQueue: true,
      maxRetriesPerRequest: null,
    });
    connection.on('error', (error: Error) => this.onError(role, error));
    return connection;
  }
}

/** Extends a lease only while it is still ours: a lapsed lease may already be someone else's. */
const RENEW_LEASE = new LuaScript("if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end return 0");
/** Lets go only of our own lease, for the same reason. */
const RELEASE_LEASE = new LuaScript("if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0");
