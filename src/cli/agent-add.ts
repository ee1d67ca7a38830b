import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { z } from 'zod';
import { Locale } from '../core/schemas.js';
import { TeamName } from '../core/teams.js';
import { AgentGender, AgentRole, DEFAULT_MAX_CHATS } from '../handoff/schemas.js';
import { emailOption, runAgentCommand } from './agent-cli.js';
import { UsageError } from './command.js';

/** "ru, az" → ['ru', 'az']; absent or empty → none. */
const commaList = z
  .string()
  .optional()
  .transform((text) => (text ?? '').split(',').map((item) => item.trim()).filter(Boolean));

const Input = z.object({
  name: z.string({ error: '--name is required' }).trim().min(1, '--name is required').max(80, '--name must be at most 80 characters'),
  password: z.string().min(10, 'the password must be at least 10 characters'),
  languages: commaList.pipe(z.array(Locale, { error: `--languages takes the players' languages they serve, from ${Locale.options.join(', ')}` })),
  teams: commaList.pipe(z.array(TeamName)),
  role: AgentRole.default('agent'),
  maxChats: z.coerce.number({ error: '--max-chats must be a number' }).int('--max-chats must be a whole number').min(1, '--max-chats must be at least 1').max(50, '--max-chats must be at most 50').default(DEFAULT_MAX_CHATS),
  gender: z.enum(AgentGender.options, { error: `--gender takes ${AgentGender.options.join(' or ')}` }).optional(),
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
  synopsis: '--email anna@example.com --name Anna [--languages ru,az] [--teams payments,rg] [--role agent|supervisor] [--max-chats 3] [--gender female|male] [--replace]',
  description: [
    'Adds an agent who can log in to the console at /agent. The password comes from AGENT_PASSWORD or is asked for.',
    '  --email     the agent\'s e-mail address (their login)',
    '  --name      the name players and colleagues see',
    `  --languages the players' languages they serve (${Locale.options.join(', ')}); none given: all`,
    '  --teams     the teams they are in (HANDOFF_TEAMS sends reasons to teams); none given: they serve every team',
    '  --role      agent (default) or supervisor (sees the whole queue, the supervisor view, and can transfer any ticket)',
    `  --max-chats how many tickets they hold at once (default ${DEFAULT_MAX_CHATS}); claims beyond it are refused`,
    '  --gender    female or male, for the grammar of what players read about them (Russian "подключилась" / "подключился"); none given: wording that needs no gender',
    '  --replace   the agent exists: set all of this and a new password, and end every session they have open',
  ].join('\n'),
  options: {
    email: { type: 'string' },
    name: { type: 'string' },
    languages: { type: 'string' },
    teams: { type: 'string' },
    role: { type: 'string' },
    'max-chats': { type: 'string' },
    gender: { type: 'string' },
    replace: { type: 'boolean', default: false },
  },
  async run(values, agents) {
    const email = emailOption(values.email);
    const password = process.env.AGENT_PASSWORD ?? (await promptPassword(`Password for ${email}: `));
    const input = Input.safeParse({ name: values.name, password, languages: values.languages, teams: values.teams, role: values.role, maxChats: values['max-chats'], gender: values.gender });
    if (!input.success) throw new UsageError(input.error.issues.map((issue) => issue.message).join('; '));
    const agent = await agents.add({ email, ...input.data }, { replace: values.replace });
    console.log(
      values.replace
        ? `Agent ${agent.name} <${agent.email}> saved; any session of theirs has ended, and they log in at /agent with the new password.`
        : `Agent ${agent.name} <${agent.email}> added. They can log in at /agent.`,
    );
  },
});
