import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Redis } from 'ioredis';

const run = promisify(execFile);

export interface LocalRedis {
  /** For `REDIS_URL`: `redis-cluster://127.0.0.1:p1,…` or `redis-sentinel://127.0.0.1:p/<master>`. */
  url: string;
  ports: number[];
  stop(): Promise<void>;
}

/** Whether a TCP port on 127.0.0.1 is free now. */
function free(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** A spare port whose cluster bus port (+10000) is spare too. */
async function sparePort(taken: number[]): Promise<number> {
  for (;;) {
    const port = 20_000 + Math.floor(Math.random() * 25_000);
    if (!taken.includes(port) && (await free(port)) && (await free(port + 10_000))) return port;
  }
}

async function until(condition: () => Promise<boolean>, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`local Redis Cluster: ${what} did not happen within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Waits until a Redis server (or Sentinel) on this port answers PING. */
async function answering(port: number): Promise<void> {
  await until(async () => {
    const node = new Redis(port, '127.0.0.1', { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    // Refused until the server listens: that is what this loop waits out.
    node.on('error', () => undefined);
    try {
      await node.connect();
      return (await node.ping()) === 'PONG';
    } finally {
      node.disconnect();
    }
  }, `redis on ${port} answering`);
}

/**
 * Three redis-server processes in cluster mode on spare ports, made into one Cluster of three
 * masters (no replicas), with nothing kept on disk but their node files in a temporary folder.
 */
export async function startRedisCluster(): Promise<LocalRedis> {
  const dir = await mkdtemp(join(tmpdir(), 'pitboss-cluster-'));
  const ports: number[] = [];
  for (let i = 0; i < 3; i++) ports.push(await sparePort(ports));
  const servers: ChildProcess[] = ports.map((port) =>
    spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--cluster-enabled', 'yes', '--cluster-config-file', `nodes-${port}.conf`, '--dir', dir, '--save', '', '--appendonly', 'no'], {
      stdio: 'ignore',
    }),
  );
  const stop = async () => {
    for (const server of servers) server.kill('SIGKILL');
    await rm(dir, { recursive: true, force: true });
  };
  try {
    for (const port of ports) await answering(port);
    await run('redis-cli', ['--cluster', 'create', ...ports.map((port) => `127.0.0.1:${port}`), '--cluster-replicas', '0', '--cluster-yes']);
    for (const port of ports) {
      await until(async () => (await run('redis-cli', ['-p', String(port), 'cluster', 'info'])).stdout.includes('cluster_state:ok'), `the cluster seen as ok from ${port}`);
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return { url: `redis-cluster://${ports.map((port) => `127.0.0.1:${port}`).join(',')}`, ports, stop };
}

/** A redis-server master on a spare port and one Sentinel watching it (as master `pitboss`). */
export async function startRedisSentinel(): Promise<LocalRedis> {
  const dir = await mkdtemp(join(tmpdir(), 'pitboss-sentinel-'));
  const masterPort = await sparePort([]);
  const sentinelPort = await sparePort([masterPort]);
  const config = join(dir, 'sentinel.conf');
  await writeFile(config, `port ${sentinelPort}\nbind 127.0.0.1\ndir ${dir}\nsentinel monitor pitboss 127.0.0.1 ${masterPort} 1\n`);
  const servers = [
    spawn('redis-server', ['--port', String(masterPort), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'no'], { stdio: 'ignore' }),
    spawn('redis-server', [config, '--sentinel'], { stdio: 'ignore' }),
  ];
  const stop = async () => {
    for (const server of servers) server.kill('SIGKILL');
    await rm(dir, { recursive: true, force: true });
  };
  try {
    await answering(masterPort);
    await answering(sentinelPort);
    await until(
      async () => (await run('redis-cli', ['-p', String(sentinelPort), 'sentinel', 'get-master-addr-by-name', 'pitboss'])).stdout.includes(String(masterPort)),
      'the Sentinel knowing its master',
    );
  } catch (error) {
    await stop();
    throw error;
  }
  return { url: `redis-sentinel://127.0.0.1:${sentinelPort}/pitboss`, ports: [masterPort, sentinelPort], stop };
}

/** One redis-server of the test's own on a spare port: everything on it is the test's, so it can count every command and connection. */
export async function startRedisServer(): Promise<LocalRedis> {
  const dir = await mkdtemp(join(tmpdir(), 'pitboss-redis-'));
  const port = await sparePort([]);
  const server = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  const stop = async () => {
    server.kill('SIGKILL');
    await rm(dir, { recursive: true, force: true });
  };
  try {
    await answering(port);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url: `redis://127.0.0.1:${port}`, ports: [port], stop };
}
