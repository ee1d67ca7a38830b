import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { dropSchema, schemaFor, TEST_DATABASE_URL } from '../helpers/database.js';
import { deleteKeys, TEST_REDIS_URL, uniquePrefix } from '../helpers/redis.js';

const prefix = uniquePrefix('main');
const children: ChildProcess[] = [];
/** The restart test's own DATA_DIR: its first start finds no saved model. */
const dataDir = mkdtempSync(join(tmpdir(), 'pitboss-main-'));

afterAll(async () => {
  for (const child of children) child.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
  await deleteKeys(prefix);
  await dropSchema(schemaFor(prefix));
});

function start(env: Record<string, string>) {
  const child = spawn('node_modules/.bin/tsx', ['src/main.ts'], {
    env: {
      PATH: process.env.PATH ?? '',
      LOG_LEVEL: 'info',
      HOST: '127.0.0.1',
      REDIS_PREFIX: prefix,
      DATABASE_URL: TEST_DATABASE_URL,
      DATABASE_SCHEMA: schemaFor(prefix),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  return { child, output: () => output };
}

describe('npm start', () => {
  it('says Redis is unreachable and how to start one, without a stack trace', async () => {
    const { child, output } = start({ REDIS_URL: 'redis://127.0.0.1:1', PORT: '0' });
    const [code] = await once(child, 'exit');
    expect(code).toBe(1);
    expect(output()).toContain('Cannot reach Redis at redis://127.0.0.1:1');
    expect(output()).toContain('redis-server --daemonize yes');
    expect(output()).not.toMatch(/\n\s+at /);
  });

  it('says the PostgreSQL of DATABASE_URL cannot be used, without its password or a stack trace', async () => {
    const { child, output } = start({ REDIS_URL: TEST_REDIS_URL, PORT: '0', DATABASE_URL: 'postgres://pitboss:hunter2@127.0.0.1:1/record' });
    const [code] = await once(child, 'exit');
    expect(code).toBe(1);
    expect(output()).toContain('Cannot use the PostgreSQL database at postgres://pitboss:***@127.0.0.1:1/record (');
    expect(output()).toContain('leave DATABASE_URL unset');
    expect(output()).not.toContain('hunter2');
    expect(output()).not.toMatch(/\n\s+at /);
  });

  it('stops on a bad configuration with one line per problem', async () => {
    const { child, output } = start({ PORT: 'abc', REDIS_URL: 'localhost:6379' });
    const [code] = await once(child, 'exit');
    expect(code).toBe(1);
    expect(output()).toMatch(/- PORT: /);
    expect(output()).toMatch(/- REDIS_URL: must be a redis:\/\/ or rediss:\/\/ URL/);
  });

  it('keeps every chat across a restart in development, with no secret set, and restarts on the triage classifier it trained', async () => {
    const env = { REDIS_URL: TEST_REDIS_URL, PORT: '0', NODE_ENV: 'development', REDIS_PREFIX: `${prefix}restart:`, DATA_DIR: dataDir };
    const up = async () => {
      const gateway = start(env);
      await expect.poll(() => gateway.output(), { timeout: 60_000 }).toContain('Pitboss is up');
      return { ...gateway, url: `http://127.0.0.1:${/Server listening at http:\/\/127\.0\.0\.1:(\d+)/.exec(gateway.output())?.[1]}` };
    };
    /** What the gateway makes of a complaint: the handoff reason of a new chat's first message. */
    const triageOf = async (url: string) => {
      const { token } = (await (await fetch(`${url}/api/webchat/sessions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).json()) as { token: string };
      const turn = await fetch(`${url}/api/webchat/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ text: 'You cancelled my winnings after I won, I want to file a complaint' }),
      });
      return ((await turn.json()) as { replies: Array<{ handoff?: { reason: string } }> }).replies.find((reply) => reply.handoff)?.handoff?.reason;
    };
    const first = await up();
    expect(first.output()).toContain('triage classifier trained');
    const session = (await (await fetch(`${first.url}/api/webchat/sessions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).json()) as { token: string };
    expect(await triageOf(first.url)).toBe('dispute');
    first.child.kill('SIGTERM');
    await once(first.child, 'exit');

    const second = await up();
    // The model the first start trained, read back from DATA_DIR/models instead of trained again, and judging alike.
    expect(second.output()).toContain('triage classifier loaded from a saved model');
    expect(await triageOf(second.url)).toBe('dispute');
    const history = await fetch(`${second.url}/api/webchat/messages`, { headers: { authorization: `Bearer ${session.token}` } });
    expect(history.status).toBe(200);
    expect(((await history.json()) as { messages: Array<{ text: string }> }).messages[0]?.text).toContain('Demo Casino assistant');
    expect(second.output()).not.toContain(session.token);
    second.child.kill('SIGTERM');
    await once(second.child, 'exit');
  }, 180_000); // two gateway processes, one after the other

  it('serves the chat, then shuts down cleanly on SIGTERM', async () => {
    const { child, output } = start({ REDIS_URL: TEST_REDIS_URL, PORT: '0', NODE_ENV: 'development' });
    await expect.poll(() => output(), { timeout: 60_000 }).toContain('Pitboss is up');
    const port = /Server listening at http:\/\/127\.0\.0\.1:(\d+)/.exec(output())?.[1];
    const page = await fetch(`http://127.0.0.1:${port}/chat`);
    expect(page.status).toBe(200);
    expect(output()).not.toMatch(/"WEBCHAT_TOKEN_SECRET":|secret-value/);
    child.kill('SIGTERM');
    const [code] = await once(child, 'exit');
    expect(code).toBe(0);
    expect(output()).toContain('stopped');
  }, 120_000);
});
