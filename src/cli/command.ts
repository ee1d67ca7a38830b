import 'dotenv/config';
import { type ParseArgsConfig, parseArgs } from 'node:util';
import { type Config, loadConfig } from '../config.js';
import type { RecordDatabase } from '../record/database.js';
import { openConfiguredRecord } from '../record/index.js';
import { connectRedis, createRedis, type Redis } from '../redis.js';

export type Options = NonNullable<ParseArgsConfig['options']>;
export type Values<O extends Options> = ReturnType<typeof parseArgs<{ options: O; strict: true }>>['values'];

/** A mistake in how the command was called: printed with the usage, exit code 2. */
export class UsageError extends Error {}

/** What a command works with: the gateway's configuration, its Redis, and on demand its system of record. */
export interface CommandContext {
  config: Config;
  redis: Redis;
  /** The system of record, opened (and migrated) on first call and closed when the command ends. */
  record(): Promise<RecordDatabase>;
}

export interface Command<O extends Options> {
  /** The npm script, e.g. `agent:add`. */
  name: string;
  /** Its arguments, e.g. `--email E`. */
  synopsis: string;
  /** What it does, and its options one per line (shown by --help). */
  description: string;
  options: O;
  run(values: Values<O>, context: CommandContext): Promise<void>;
}

/** The command line's options plus `--help`; unknown options, missing values and stray arguments are usage errors. */
export function parseOptions<O extends Options>(options: O): Values<O> & { help?: boolean } {
  try {
    return parseArgs({ options: { ...options, help: { type: 'boolean', short: 'h' } }, strict: true }).values as Values<O> & { help?: boolean };
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

/**
 * Runs an operator command: `--help`, argument checks, the configuration, Redis and system of record
 * of the gateway (same environment and `.env`), and errors as one line without a stack trace.
 */
export function runCommand<const O extends Options>(command: Command<O>): void {
  const usage = `usage: npm run ${command.name}${command.synopsis ? ` -- ${command.synopsis}` : ''}`;
  const main = async () => {
    const values = parseOptions(command.options);
    if (values.help) {
      console.log(`${usage}\n\n${command.description}`);
      return;
    }
    const { config } = loadConfig();
    const redis = createRedis(config.REDIS_URL, `pitboss-${command.name.replace(':', '-')}`);
    await connectRedis(redis, config.REDIS_URL);
    let record: Promise<RecordDatabase> | undefined;
    try {
      // A pooled connection that breaks meanwhile fails the query that used it, which says so.
      await command.run(values, { config, redis, record: () => (record ??= openConfiguredRecord(config, () => undefined)) });
    } finally {
      redis.disconnect();
      await record?.then((database) => database.close()).catch(() => undefined);
    }
  };
  main().catch((error: unknown) => {
    console.error(`${command.name}: ${error instanceof Error ? error.message : String(error)}`);
    if (error instanceof UsageError) {
      console.error(usage);
      process.exit(2);
    }
    process.exit(1);
  });
}
