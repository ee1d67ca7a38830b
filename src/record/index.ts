import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import type { StateKeys } from '../conversation/keys.js';
import type { SupervisorFigures } from '../core/figures.js';
import type { ConversationHistory } from '../core/history.js';
import type { Redis } from '../redis.js';
import { openRecordDatabase, type RecordDatabase } from './database.js';
import { RecordDrain } from './drain.js';
import { RecordFigures } from './figures.js';
import { RecordHistory } from './history.js';
import { RecordPlayerData } from './player-data.js';
import { RecordRetention } from './retention.js';
import { RecordWriter } from './writer.js';

export interface RecordDeps {
  config: Config;
  redis: Redis;
  keys: StateKeys;
  /** Where a cited article version is kept in Redis. */
  articleVersionKey(id: string, hash: string): string;
  logger: Logger;
}

/**
 * The system of record: PostgreSQL at DATABASE_URL, or PGlite under DATA_DIR, migrated, fed from
 * the Redis outboxes (never waited for by a turn) and kept to RETENTION_DAYS; `history` searches it,
 * `figures` counts a supervisor's day in it.
 */
export async function openRecord(deps: RecordDeps): Promise<{ history: ConversationHistory; figures: SupervisorFigures; close(): Promise<void> }> {
  const { config, logger } = deps;
  const database = await openConfiguredRecord(config, (error) => logger.warn({ err: error.message }, 'a system-of-record connection broke; the pool opens another'));
  const drain = new RecordDrain({
    redis: deps.redis,
    keys: deps.keys,
    articleVersionKey: deps.articleVersionKey,
    writer: new RecordWriter(database.db),
    playerData: new RecordPlayerData(database.db),
    logger,
    everyMs: config.RECORD_DRAIN_MS,
    consumer: `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`,
  });
  await drain.start();
  const retention = new RecordRetention(database.db, config.RETENTION_DAYS, logger);
  retention.start();
  return {
    history: new RecordHistory(database.db),
    figures: new RecordFigures(database.db),
    async close() {
      retention.stop();
      await drain.stop();
      await database.close();
    },
  };
}

/** The system of record the configuration names, as the gateway opens it, without its drain and retention (for commands). */
export function openConfiguredRecord(config: Config, onConnectionError: (error: Error) => void): Promise<RecordDatabase> {
  return openRecordDatabase({ databaseUrl: config.DATABASE_URL, schema: config.DATABASE_SCHEMA, dataDir: config.DATA_DIR, onConnectionError });
}
