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
      TURN_LOCK_SECONDS: '1',
      // Twelve players behind one address in the burst below: the per-address limits are not under test here.
      WEBCHAT_MESSAGES_PER_IP_PER_MINUTE: '100000',
      WEBCHAT_MESSAGES_PER_CONVERSATION_PER_MINUTE: '100000',
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
  // A generous bound: starting tsx, loading and training the knowledge base takes seconds, many under CPU load.
  await expect.poll(() => output, { timeout: 60_000 }).toContain('Pitboss is up');
  return child;
}

beforeAll(async () => {
  telegram = await startFakeTelegram();
  port = await freePort();
});
async function killGateways(): Promise<void> {
  for (const child of children) {
    if (child.exitCode !== null || child.signalCode !== null) continue;
    child.kill('SIGKILL');
    await once(child, 'exit');
  }
}

afterAll(async () => {
  await killGateways();
  await telegram.close();
  await deleteKeys(prefix);
});

describe('a gateway killed right after acknowledging webhooks', () => {
  it('answers every acknowledged message, in order, after it is restarted', async () => {
    const chat = 4_242_001;
    const base = `http://127.0.0.1:${port}`;
    const first = await startGateway();
    const questions = ['blackjack rules please', 'how does roulette pay', 'what are free spins'];
    for (const question of questions) expect((await postUpdate(base, textUpdate(chat, question))).status).toBe(200);
    first.kill('SIGKILL');
    await once(first, 'exit');

    await startGateway();
    // One more message after the restart: the chat is answered in order, so once its answer is out every earlier answer is too.
    expect((await postUpdate(base, textUpdate(chat, 'what is the minimum deposit'))).status).toBe(200);
    await expect.poll(() => telegram.sent(chat).some((call) => /deposit/i.test(String(call.body.text))), { timeout: 30_000, interval: 250 }).toBe(true);
    const answers = telegram.sent(chat).map((call) => String(call.body.text));
    // A send in flight when the process died may have reached Telegram unrecorded and goes out again
    // after the restart (Telegram has no idempotency key); nothing else is repeated, and nothing is lost.
    const repeats = answers.filter((text, i) => text === answers[i - 1]).length;
    expect(repeats).toBeLessThanOrEqual(1);
    expect(answers.filter((text, i) => text !== answers[i - 1])).toEqual([
      expect.stringMatching(/blackjack/i),
      expect.stringMatching(/roulette/i),
      expect.stringMatching(/free spin/i),
      expect.stringMatching(/deposit/i),
    ]);
  }, 180_000);
});

describe('a gateway killed in the middle of a burst of web chat turns', () => {
  it('loses no player message and records none, and no reply, twice when the players retry', async () => {
    type Reply = { id: string; from: string; text: string; clientMessageId?: string };
    const base = `http://127.0.0.1:${port}`;
    await killGateways();
    let gateway = await startGateway();
    const questions = ['how long does a skrill withdrawal take', 'what documents do you need for verification', 'blackjack rules please', 'what are free spins', 'how does roulette pay'];
    const players = await Promise.all(
      Array.from({ length: 12 }, async () => {
        const response = await fetch(`${base}/api/webchat/sessions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
        return (await response.json()) as { token: string };
      }),
    );
    /** What a player finally got for each message: the turn's replies (a retry gets the first turn's). */
    const answered = new Map<string, string[]>();
    let sent = 0;
    // Each player sends 15 messages one after another, retrying each (same clientMessageId) until it is answered.
    const burst = players.map(async ({ token }, player) => {
      for (let n = 0; n < 15; n++) {
        const clientMessageId = `p${player}-m${n}`;
        for (;;) {
          const response = await fetch(`${base}/api/webchat/messages`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
            body: JSON.stringify({ text: questions[n % questions.length], clientMessageId }),
          }).catch(() => undefined);
          if (response?.status === 200) {
            answered.set(clientMessageId, ((await response.json()) as { replies: Reply[] }).replies.map((reply) => reply.id));
            sent++;
            break;
          }
          // As the widget does: wait what the server asks (Retry-After), or a moment when it is down.
          await new Promise((resolve) => setTimeout(resolve, Math.max(100, Number(response?.headers.get('retry-after') ?? 0) * 1000)));
        }
      }
    });
    await expect.poll(() => sent, { timeout: 20_000, interval: 10 }).toBeGreaterThanOrEqual(40);
    gateway.kill('SIGKILL');
    await once(gateway, 'exit');
    gateway = await startGateway();
    await Promise.all(burst);

    for (const [player, { token }] of players.entries()) {
      const response = await fetch(`${base}/api/webchat/messages?limit=500`, { headers: { authorization: `Bearer ${token}` } });
      const transcript = ((await response.json()) as { messages: Reply[] }).messages.slice(1); // after the greeting
      const playerMessages = transcript.filter((message) => message.from === 'player').map((message) => message.clientMessageId);
      expect(playerMessages).toEqual(Array.from({ length: 15 }, (_, n) => `p${player}-m${n}`));
      // After each player message come exactly the replies its turn returned, once each.
      const repliesAfter = new Map<string, string[]>();
      let current = '';
      for (const message of transcript) {
        if (message.from === 'player') {
          current = message.clientMessageId!;
          repliesAfter.set(current, []);
        } else repliesAfter.get(current)!.push(message.id);
      }
      for (const [clientMessageId, replies] of repliesAfter) expect(replies, clientMessageId).toEqual(answered.get(clientMessageId));
    }
  }, 240_000);
});
