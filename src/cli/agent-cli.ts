import { z } from 'zod';
import { AgentStore } from '../handoff/agents.js';
import { handoffKeys } from '../handoff/keys.js';
import { type Command, type Options, runCommand, UsageError, type Values } from './command.js';

/** The `--email` option, which names the agent. */
export function emailOption(value: string | undefined): string {
  const email = z.email().safeParse(value);
  if (!email.success) throw new UsageError('--email must be an e-mail address');
  return email.data.toLowerCase();
}

export interface AgentCommand<O extends Options> extends Omit<Command<O>, 'run'> {
  run(values: Values<O>, agents: AgentStore): Promise<void>;
}

/** Runs an agent administration command (`runCommand`) over the agent records in the gateway's Redis. */
export function runAgentCommand<const O extends Options>(command: AgentCommand<O>): void {
  runCommand({ ...command, run: (values, { config, redis }) => command.run(values, new AgentStore(redis, handoffKeys(config.REDIS_PREFIX))) });
}
