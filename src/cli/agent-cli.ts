import 'dotenv/config';
import { type ParseArgsConfig, parseArgs } from 'node:util';
import { z } from 'zod';
import { loadConfig } from '../config.js';
import { AgentStore } from '../handoff/agents.js';
import { handoffKeys } from '../handoff/keys.js';
import { connectRedis, createRedis } from '../redis.js';

type Options = NonNullable<ParseArgsConfig['options']>;
type Values<O extends Options> = ReturnType<typeof parseArgs<{ options: O; strict: true }>>['values'];

/** A mistake in how the command was called: printed with the usage, exit code 2. */
export class UsageError extends Error {}

/** The `--email` option, which names the agent. */
export function emailOption(value: string | undefined): string {
  const email = z.email().safeParse(value);
  if (!email.success) throw new UsageError('--email must be an e-mail address');
  return email.data.toLowerCase();
}

export interface AgentCommand<O extends Options> {
  /** The npm script, e.g. `agent:add`. */
  name: string;
  /** Its arguments, e.g. `--email E`. */
  synopsis: string;
  /** What it does, and its options one per line (shown by --help). */
  description: string;
  options: O;
  run(values: Values<O>, agents: AgentStore): Promise<void>;
}

/** The command line's options plus `--help`; unknown options, missing values and stray arguments are usage errors. */
function parseOptions<O extends Options>(options: O): Values<O> & { help?: boolean } {
  try {
    return parseArgs({ options: { ...options, help: { type: 'boolean', short: 'h' } }, strict: true }).values as Values<O> & { help?: boolean };
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

/**
 * Runs an agent administration command: `--help`, argument checks, the configuration and Redis of the
 * gateway (same environment and `.env`), and errors as one line without a stack trace.
 */
export function runAgentCommand<const O extends Options>(command: AgentCommand<O>): void {
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
    try {
      await command.run(values, new AgentStore(redis, handoffKeys(config.REDIS_PREFIX)));
    } finally {
      redis.disconnect();
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
