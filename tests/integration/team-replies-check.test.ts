import { spawnSync } from 'node:child_process';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { checkKnowledgeDir } from '../../src/knowledge/check.js';
import { KnowledgeBase } from '../../src/knowledge/knowledge-base.js';
import { loadTeamReplies } from '../../src/knowledge/team-reply-files.js';
import { type ReplySpec, tempKnowledge, withdrawalArticles, writeReply } from '../helpers/knowledge.js';

const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

const withdrawals = withdrawalArticles.filter((a) => a.id === 'withdrawals');
const greeting: ReplySpec[] = [
  { name: 'greeting', locale: 'en', title: 'Greeting', shortcut: '/hello', body: 'Hello, {player.name}! My name is {agent.name}.' },
  { name: 'greeting', locale: 'ru', title: 'Приветствие', shortcut: '/hello', body: 'Здравствуйте, {player.name}! Меня зовут {agent.name}.' },
  { name: 'greeting', locale: 'az', title: 'Salamlama', shortcut: '/hello', body: 'Salam, {player.name}! Mənim adım {agent.name}.' },
];

/** A clean knowledge folder whose only replies are the greeting in three languages. */
function folder() {
  const kb = tempKnowledge(withdrawals);
  cleanups.push(kb.cleanup);
  for (const reply of greeting) writeReply(kb.dir, reply);
  return kb;
}

const replyProblems = async (dir: string) => (await checkKnowledgeDir(dir)).filter((problem) => problem.file.startsWith('replies/'));

describe('kb:check on team replies', () => {
  it('passes complete replies, and does not take the replies folder for articles', async () => {
    const kb = folder();
    expect((await checkKnowledgeDir(kb.dir)).filter((problem) => problem.level === 'error' || problem.file.startsWith('replies/'))).toEqual([]);
    const knowledge = await KnowledgeBase.open({ dir: kb.dir, logger: pino({ level: 'silent' }), watch: false });
    try {
      expect(knowledge.index.articles.map((article) => article.file).sort()).toEqual(['az/withdrawals.md', 'en/withdrawals.md', 'ru/withdrawals.md']);
    } finally {
      await knowledge.close();
    }
  });

  it('finds front matter without a shortcut, a shortcut agents cannot type, an unknown field and an empty reply', async () => {
    const kb = folder();
    kb.writeRaw('replies/en/greeting.md', '---\ntitle: Greeting\n---\nHello!');
    kb.writeRaw('replies/ru/greeting.md', '---\ntitle: Приветствие\nshortcut: /Привет\n---\nЗдравствуйте!');
    kb.writeRaw('replies/az/greeting.md', '---\ntitle: Salamlama\nshortcut: /hello\nlocale: az\n---\nSalam!');
    writeReply(kb.dir, { name: 'closing', locale: 'en', title: 'Closing', shortcut: '/closing', body: '   ' });
    const problems = await replyProblems(kb.dir);
    expect(problems).toContainEqual({ level: 'error', file: 'replies/en/greeting.md', message: expect.stringMatching(/^shortcut: /) });
    expect(problems).toContainEqual({ level: 'error', file: 'replies/ru/greeting.md', message: expect.stringMatching(/^shortcut: must be "\/" and lower-case letters, digits and "-"/) });
    expect(problems).toContainEqual({ level: 'error', file: 'replies/az/greeting.md', message: expect.stringMatching(/locale/) });
    expect(problems).toContainEqual({ level: 'error', file: 'replies/en/closing.md', message: 'the reply has no text' });
  });

  it('finds placeholders the console would not fill in', async () => {
    const kb = folder();
    writeReply(kb.dir, { ...greeting[0]!, body: 'Hello, {name}! I am {agent.name}, and { player.name } and {Player.Name} are typos.' });
    const problems = await replyProblems(kb.dir);
    expect(problems).toEqual([
      {
        level: 'error',
        file: 'replies/en/greeting.md',
        message: 'unknown placeholders {name}, { player.name }, {Player.Name}: the console fills in only {player.name}, {agent.name}, {ticket.id}',
      },
    ]);
  });

  it('finds a shortcut used twice in one language, a missing translation and translations with different shortcuts', async () => {
    const kb = folder();
    writeReply(kb.dir, { name: 'hello-again', locale: 'en', title: 'Greeting again', shortcut: '/hello', body: 'Hello again!' });
    writeReply(kb.dir, { name: 'hello-again', locale: 'ru', title: 'Снова привет', shortcut: '/hello-again', body: 'Снова здравствуйте!' });
    const problems = await replyProblems(kb.dir);
    expect(problems).toContainEqual({ level: 'error', file: 'replies/en/hello-again.md', message: expect.stringMatching(/^shortcut "\/hello" is already used by replies\/en\/greeting\.md/) });
    expect(problems).toContainEqual({ level: 'error', file: 'replies/az/hello-again.md', message: 'missing translation of reply "hello-again" (exists in en, ru)' });
    expect(problems).toContainEqual({ level: 'error', file: 'replies/ru/hello-again.md', message: expect.stringMatching(/^shortcut "\/hello-again" differs from "\/hello" in replies\/en\/hello-again\.md/) });
  });

  it('makes the CLI exit 1 on a broken reply', () => {
    const kb = folder();
    kb.remove('replies/az/greeting.md');
    const cli = spawnSync('node_modules/.bin/tsx', ['src/cli/kb-check.ts', '--dir', kb.dir], { encoding: 'utf8' });
    expect(cli.status).toBe(1);
    expect(cli.stdout).toMatch(/ERROR\s+replies\/az\/greeting\.md: missing translation of reply "greeting"/);
  });

  it('ships the same team replies, by the same shortcuts, in English, Russian and Azerbaijani', async () => {
    const { replies, errors } = await loadTeamReplies('knowledge');
    expect(errors).toEqual([]);
    const shortcutsOf = (locale: string) => replies.filter((reply) => reply.locale === locale).map((reply) => reply.shortcut).sort();
    expect(shortcutsOf('en')).toEqual(['/closing', '/documents-received', '/hello', '/rg-tools', '/transaction-id', '/withdrawal-review']);
    expect(shortcutsOf('ru')).toEqual(shortcutsOf('en'));
    expect(shortcutsOf('az')).toEqual(shortcutsOf('en'));
  });
});
