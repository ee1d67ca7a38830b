import 'dotenv/config';
import { buildApp } from './app.js';
import { loadConfig } from './config.js';
import { AppError } from './errors.js';
import { keepGeneratedSecrets } from './development-secrets.js';
import { createLogger } from './logger.js';
import { connectRedis, createRedis } from './redis.js';

async function main(): Promise<void> {
  const loaded = loadConfig();
  const logger = createLogger(loaded.config.LOG_LEVEL);
  for (const warning of loaded.warnings) logger.warn(warning);

  const redis = createRedis(loaded.config.REDIS_URL, 'pitboss-gateway');
  await connectRedis(redis, loaded.config.REDIS_URL, (error) => logger.warn({ err: error.message }, 'Redis connection problem; reconnecting'));
  const config = await keepGeneratedSecrets(redis, loaded.config, loaded.generated);
  const app = await buildApp({ config, redis, logger });
  await app.listen({ port: config.PORT, host: config.HOST });

  const base = config.PUBLIC_URL ?? `http://localhost:${config.PORT}`;
  logger.info(`Pitboss is up: web chat ${base}/chat · agent console ${base}/agent · health ${base}/healthz`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: no new requests, finishing the ones in flight');
    const force = setTimeout(() => {
      logger.error('shutdown took longer than 10 s; exiting anyway');
      process.exit(1);
    }, 10_000);
    force.unref();
    await app.close();
    await redis.quit().catch(() => redis.disconnect());
    logger.info('stopped');
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

main().catch((error: unknown) => {
  // Known start-up problems get their message alone, not a stack trace.
  if (error instanceof AppError) process.stderr.write(`\npitboss: ${error.message}\n\n`);
  else process.stderr.write(`\npitboss: failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
