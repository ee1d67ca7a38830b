import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import { addAgent, agentCall, loginAgent } from '../helpers/agent.js';
import { startTestApp, stopTestApps, type TestApp } from '../helpers/app.js';
import { type ReplySpec, replySource, tempKnowledge, withdrawalArticles, writeReply } from '../helpers/knowledge.js';
import { uniquePrefix } from '../helpers/redis.js';

type Listed = { replies: Array<{ name: string; locale: string; title: string; shortcut: string; text: string }> };

const prefix = uniquePrefix('team-replies');
const logs: Array<Record<string, unknown>> = [];
const logger = pino({ level: 'info' }, { write: (line: string) => logs.push(JSON.parse(line)) });
const kb = tempKnowledge(withdrawalArticles);
let gateway: TestApp;
let token: string;

const replies: ReplySpec[] = [
  { name: 'greeting', locale: 'en', title: 'Greeting', shortcut: '/hello', body: 'Hello, {player.name}! My name is {agent.name}.' },
  { name: 'greeting', locale: 'ru', title: 'Приветствие', shortcut: '/hello', body: 'Здравствуйте, {player.name}! Меня зовут {agent.name}.' },
  { name: 'greeting', locale: 'az', title: 'Salamlama', shortcut: '/hello', body: 'Salam, {player.name}! Mənim adım {agent.name}.' },
  { name: 'closing', locale: 'en', title: 'Closing', shortcut: '/closing', body: 'Anything else? Your ticket is {ticket.id}.' },
  { name: 'closing', locale: 'ru', title: 'Завершение', shortcut: '/closing', body: 'Могу ли я ещё помочь? Ваше обращение {ticket.id}.' },
  { name: 'closing', locale: 'az', title: 'Bağlanış', shortcut: '/closing', body: 'Başqa sualınız var? Müraciətiniz {ticket.id}.' },
];

beforeAll(async () => {
  for (const reply of replies) writeReply(kb.dir, reply);
  gateway = await startTestApp({ prefix, logger, env: { KNOWLEDGE_DIR: kb.dir } });
  await addAgent(gateway, 'rita@demo.example', 'Rita');
  token = await loginAgent(gateway, 'rita@demo.example');
});
afterAll(async () => {
  await stopTestApps(prefix, gateway);
  kb.cleanup();
});

const list = (query = '') => agentCall<Listed>(gateway, token, 'GET', `/api/agent/replies${query}`);
const shortcuts = async (locale: string) => (await list(`?locale=${locale}`)).body.replies.map((reply) => reply.shortcut);
const served = async (locale: string, name: string) => (await list(`?locale=${locale}`)).body.replies.find((reply) => reply.name === name)?.text;

describe('GET /api/agent/replies', () => {
  it('lists the replies of the language asked for, with the placeholders left for the console to fill in', async () => {
    expect(await list('?locale=ru')).toEqual({
      status: 200,
      body: {
        replies: [
          { name: 'closing', locale: 'ru', title: 'Завершение', shortcut: '/closing', text: 'Могу ли я ещё помочь? Ваше обращение {ticket.id}.' },
          { name: 'greeting', locale: 'ru', title: 'Приветствие', shortcut: '/hello', text: 'Здравствуйте, {player.name}! Меня зовут {agent.name}.' },
        ],
      },
    });
  });

  it('lists every language, English first, when no locale is given', async () => {
    const { status, body } = await list();
    expect(status).toBe(200);
    expect(body.replies.map((reply) => `${reply.locale}${reply.shortcut}`)).toEqual(['en/closing', 'en/hello', 'ru/closing', 'ru/hello', 'az/closing', 'az/hello']);
  });

  it('refuses a caller without an agent token, and a language the knowledge base does not have', async () => {
    const anonymous = await agentCall(gateway, undefined, 'GET', '/api/agent/replies?locale=ru');
    expect(anonymous.status).toBe(401);
    expect(anonymous.body).toMatchObject({ error: expect.any(String), message: expect.any(String) });
    expect((await agentCall(gateway, 'not-a-token', 'GET', '/api/agent/replies')).status).toBe(401);
    for (const locale of ['de', 'tr', 'RU', '']) {
      expect(await list(`?locale=${locale}`)).toEqual({ status: 400, body: { error: 'invalid_input', message: expect.stringMatching(/^Invalid query: locale: /) } });
    }
  });

  it('serves an edited, a new and a deleted reply without a restart', async () => {
    writeReply(kb.dir, { ...replies[1]!, body: 'Добрый день, {player.name}!' });
    await expect.poll(() => served('ru', 'greeting'), { timeout: 15_000 }).toBe('Добрый день, {player.name}!');

    writeReply(kb.dir, { name: 'documents', locale: 'az', title: 'Sənədlər alındı', shortcut: '/documents', body: 'Sənədlərinizi aldıq.' });
    await expect.poll(() => shortcuts('az'), { timeout: 15_000 }).toEqual(['/closing', '/documents', '/hello']);
    kb.remove('replies/az/documents.md');
    await expect.poll(() => shortcuts('az'), { timeout: 15_000 }).toEqual(['/closing', '/hello']);
  });

  it('keeps serving the last good version of a reply that breaks, and logs why', async () => {
    kb.writeRaw('replies/en/closing.md', replySource({ title: 'Closing', shortcut: '/closing', body: 'Bye, {player.nmae}!' }));
    const rejected = () => logs.find((line) => line.msg === 'team reply rejected; the last good version stays in service' && line.file === 'replies/en/closing.md');
    await expect.poll(rejected, { timeout: 15_000 }).toBeDefined();
    expect(rejected()).toMatchObject({ keptPreviousVersion: true, problem: expect.stringMatching(/unknown placeholder \{player\.nmae\}/) });
    expect(await served('en', 'closing')).toBe('Anything else? Your ticket is {ticket.id}.');

    writeReply(kb.dir, { ...replies[3]!, body: 'Bye, {player.name}!' });
    await expect.poll(() => served('en', 'closing'), { timeout: 15_000 }).toBe('Bye, {player.name}!');
  });
});
