import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { loadKnowledge } from '../../src/knowledge/load.js';
import { startTestApp, stopTestApps } from '../helpers/app.js';
import { articleSource, tempKnowledge, withdrawalArticles } from '../helpers/knowledge.js';
import { uniquePrefix } from '../helpers/redis.js';
import { createSession, postMessage } from '../helpers/webchat.js';

/**
 * Knowledge files are written by content staff, but a file can arrive from anywhere (a pull request,
 * a shared folder). Front matter that asks for code must be refused, and nothing in it may run:
 * each payload below would leave a marker file and a global behind if it were ever evaluated.
 */
const markers = mkdtempSync(join(tmpdir(), 'pitboss-code-'));
const marker = join(markers, 'front-matter-ran');
const GLOBAL = '__pitbossFrontMatterRan';
const withdrawals = withdrawalArticles[0]!;
const runs = `(globalThis.${GLOBAL} = true, process.getBuiltinModule('node:fs').writeFileSync(${JSON.stringify(marker)}, 'ran'), 'Withdrawal times')`;
const body = withdrawals.body.replace('€20', '€99');

const hostile = {
  '---js': `---js\n{ id: 'withdrawals', locale: 'en', title: ${runs}, category: 'payments', tags: [], updated: '2026-11-01' }\n---\n${body}\n`,
  '---javascript': `---javascript\n{ id: 'withdrawals', locale: 'en', title: ${runs}, category: 'payments', tags: [], updated: '2026-11-01' }\n---\n${body}\n`,
  '---coffee': `---coffee\nid: 'withdrawals'\nlocale: 'en'\ntitle: do -> ${runs}\ncategory: 'payments'\ntags: []\nupdated: '2026-11-01'\n---\n${body}\n`,
  '!!js/function': articleSource({ ...withdrawals, body }).replace('title: Withdrawal times', `title: !!js/function "function () { return ${runs.replaceAll('"', '\\"')} }"`),
};
const refusedLanguage = (language: string) => new RegExp(`front matter must open with a plain "---" line, not "---${language}": it is read as YAML data only, never run as code`);
const expectedProblem: Record<keyof typeof hostile, RegExp> = {
  '---js': refusedLanguage('js'),
  '---javascript': refusedLanguage('javascript'),
  '---coffee': refusedLanguage('coffee'),
  '!!js/function': /front matter is not valid YAML: the tag "!!js\/function" on line 4 is not allowed/,
};
const cases = Object.keys(hostile) as Array<keyof typeof hostile>;

function expectNothingRan(): void {
  expect(existsSync(marker)).toBe(false);
  expect((globalThis as Record<string, unknown>)[GLOBAL]).toBeUndefined();
}

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});
afterAll(() => rmSync(markers, { recursive: true, force: true }));

function folderWith(source: string) {
  const kb = tempKnowledge(withdrawalArticles);
  cleanups.push(kb.cleanup);
  kb.writeRaw('en/withdrawals.md', source);
  return kb;
}

describe('knowledge front matter that asks for code', () => {
  it.each(cases)('the loader rejects %s front matter with an error naming the file, and runs nothing', async (kind) => {
    const { articles, errors } = await loadKnowledge(folderWith(hostile[kind]).dir);
    expect(errors.map((error) => [error.file, error.message])).toEqual([['en/withdrawals.md', expect.stringMatching(expectedProblem[kind])]]);
    expect(errors[0]!.message).toMatch(/^en\/withdrawals\.md: /);
    expect(articles.map((a) => a.file)).not.toContain('en/withdrawals.md');
    expect(articles.map((a) => a.file)).toContain('ru/withdrawals.md');
    expectNothingRan();
  });

  it('kb:check fails on every such file, naming each, and runs none of them', () => {
    const kb = tempKnowledge(withdrawalArticles.filter((a) => a.id === 'withdrawals'));
    cleanups.push(kb.cleanup);
    for (const [i, kind] of cases.entries()) kb.writeRaw(`en/hostile-${i}.md`, hostile[kind].replaceAll("'withdrawals'", `'hostile-${i}'`).replace('id: withdrawals', `id: hostile-${i}`));
    const check = spawnSync('node_modules/.bin/tsx', ['src/cli/kb-check.ts', '--dir', kb.dir], { encoding: 'utf8' });
    expect(check.status).toBe(1);
    for (const [i, kind] of cases.entries()) expect(check.stdout).toMatch(new RegExp(`ERROR\\s+en/hostile-${i}\\.md: ${expectedProblem[kind].source}`));
    expect(check.stdout).toMatch(/— 4 error\(s\)/);
    expectNothingRan();
  });

  it.each(['---js', '!!js/function'] as const)('a running gateway keeps answering from the last good article when an edit turns it into %s', async (kind) => {
    const kb = tempKnowledge(withdrawalArticles);
    const prefix = uniquePrefix('content');
    const app = await startTestApp({ prefix, env: { KNOWLEDGE_DIR: kb.dir } });
    cleanups.push(() => stopTestApps(prefix, app), kb.cleanup);
    const { token } = await createSession(app.url);
    const ask = async (text: string) => (await postMessage(app.url, token, { text })).body.replies[0]!.text;
    expect(await ask('what is the minimum withdrawal')).toContain('€20');

    kb.writeRaw('en/withdrawals.md', hostile[kind]);
    // A good edit written after it: once it is served, a reload has read the hostile file too.
    kb.write({ ...withdrawalArticles[3]!, body: withdrawalArticles[3]!.body.replace('35 to 1', '36 to 1') });
    await expect.poll(() => ask('what does a straight bet pay in roulette'), { timeout: 5000, interval: 200 }).toContain('36 to 1');

    const answer = await ask('what is the minimum withdrawal');
    expect(answer).toContain('€20');
    expect(answer).not.toContain('€99');
    expectNothingRan();
  });
});
