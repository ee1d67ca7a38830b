import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkKnowledgeDir } from '../../src/knowledge/check.js';
import { tempKnowledge, withdrawalArticles } from '../helpers/knowledge.js';

const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

function folder(specs = withdrawalArticles) {
  const kb = tempKnowledge(specs);
  cleanups.push(kb.cleanup);
  return kb;
}

describe('kb:check', () => {
  it('finds a missing translation', async () => {
    const problems = await checkKnowledgeDir(folder().dir);
    expect(problems).toContainEqual({ level: 'error', file: 'ru/roulette.md', message: expect.stringMatching(/missing translation of "roulette"/) });
    expect(problems).toContainEqual({ level: 'error', file: 'az/roulette.md', message: expect.stringMatching(/missing translation/) });
  });

  it('finds broken front matter, a broken link and an empty section', async () => {
    const kb = folder(withdrawalArticles.filter((a) => a.id === 'withdrawals'));
    kb.writeRaw('az/withdrawals.md', '---\nid: withdrawals\nlocale: az\ntitle: x: y\n---\nText');
    kb.write({ ...withdrawalArticles[0]!, body: 'See [rules](kb:no-such-article).\n\n## Empty\n\n## Full\nText here.' });
    const problems = await checkKnowledgeDir(kb.dir);
    expect(problems).toContainEqual({ level: 'error', file: 'az/withdrawals.md', message: expect.stringMatching(/front matter is not valid YAML/) });
    expect(problems).toContainEqual({ level: 'error', file: 'en/withdrawals.md', message: 'broken link to "kb:no-such-article" (no such article)' });
    expect(problems).toContainEqual({ level: 'error', file: 'en/withdrawals.md', message: 'empty section "Empty"' });
  });

  it('passes a clean folder, and the CLI exits 1 on errors and 0 without', () => {
    const clean = folder(withdrawalArticles.filter((a) => a.id === 'withdrawals'));
    const ok = spawnSync('node_modules/.bin/tsx', ['src/cli/kb-check.ts', '--dir', clean.dir], { encoding: 'utf8' });
    expect(ok.status).toBe(0);
    expect(ok.stdout).toContain('0 error(s)');
    const broken = spawnSync('node_modules/.bin/tsx', ['src/cli/kb-check.ts', '--dir', folder().dir], { encoding: 'utf8' });
    expect(broken.status).toBe(1);
    expect(broken.stdout).toMatch(/ERROR\s+ru\/roulette\.md: missing translation/);
  });

  it('reports questions filed under a heading the article does not have', async () => {
    const kb = folder(withdrawalArticles.filter((a) => a.id === 'withdrawals'));
    kb.write({ ...withdrawalArticles[0]!, questions: { 'What is the minimum withdrawal?': ['smallest cashout'], 'Minimum withdrawal': ['min cashout'] } });
    const problems = await checkKnowledgeDir(kb.dir);
    expect(problems).toContainEqual({ level: 'error', file: 'en/withdrawals.md', message: expect.stringMatching(/^questions: "Minimum withdrawal" matches no heading/) });
    expect(problems.filter((p) => p.message.includes('What is the minimum withdrawal?'))).toEqual([]);
  });

  it('warns about more than 12 tags and a tag longer than three words', async () => {
    const kb = folder(withdrawalArticles.filter((a) => a.id === 'withdrawals'));
    kb.write({ ...withdrawalArticles[0]!, tags: ['cashout', 'how long does a card withdrawal take'] });
    kb.write({ ...withdrawalArticles[1]!, tags: Array.from({ length: 13 }, (_, i) => `вывод${i}`) });
    const problems = await checkKnowledgeDir(kb.dir);
    expect(problems).toContainEqual({ level: 'warning', file: 'en/withdrawals.md', message: expect.stringMatching(/^tag "how long does a card withdrawal take" is longer than 3 words/) });
    expect(problems).toContainEqual({ level: 'warning', file: 'ru/withdrawals.md', message: expect.stringMatching(/^13 tags \(more than 12\)/) });
    expect(problems.filter((p) => p.file === 'az/withdrawals.md')).toEqual([]);
  });

  it('checks the language files: a broken one is an error, a phrase in two synonym groups a warning', async () => {
    const kb = folder(withdrawalArticles.filter((a) => a.id === 'withdrawals'));
    mkdirSync(join(kb.dir, 'language'));
    kb.writeRaw('language/ru.yaml', 'locale: ru\nsynonyms:\n  - [вывод, кэшаут]\n  - [выплата, Кэшаут]\n');
    kb.writeRaw('language/az.yaml', 'locale: az\nsynonyms:\n  - [cixaris]\n');
    const problems = await checkKnowledgeDir(kb.dir);
    expect(problems).toContainEqual({ level: 'warning', file: 'language/ru.yaml', message: expect.stringMatching(/^"кэшаут" is in two synonym groups \(1 and 2\)/) });
    expect(problems).toContainEqual({ level: 'error', file: 'language/az.yaml', message: expect.stringMatching(/at least two entries/) });
    const cli = spawnSync('node_modules/.bin/tsx', ['src/cli/kb-check.ts', '--dir', kb.dir], { encoding: 'utf8' });
    expect(cli.status).toBe(1);
    expect(cli.stdout).toMatch(/ERROR\s+language\/az\.yaml: /);
  });

  it('passes on the shipped knowledge base', async () => {
    expect((await checkKnowledgeDir('knowledge')).filter((p) => p.level === 'error')).toEqual([]);
  });
});
