import 'dotenv/config';
import { type ParseArgsConfig, parseArgs } from 'node:util';
import type { Config } from '../config.js';
import type { RecordDatabase } from '../record/database.js';
import type { Redis } from '../redis.js';

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

/** A command line tool run by an npm script. */
export interface Cli<O extends Options> {
  /** The npm script, e.g. `agent:add`. */
  name: string;
  /** Its arguments, e.g. `--email E`. */
  synopsis: string;
  /** What it does, and its options one per line (shown by --help). */
  description: string;
  options: O;
  run(values: Values<O>): Promise<void>;
}

/** An operator command: a `Cli` that works on the gateway's configuration, Redis and system of record. */
export interface Command<O extends Options> extends Omit<Cli<O>, 'run'> {
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
 * Runs a command line tool: `--help`, argument checks, and errors as one line without a stack trace
 * (exit code 2 with the usage for a `UsageError`, 1 for any other).
 */
export function runCli<const O extends Options>(cli: Cli<O>): void {
  const usage = `usage: npm run ${cli.name}${cli.synopsis ? ` -- ${cli.synopsis}` : ''}`;
  const main = async () => {
    const values = parseOptions(cli.options);
    if (values.help) {
      console.log(`${usage}\n\n${cli.description}`);
      return;
    }
    await cli.run(values);
  };
  main().catch((error: unknown) => {
    console.error(`${cli.name}: ${error instanceof Error ? error.message : String(error)}`);
    if (error instanceof UsageError) {
      console.error(usage);
      process.exit(2);
    }
    process.exit(1);
  });
}

/** Runs an operator command (`runCli`) with the configuration, Redis and system of record of the gateway (same environment and `.env`). */
export function runCommand<const O extends Options>(command: Command<O>): void {
  runCli({ ...command, run: (values) => withGateway(command.name, (context) => command.run(values, context)) });
}

async function withGateway(name: string, task: (context: CommandContext) => Promise<void>): Promise<void> {
  // Imported here, not above: they take seconds to load, which --help and the commands without Redis need not wait for.
  const [{ loadConfig }, { connectRedis, createRedis }, { openConfiguredRecord }] = await Promise.all([
    import('../config.js'),
    import('../redis.js'),
    import('../record/index.js'),
  ]);
  const { config } = loadConfig();
  const redis = createRedis(config.REDIS_URL, `pitboss-${name.replace(':', '-')}`);
  await connectRedis(redis, config.REDIS_URL);
  let record: Promise<RecordDatabase> | undefined;
  try {
    // A pooled connection that breaks meanwhile fails the query that used it, which says so.
    await task({ config, redis, record: () => (record ??= openConfiguredRecord(config, () => undefined)) });
  } finally {
    redis.disconnect();
    await record?.then((database) => database.close()).catch(() => undefined);
  }
}
