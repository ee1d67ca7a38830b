import { createHash } from 'node:crypto';
import { Cluster, Redis, type RedisOptions } from 'ioredis';
import { beforeDeadline } from './core/deadline.js';
import { RedisUnavailableError } from './errors.js';

export type { Redis };

/** Where Redis is: one server, a Cluster (seed nodes), or a master found through Sentinels. */
export type RedisTarget =
  | { kind: 'server'; url: string }
  | { kind: 'cluster'; nodes: Array<{ host: string; port: number }>; tls: boolean; username?: string; password?: string }
  | { kind: 'sentinel'; sentinels: Array<{ host: string; port: number }>; name: string; db: number; tls: boolean; username?: string; password?: string };

const MULTI_NODE_URL = /^(rediss?)-(cluster|sentinel):\/\/(?:([^:@/]*)(?::([^@/]*))?@)?([^/@]+)(?:\/([^/]+))?(?:\/(\d+))?$/;

/**
 * `redis://` or `rediss://` (one server), `redis-cluster://host:port,host:port` (Cluster seed nodes)
 * or `redis-sentinel://host:port,host:port/<master name>[/db]` (Sentinels); `rediss-…` for TLS, and
 * `user:password@` before the hosts as usual. Undefined for anything else.
 */
export function parseRedisTarget(url: string): RedisTarget | undefined {
  if (/^rediss?:\/\/[^,]+$/.test(url)) {
    try {
      new URL(url);
      return { kind: 'server', url };
    } catch {
      return undefined;
    }
  }
  const match = MULTI_NODE_URL.exec(url);
  if (!match) return undefined;
  const [, scheme, kind, username, password, hosts = '', name, db] = match;
  const nodes = hosts.split(',').map((hostPort) => {
    const [, host, port] = /^([^:,]+):(\d{1,5})$/.exec(hostPort) ?? [];
    return host && port ? { host, port: Number(port) } : undefined;
  });
  if (nodes.some((node) => node === undefined)) return undefined;
  const credentials = { tls: scheme === 'rediss', ...(username ? { username: decodeURIComponent(username) } : {}), ...(password ? { password: decodeURIComponent(password) } : {}) };
  const found = nodes as Array<{ host: string; port: number }>;
  if (kind === 'cluster') return name === undefined ? { kind, nodes: found, ...credentials } : undefined;
  return name ? { kind: 'sentinel', sentinels: found, name: decodeURIComponent(name), db: Number(db ?? 0), ...credentials } : undefined;
}

/**
 * A client for the request path: it fails fast instead of queueing commands while Redis is away,
 * so a player gets an error they can retry rather than a hanging request. On a Cluster it is an
 * ioredis `Cluster`, typed as `Redis`: it takes the same commands, and the few places that differ
 * (duplicating a connection, scanning keys) go through `duplicateRedis` and `scanKeys`.
 */
export function createRedis(url: string, name: string, options: RedisOptions = {}): Redis {
  const failFast: RedisOptions = {
    connectionName: name,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 3_000,
    // Commands issued in the same tick (a turn's independent reads and writes) share one round trip.
    enableAutoPipelining: true,
    ...options,
  };
  const target = parseRedisTarget(url);
  if (target?.kind === 'cluster') {
    const { nodes, tls, username, password } = target;
    const redisOptions: RedisOptions = { ...failFast, username, password, ...(tls ? { tls: {} } : {}) };
    return new Cluster(nodes, {
      lazyConnect: true,
      enableOfflineQueue: failFast.enableOfflineQueue,
      enableAutoPipelining: true,
      redisOptions,
    }) as unknown as Redis;
  }
  if (target?.kind === 'sentinel') {
    const { sentinels, name: masterName, db, tls, username, password } = target;
    return new Redis({ ...failFast, lazyConnect: true, sentinels, name: masterName, db, username, password, ...(tls ? { tls: {}, enableTLSForSentinelMode: true } : {}) });
  }
  return new Redis(url, { lazyConnect: true, ...failFast });
}

function isCluster(redis: Redis): boolean {
  return (redis as unknown) instanceof Cluster;
}

/** Another connection to the same Redis (server, Cluster or Sentinel master) with these options. */
export function duplicateRedis(redis: Redis, options: RedisOptions): Redis {
  if (!isCluster(redis)) return redis.duplicate(options);
  const cluster = redis as unknown as Cluster;
  const { enableOfflineQueue, ...redisOptions } = options;
  return cluster.duplicate([], {
    ...cluster.options,
    ...(enableOfflineQueue === undefined ? {} : { enableOfflineQueue }),
    redisOptions: { ...cluster.options.redisOptions, ...redisOptions },
  }) as unknown as Redis;
}

/** The connection name a client was opened with. */
function connectionNameOf(redis: Redis): string | undefined {
  return isCluster(redis) ? (redis as unknown as Cluster).options.redisOptions?.connectionName : redis.options.connectionName;
}

/** Every key matching `pattern`, in batches, walking with SCAN (on every master of a Cluster) so Redis is never blocked. */
export async function* scanKeys(redis: Redis, pattern: string): AsyncGenerator<string[]> {
  const nodes = isCluster(redis) ? (redis as unknown as Cluster).nodes('master') : [redis];
  for (const node of nodes) {
    for await (const keys of node.scanStream({ match: pattern, count: 500 })) {
      if ((keys as string[]).length > 0) yield keys as string[];
    }
  }
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
    throw new RedisUnavailableError(url, cause instanceof Error ? cause.message : String(cause));
  } finally {
    redis.off('error', captureFirst);
  }
  redis.on('error', onError);
}

/** A reply of field, value, field, value… (a stream entry, a hash from a script) as an object. */
export function pairsToObject(flat: string[]): Record<string, string> {
  const fields: Record<string, string> = {};
  for (let i = 0; i + 1 < flat.length; i += 2) fields[flat[i]!] = flat[i + 1]!;
  return fields;
}

/** Deletes every key under a prefix, walking with SCAN so a large Redis is never blocked. */
export async function deleteKeysUnder(redis: Redis, prefix: string): Promise<void> {
  // One key per command: on a Cluster the keys of one batch may live in different slots.
  for await (const keys of scanKeys(redis, `${prefix}*`)) await Promise.all(keys.map((key) => redis.unlink(key)));
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
    const name = connectionNameOf(this.command);
    const connection = duplicateRedis(this.command, {
      connectionName: `${name ?? 'pitboss'}-${role}`,
      lazyConnect: false,
      enableOfflineQueue: true,
      maxRetriesPerRequest: null,
    });
    connection.on('error', (error: Error) => this.onError(role, error));
    return connection;
  }
}

/** How long a BullMQ worker gets to let its running job finish and close, before it is disconnected. */
const WORKER_CLOSE_GRACE_MS = 5000;

/**
 * Closes a BullMQ worker, letting a running job finish, for `graceMs` at most: after a Redis outage
 * a worker's blocking connection can be left reconnecting, and closing it then waits for an end
 * that never comes (BullMQ issues 2430 and 4656), which held shutdowns up forever. Past the grace
 * the worker is disconnected instead; a job cut short is retried like a job of any worker that
 * stopped.
 */
export async function closeWorker(worker: { close(): Promise<void>; disconnect(): Promise<void> }, graceMs = WORKER_CLOSE_GRACE_MS): Promise<void> {
  if (await settlesWithin(worker.close(), graceMs)) return;
  await settlesWithin(worker.disconnect(), graceMs);
}

const settlesWithin = (work: Promise<unknown>, ms: number): Promise<boolean> =>
  beforeDeadline(
    work.then(
      () => true,
      () => true,
    ),
    ms,
    () => false,
  );

/** Extends a lease only while it is still ours: a lapsed lease may already be someone else's. */
const RENEW_LEASE = new LuaScript("if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end return 0");
/** Lets go only of our own lease, for the same reason. */
const RELEASE_LEASE = new LuaScript("if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0");
