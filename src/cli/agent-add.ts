import 'dotenv/config';
import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { loadConfig } from '../config.js';
import { AppError } from '../errors.js';
import { AgentStore } from '../handoff/agents.js';
import { handoffKeys } from '../handoff/keys.js';
import { connectRedis, createRedis } from '../redis.js';

const Input = z.object({
  email: z.email({ error: '--email must be an e-mail address' }),
  name: z.string().trim().min(1, '--name is required').max(80),
  password: z.string().min(10, 'the password must be at least 10 characters'),
});

/** Reads a password from the terminal without echoing it. */
async function promptPassword(question: string): Promise<string> {
  if (!process.stdin.isTTY) throw new Error('no terminal to ask for the password: set AGENT_PASSWORD');
  let muted = false;
  const output = new Writable({
    write(chunk, _encoding, done) {
      if (!muted) process.stdout.write(chunk);
      done();
    },
  });
  const rl = createInterface({ input: process.stdin, output, terminal: true });
  return new Promise((resolve) => {
    rl.question(question, (answer) => {
      rl.close();
      process.stdout.write('\n');
      resolve(answer);
    });
    muted = true;
  });
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { email: { type: 'string' }, name: { type: 'string' }, replace: { type: 'boolean', default: false } } });
  const password = process.env.AGENT_PASSWORD ?? (await promptPassword(`Password for ${values.email ?? 'the agent'}: `));
  const input = Input.safeParse({ email: values.email, name: values.name, password });
  if (!input.success) throw new Error(input.error.issues.map((issue) => issue.message).join('; '));
  const { config } = loadConfig();
  const redis = createRedis(config.REDIS_URL, 'pitboss-agent-add');
  await connectRedis(redis, config.REDIS_URL);
  try {
    const agent = await new AgentStore(redis, handoffKeys(config.REDIS_PREFIX)).add(input.data, { replace: values.replace });
    console.log(`Agent ${agent.name} <${agent.email}> ${values.replace ? 'saved' : 'added'}. They can log in at /agent.`);
  } finally {
    redis.disconnect();
  }
}

main().catch((error: unknown) => {
  console.error(`agent:add: ${error instanceof AppError || error instanceof Error ? error.message : String(error)}`);
  console.error('usage: npm run agent:add -- --email anna@example.com --name Anna [--replace]   (password from AGENT_PASSWORD or the prompt)');
  process.exit(1);
});
