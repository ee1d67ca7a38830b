import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { z } from 'zod';
import { emailOption, runAgentCommand, UsageError } from './agent-cli.js';

const Input = z.object({
  name: z.string({ error: '--name is required' }).trim().min(1, '--name is required').max(80, '--name must be at most 80 characters'),
  password: z.string().min(10, 'the password must be at least 10 characters'),
});

/** Reads a password from the terminal without echoing it. */
async function promptPassword(question: string): Promise<string> {
  if (!process.stdin.isTTY) throw new UsageError('no terminal to ask for the password: set AGENT_PASSWORD');
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

runAgentCommand({
  name: 'agent:add',
  synopsis: '--email anna@example.com --name Anna [--replace]',
  description: [
    'Adds an agent who can log in to the console at /agent. The password comes from AGENT_PASSWORD or is asked for.',
    '  --email     the agent\'s e-mail address (their login)',
    '  --name      the name players and colleagues see',
    '  --replace   the agent exists: set this name and a new password, and end every session they have open',
  ].join('\n'),
  options: { email: { type: 'string' }, name: { type: 'string' }, replace: { type: 'boolean', default: false } },
  async run(values, agents) {
    const email = emailOption(values.email);
    const password = process.env.AGENT_PASSWORD ?? (await promptPassword(`Password for ${email}: `));
    const input = Input.safeParse({ name: values.name, password });
    if (!input.success) throw new UsageError(input.error.issues.map((issue) => issue.message).join('; '));
    const agent = await agents.add({ email, ...input.data }, { replace: values.replace });
    console.log(
      values.replace
        ? `Agent ${agent.name} <${agent.email}> saved; any session of theirs has ended, and they log in at /agent with the new password.`
        : `Agent ${agent.name} <${agent.email}> added. They can log in at /agent.`,
    );
  },
});
