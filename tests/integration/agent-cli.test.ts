import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agentCall, loginAgent } from '../helpers/agent.js';
import { startTestApp, stopTestApps, type TestApp } from '../helpers/app.js';
import { runCli } from '../helpers/cli.js';
import { TEST_REDIS_URL, uniquePrefix } from '../helpers/redis.js';

const prefix = uniquePrefix('agent-cli');
let gateway: TestApp;

beforeAll(async () => {
  gateway = await startTestApp({ prefix });
});
afterAll(() => stopTestApps(prefix, gateway));

/** Runs `npm run <script>` the way an operator does, against this file's Redis prefix. */
const cli = (script: string, args: string[], env: Record<string, string> = {}) =>
  runCli(script, args, { NODE_ENV: 'test', REDIS_URL: TEST_REDIS_URL, REDIS_PREFIX: prefix, ...env });

describe('agent administration commands', () => {
  it('adds agents and lists them with e-mail, name, gender and creation time, never a password hash', async () => {
    expect((await cli('agent-add', ['--email', 'Lena@Demo.example', '--name', 'Lena', '--gender', 'female'], { AGENT_PASSWORD: 'lena password 1' })).status).toBe(0);
    const omar = ['--email', 'omar@demo.example', '--name', 'Omar', '--languages', 'az, en', '--teams', 'payments,rg', '--role', 'supervisor', '--max-chats', '2'];
    expect((await cli('agent-add', omar, { AGENT_PASSWORD: 'omar password 1' })).status).toBe(0);

    const list = await cli('agent-list', []);
    expect(list.status).toBe(0);
    const lines = list.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^EMAIL\s+NAME\s+LANGUAGES\s+TEAMS\s+ROLE\s+MAX CHATS\s+GENDER\s+CREATED$/);
    expect(lines.slice(1)).toEqual([
      expect.stringMatching(/^lena@demo\.example\s+Lena\s+all\s+-\s+agent\s+5\s+female\s+\d{4}-\d\d-\d\dT/),
      expect.stringMatching(/^omar@demo\.example\s+Omar\s+az,en\s+payments,rg\s+supervisor\s+2\s+-\s+\d{4}-\d\d-\d\dT/),
    ]);
    expect(list.stdout).not.toMatch(/scrypt|password/i);
  });

  it('refuses a language, team, role, max chats or gender it does not know, with the option named, adding nobody', async () => {
    for (const [flag, value, said] of [
      ['--languages', 'ru,fr', /--languages/],
      ['--teams', 'Payments Team', /team is 1–32 lower-case/],
      ['--role', 'boss', /agent|supervisor/],
      ['--max-chats', '0', /--max-chats must be at least 1/],
      ['--gender', 'f', /--gender takes female or male/],
    ] as const) {
      const refused = await cli('agent-add', ['--email', 'zara@demo.example', '--name', 'Zara', flag, value], { AGENT_PASSWORD: 'zara password 1' });
      expect(refused.status, `${flag} ${value}`).toBe(2);
      expect(refused.stderr).toMatch(said);
    }
    expect((await cli('agent-list', [])).stdout).not.toMatch(/zara/);
  });

  it('refuses to add an existing agent without --replace', async () => {
    const again = await cli('agent-add', ['--email', 'lena@demo.example', '--name', 'Lena'], { AGENT_PASSWORD: 'another password' });
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(/already exists; add --replace/);
  });

  it('removes an agent: their token stops working at once and they are no longer listed', async () => {
    const token = await loginAgent(gateway, 'omar@demo.example', 'omar password 1');
    expect((await agentCall(gateway, token, 'GET', '/api/agent/queue')).status).toBe(200);

    const removed = await cli('agent-remove', ['--email', 'omar@demo.example']);
    expect(removed.status).toBe(0);
    expect(removed.stdout).toContain('Agent <omar@demo.example> removed; their sessions have ended.');

    expect((await agentCall(gateway, token, 'GET', '/api/agent/queue')).status).toBe(401);
    expect((await cli('agent-list', [])).stdout).not.toContain('omar@demo.example');
    const unknown = await cli('agent-remove', ['--email', 'omar@demo.example']);
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toContain('There is no agent with e-mail omar@demo.example');
  });

  it('explains itself with --help and answers a wrong call with the usage, not a stack trace', async () => {
    const scripts = ['agent-add', 'agent-remove', 'agent-list'];
    const helps = await Promise.all(scripts.map((script) => cli(script, ['--help'])));
    scripts.forEach((script, i) => {
      expect(helps[i]!.status).toBe(0);
      expect(helps[i]!.stdout).toMatch(new RegExp(`^usage: npm run ${script.replace('-', ':')}`));
    });
    const mistakes = [
      ['agent-remove', [], /--email must be an e-mail address/],
      ['agent-remove', ['--email'], /argument missing/],
      ['agent-list', ['--all'], /Unknown option '--all'/],
      ['agent-add', ['--email', 'x@demo.example', '--name', 'X', 'extra'], /Unexpected argument 'extra'/],
    ] as const;
    const answers = await Promise.all(mistakes.map(([script, args]) => cli(script, [...args], { AGENT_PASSWORD: 'long enough password' })));
    for (const [i, [script, , problem]] of mistakes.entries()) {
      const wrong = answers[i]!;
      expect(wrong.status).toBe(2);
      expect(wrong.stderr).toMatch(problem);
      expect(wrong.stderr).toContain(`usage: npm run ${script.replace('-', ':')}`);
      expect(wrong.stderr).not.toMatch(/\n\s+at /);
    }
  });
});
