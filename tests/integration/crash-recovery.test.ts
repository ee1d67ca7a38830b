import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postUpdate, startFakeTelegram, TELEGRAM_SECRET, TELEGRAM_TOKEN, textUpdate } from '../fixtures/fake-telegram.js';
import { deleteKeys, TEST_REDIS_URL, uniquePrefix } from '../helpers/redis.js';

const prefix = uniquePrefix('crash');
let telegram: Awaited<ReturnType<typeof startFakeTelegram>>;
let port: number;
const children: ChildProcess[] = [];

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port: free } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return free;
}

/** The real gateway process, as `npm start` runs it. */
async function startGateway(): Promise<ChildProcess> {
  // One process (node + tsx loader), so SIGKILL really kills the gateway.
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    env: {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'development',
      HOST: '127.0.0.1',
      PORT: String(port),
      LOG_LEVEL: 'info',
      REDIS_URL: TEST_REDIS_URL,
      REDIS_PREFIX: prefix,
      WEBCHAT_TOKEN_SECRET: 'crash-test-webchat-secret-0123456789',
      AGENT_TOKEN_SECRET: 'crash-test-agent-secret-0123456789ab',
      KNOWLEDGE_WATCH: 'false',
      MAILBOX_LOCK_SECONDS: '2',
      TELEGRAM_BOT_TOKEN: TELEGRAM_TOKEN,
      TELEGRAM_WEBHOOK_SECRET: TELEGRAM_SECRET,
      TELEGRAM_API_ROOT: telegram.url,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  await expect.poll(() => output, { timeout: 20_000 }).toContain('Pitboss is up');
  return child;
}

beforeAll(async () => {
  telegram = await startFakeTelegram();
  port = await freePort();
});
afterAll(async () => {
  for (const child of children) {
    if (child.exitCode !== null || child.signalCode !== null) continue;
    child.kill('SIGKILL');
    await once(child, 'exit');
  }
  await telegram.close();
  await deleteKeys(prefix);
});

describe('a gateway killed right after acknowledging webhooks', () => {
  it('answers every acknowledged message exactly once, in order, after it is restarted', async () => {
    const chat = 4_242_001;
    const base = `http://127.0.0.1:${port}`;
    const first = await startGateway();
    const questions = ['blackjack rules please', 'how does roulette pay', 'what are free spins'];
    for (const question of questions) expect((await postUpdate(base, textUpdate(chat, question))).status).toBe(200);
    first.kill('SIGKILL');
    await once(first, 'exit');

    await startGateway();
    await expect.poll(() => telegram.sent(chat).length, { timeout: 30_000, interval: 250 }).toBe(3);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const answers = telegram.sent(chat).map((call) => String(call.body.text));
    expect(answers).toHaveLength(3);
    expect(answers[0]).toMatch(/blackjack/i);
    expect(answers[1]).toMatch(/roulette/i);
    expect(answers[2]).toMatch(/free spin/i);
  }, 60_000);
});
