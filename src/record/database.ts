import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzleNodePg } from 'drizzle-orm/node-postgres';
import { migrate as migrateNodePg } from 'drizzle-orm/node-postgres/migrator';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import { RecordUnavailableError } from '../errors.js';
import { lockDataDir } from './data-dir-lock.js';
import * as schema from './schema.js';

export type RecordDb = PgDatabase<PgQueryResultHKT, typeof schema>;

export interface RecordDatabase {
  db: RecordDb;
  /** `postgres` (a server at DATABASE_URL) or `pglite` (embedded, under DATA_DIR). */
  kind: 'postgres' | 'pglite';
  close(): Promise<void>;
}

export interface RecordDatabaseOptions {
  /** A PostgreSQL URL; unset: the embedded PGlite database under `dataDir`. */
  databaseUrl?: string;
  /** The schema the tables live in (PostgreSQL only). */
  schema: string;
  dataDir: string;
  /** A pooled PostgreSQL connection broke (the server restarted, the network dropped): the pool opens another. */
  onConnectionError(error: Error): void;
}

/** The SQL migrations, one set for PostgreSQL and PGlite (`npx drizzle-kit generate` writes them from schema.ts). */
const MIGRATIONS = fileURLToPath(new URL('./migrations', import.meta.url));
export const IN_MEMORY = 'memory://';
/** Replicas starting together migrate one at a time. */
const MIGRATION_LOCK = 7_305_614;

/** Opens the system of record and brings its tables up to date. */
export async function openRecordDatabase(options: RecordDatabaseOptions): Promise<RecordDatabase> {
  if (!options.databaseUrl) {
    // `memory://`: a throwaway record (kb:eval's gateway), gone when the process ends.
    const inMemory = options.dataDir === IN_MEMORY;
    if (!inMemory) await mkdir(options.dataDir, { recursive: true });
    // One process at a time on disk: a player:* command while the gateway runs is refused, not a corruption.
    const release = inMemory ? async () => undefined : await lockDataDir(options.dataDir);
    const client = new PGlite(inMemory ? IN_MEMORY : `${options.dataDir}/record`);
    const close = () => client.close().finally(release);
    const db = drizzlePglite(client, { schema });
    await migratePglite(db, { migrationsFolder: MIGRATIONS }).catch(async (error: unknown) => {
      await close();
      throw error;
    });
    return { db: db as unknown as RecordDb, kind: 'pglite', close };
  }
  const { databaseUrl } = options;
  const quoted = `"${options.schema.replaceAll('"', '""')}"`;
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 5, options: `-c search_path=${quoted}` });
  pool.on('error', options.onConnectionError);
  const client = await pool.connect().catch(async (error: unknown) => {
    await pool.end();
    throw new RecordUnavailableError(databaseUrl, error instanceof Error ? error.message : String(error));
  });
  try {
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${quoted}`);
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    try {
      await migrateNodePg(drizzleNodePg(client, { schema }), { migrationsFolder: MIGRATIONS, migrationsSchema: options.schema });
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
    }
  } finally {
    client.release();
  }
  return { db: drizzleNodePg(pool, { schema }) as unknown as RecordDb, kind: 'postgres', close: () => pool.end() };
}
