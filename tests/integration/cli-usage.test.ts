import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

/** Every npm script that runs a CLI of src/cli/, as [script name, file name]. */
const { scripts } = JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> };
const clis = Object.entries(scripts).flatMap(([name, command]) => {
  const file = /^tsx src\/cli\/([\w-]+)\.ts$/.exec(command)?.[1];
  return file ? [[name, file] as const] : [];
});

// Nothing listens there: a command that reached for Redis would fail.
const env = { NODE_ENV: 'test', REDIS_URL: 'redis://127.0.0.1:1' };
const stackTrace = /\n\s+at /;
// A bound, not an expectation: each test starts every CLI at once, which a loaded 2-core machine takes a while over.
const SPAWNS_TIMEOUT = 120_000;

describe('every CLI explains itself and answers a wrong call with its usage', () => {
  it('covers the npm scripts', () => {
    expect(clis.map(([name]) => name)).toEqual(expect.arrayContaining(['kb:check', 'kb:eval', 'build', 'telegram:webhook', 'demo:operator', 'player:export', 'player:erase', 'agent:add', 'agent:remove', 'agent:list']));
  });

  it('prints its usage and description with --help, without Redis', async () => {
    const helps = await Promise.all(clis.map(([, file]) => runCli(file, ['--help'], env)));
    for (const [i, [name]] of clis.entries()) {
      const help = helps[i]!;
      expect(help.stderr, name).not.toMatch(stackTrace);
      expect(help.status, name).toBe(0);
      expect(help.stdout, name).toMatch(new RegExp(`^usage: npm run ${name}( -- .+)?\\n\\n\\S.+`));
    }
    // An option with an environment default names it.
    for (const name of ['kb:check', 'kb:eval']) expect(helps[clis.findIndex(([script]) => script === name)]!.stdout).toMatch(/^ {2}--dir .*KNOWLEDGE_DIR/m);
  }, SPAWNS_TIMEOUT);

  it('refuses an unknown option with exit code 2, the option and the usage, without a stack trace', async () => {
    const answers = await Promise.all(clis.map(([, file]) => runCli(file, ['--no-such-option'], env)));
    for (const [i, [name]] of clis.entries()) {
      const wrong = answers[i]!;
      expect(wrong.status, name).toBe(2);
      expect(wrong.stderr, name).toMatch(new RegExp(`^${name}: Unknown option '--no-such-option'`));
      expect(wrong.stderr, name).toContain(`usage: npm run ${name}`);
      expect(wrong.stderr, name).not.toMatch(stackTrace);
    }
  }, SPAWNS_TIMEOUT);

  it('refuses a stray argument and a bad value the same way', async () => {
    const mistakes = [
      ['kb-check', ['knowledge'], /^kb:check: Unexpected argument 'knowledge'/],
      ['build', ['--out-dir'], /^build: Option '--out-dir <value>' argument missing/],
      ['kb-eval', ['--set', 'all'], /^kb:eval: --set must be dev or holdout/],
      ['kb-eval', ['--min-hit1', '2'], /^kb:eval: --min-hit1 must be a number from 0 to 1/],
      ['telegram-webhook', ['https://example.com'], /^telegram:webhook: Unexpected argument/],
    ] as const;
    const answers = await Promise.all(mistakes.map(([file, args]) => runCli(file, [...args], env)));
    for (const [i, [file, args, problem]] of mistakes.entries()) {
      const wrong = answers[i]!;
      expect(wrong.status, `${file} ${args.join(' ')}`).toBe(2);
      expect(wrong.stderr).toMatch(problem);
      expect(wrong.stderr).toMatch(/\nusage: npm run [\w:]+/);
      expect(wrong.stderr).not.toMatch(stackTrace);
    }
  }, SPAWNS_TIMEOUT);
});
