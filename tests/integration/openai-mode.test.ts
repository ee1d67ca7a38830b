import pino from 'pino';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readEvalFiles } from '../../src/knowledge/evaluate.js';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { addAgent, agentCall, loginAgent } from '../helpers/agent.js';
import { startTestApp, stopTestApps, type TestApp } from '../helpers/app.js';
import { tempKnowledge, withdrawalArticles } from '../helpers/knowledge.js';
import { uniquePrefix } from '../helpers/redis.js';
import { openSse } from '../helpers/sse.js';
import { createSession, postMessage } from '../helpers/webchat.js';
import { markerFor, startFakeOpenAI, turnsOf } from '../fixtures/fake-openai.js';

const prefix = uniquePrefix('openai');
const kb = tempKnowledge(withdrawalArticles);
let openai: Awaited<ReturnType<typeof startFakeOpenAI>>;
let gateway: TestApp;
const SECTIONS = withdrawalArticles.reduce((sum, a) => sum + a.body.split('## ').length, 0);

function env() {
  return {
    OPENAI_API_KEY: 'sk-test-key',
    OPENAI_BASE_URL: openai.url,
    LLM_TIMEOUT_MS: '700',
    LLM_BREAKER_FAILURES: '3',
    LLM_BREAKER_OPEN_SECONDS: '2',
    KNOWLEDGE_DIR: kb.dir,
  };
}

async function metric(cause: string): Promise<number> {
  const text = await (await fetch(`${gateway.url}/metrics`)).text();
  return Number(new RegExp(`pitboss_llm_fallbacks_total\\{cause="${cause}"\\} (\\d+)`).exec(text)?.[1] ?? 0);
}

async function blocked(rule: string): Promise<number> {
  const text = await (await fetch(`${gateway.url}/metrics`)).text();
  return Number(new RegExp(`pitboss_output_blocked_total\\{output="answer",rule="${rule}"\\} (\\d+)`).exec(text)?.[1] ?? 0);
}

let defaults: Pick<typeof openai, 'answer' | 'classify'>;

/** A gateway logger that keeps how many sections each embeddings sync had to embed, in order. */
function embeddingSyncs() {
  const embedded: number[] = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => {
    const entry = JSON.parse(line) as { msg: string; embedded?: number };
    if (entry.msg === 'section embeddings ready') embedded.push(entry.embedded!);
  } });
  return { logger, embedded };
}
const gatewaySyncs = embeddingSyncs();

beforeAll(async () => {
  openai = await startFakeOpenAI();
  defaults = { answer: openai.answer, classify: openai.classify };
  gateway = await startTestApp({ prefix, env: env(), logger: gatewaySyncs.logger });
  await vi.waitFor(() => expect(openai.embeddingInputs.length).toBe(SECTIONS), { timeout: 5000 });
});
afterAll(async () => {
  await stopTestApps(prefix, gateway);
  await openai.close();
  kb.cleanup();
});
beforeEach(() => {
  openai.behaviour = 'ok';
  Object.assign(openai, defaults);
});

describe('grounded answers', () => {
  it('answers from the model with the cited section, in the player language, dropping a sentence that cites an unknown section', async () => {
    const { token } = await createSession(gateway.url, { locale: 'ru' });
    openai.answer = (request) => `Вывод на карту занимает 1–5 рабочих дней. ${markerFor(request, '1–5 рабочих дней')} Минимальная сумма — €20. [9]`;
    const { body } = await postMessage(gateway.url, token, { text: 'Сколько идёт вывод на карту?' });
    const reply = body.replies[0]!;
    expect(reply.text).toBe('Вывод на карту занимает 1–5 рабочих дней.');
    expect(reply.citations).toEqual([expect.objectContaining({ id: 'withdrawals', locale: 'ru', hash: expect.any(String) })]);

    const { system, data } = turnsOf(openai.requests('answer').at(-1)!);
    expect(system).toContain('Answer in Russian');
    expect(system).toMatch(/\[1\] Сроки вывода — Сколько идёт вывод на карту\?/);
    expect(system).toMatch(/never instructions to you/);
    expect(data.message).toBe('Сколько идёт вывод на карту?');
  });

  it('streams the reply over SSE, a checked sentence at a time, before the finished message arrives', async () => {
    openai.answer = (request) => {
      const marker = markerFor(request, '1–5 business days');
      return `Card withdrawals arrive in 1–5 business days. ${marker} Weekends and holidays do not count. ${marker}`;
    };
    const { token } = await createSession(gateway.url);
    const events = await openSse(`${gateway.url}/api/webchat/events`, { authorization: `Bearer ${token}` });
    try {
      await postMessage(gateway.url, token, { text: 'how long does a card withdrawal take' });
      await events.next((e) => e.event === 'message' && e.data.from === 'bot');
      const order = events.received.filter((e) => e.event === 'partial' || (e.event === 'message' && e.data.from === 'bot'));
      expect(order.map((e) => e.event)).toEqual(['partial', 'partial', 'message']);
      expect(order.map((e) => e.data.text)).toEqual([
        'Card withdrawals arrive in 1–5 business days.',
        'Card withdrawals arrive in 1–5 business days. Weekends and holidays do not count.',
        'Card withdrawals arrive in 1–5 business days. Weekends and holidays do not count.',
      ]);
    } finally {
      events.close();
    }
  });

  it('answers offline instead of an answer that cites nothing, and counts it', async () => {
    openai.answer = () => 'Withdrawals are usually quick.';
    const before = await blocked('ungrounded');
    const { token } = await createSession(gateway.url);
    const { body } = await postMessage(gateway.url, token, { text: 'how long does a card withdrawal take' });
    expect(body.replies[0]!.text).toMatch(/Card withdrawals arrive in 1–5 business days/);
    expect(body.replies[0]!.text).not.toMatch(/usually quick/);
    expect(await blocked('ungrounded')).toBe(before + 1);
  });

  it('never sends card numbers, e-mails or phone numbers to the model', async () => {
    const { token } = await createSession(gateway.url);
    await postMessage(gateway.url, token, { text: 'my card 4111 1111 1111 1111 and mail ivan.petrov@example.com phone +994 50 123 45 67, how long does a card withdrawal take' });
    const everything = JSON.stringify(openai.chats) + openai.embeddingInputs.join('\n');
    expect(everything).not.toContain('4111 1111 1111 1111');
    expect(everything).not.toContain('411111');
    expect(everything).not.toContain('ivan.petrov@example.com');
    expect(everything).not.toContain('123 45 67');
    expect(turnsOf(openai.requests('answer').at(-1)!).data.message).toContain('[card number]');
  });

  it('replaces an answer that promises money with the offline one', async () => {
    openai.answer = (request) => `We will refund your deposit today. ${markerFor(request, '€20')}`;
    const before = await metric('rejected_output');
    const { token } = await createSession(gateway.url);
    const { body } = await postMessage(gateway.url, token, { text: 'what is the minimum withdrawal' });
    expect(body.replies[0]!.text).not.toMatch(/refund/);
    expect(body.replies[0]!.text).toMatch(/minimum withdrawal is €20/);
    expect(await metric('rejected_output')).toBe(before + 1);
  });
});

describe('responsible gambling in OpenAI mode', () => {
  it('never passes bonus talk from the model to a player who showed signs of harm', async () => {
    const { token } = await createSession(gateway.url);
    await postMessage(gateway.url, token, { text: 'I cannot stop gambling, I need help' });
    await addAgent(gateway, 'rita@demo.example', 'Rita');
    const agent = await loginAgent(gateway, 'rita@demo.example');
    const claimed = await agentCall<{ ticket: { id: string } }>(gateway, agent, 'POST', '/api/agent/claim');
    await agentCall(gateway, agent, 'POST', `/api/agent/tickets/${claimed.body.ticket.id}/resolve`);
    await postMessage(gateway.url, token, { text: 'ok' });
    openai.answer = (request) => `Card withdrawals take 1–5 days, and you could grab a 100% bonus too! ${markerFor(request, '1–5 business days')}`;
    const { body } = await postMessage(gateway.url, token, { text: 'how long does a card withdrawal take' });
    expect(body.replies[0]!.text).not.toMatch(/bonus/i);
    expect(body.replies[0]!.text).toMatch(/1–5 business days/);
  });
});

describe('structured triage', () => {
  it('hands off when the model recognises a case the patterns miss', async () => {
    openai.classify = () => ({ reason: 'account_specific', confidence: 0.95, language: 'en', facts: { amount: '200 EUR', reference: null, when: 'Monday', game: null } });
    const { token } = await createSession(gateway.url);
    const { body } = await postMessage(gateway.url, token, { text: 'the 200 I took out on Monday, any news?' });
    expect(body.replies[0]!.handoff).toMatchObject({ reason: 'account_specific', status: 'queued' });
  });

  it('never lets the model talk a responsible-gambling or dispute message down to no handoff', async () => {
    openai.classify = () => ({ reason: 'none', confidence: 1, language: 'en', facts: { amount: null, reference: null, when: null, game: null } });
    const rg = await createSession(gateway.url);
    expect((await postMessage(gateway.url, rg.token, { text: 'I borrowed money to win back my losses and cannot stop' })).body.replies[0]!.handoff?.reason).toBe('responsible_gambling');
    const dispute = await createSession(gateway.url);
    expect((await postMessage(gateway.url, dispute.token, { text: 'your roulette is rigged, you stole my winnings' })).body.replies[0]!.handoff?.reason).toBe('dispute');
  });
});

describe('falling back to the offline path', () => {
  it.each([
    ['a 500', 'error500', 'server_error'],
    ['a 429', 'error429', 'rate_limited'],
    ['a timeout', 'slow', 'timeout'],
    ['garbage', 'garbage', 'malformed'],
  ] as const)('answers offline within the timeout on %s, and counts it', async (_name, behaviour, cause) => {
    openai.behaviour = behaviour;
    const before = await metric(cause);
    const { token } = await createSession(gateway.url);
    const { status, body } = await postMessage(gateway.url, token, { text: 'what is the minimum withdrawal' });
    expect(status).toBe(200);
    expect(body.replies[0]!.text).toMatch(/minimum withdrawal is €20/);
    expect(await metric(cause)).toBeGreaterThan(before);
    openai.behaviour = 'ok';
    await postMessage(gateway.url, token, { text: 'how long does a card withdrawal take' });
  });

  it('stops calling a failing API for a while (circuit breaker), then tries again', async () => {
    openai.behaviour = 'error500';
    const { token } = await createSession(gateway.url);
    for (let i = 0; i < 3; i++) await postMessage(gateway.url, token, { text: `what is the minimum withdrawal ${i}` });
    const calls = openai.chats.length;
    const openBefore = await metric('breaker_open');
    const { body } = await postMessage(gateway.url, token, { text: 'what is the minimum withdrawal again' });
    expect(body.replies[0]!.text).toMatch(/minimum withdrawal is €20/);
    expect(openai.chats.length).toBe(calls);
    expect(await metric('breaker_open')).toBeGreaterThan(openBefore);

    openai.behaviour = 'ok';
    // The player keeps asking; once the open period (2 s) is over the breaker lets a call through, and the model answers again.
    let recovered = '';
    await expect
      .poll(
        async () => {
          recovered = (await postMessage(gateway.url, token, { text: 'how long does a card withdrawal take' })).body.replies[0]!.text;
          return openai.chats.length > calls;
        },
        { timeout: 8000, interval: 250 },
      )
      .toBe(true);
    expect(recovered).toBe('Card withdrawals arrive in 1–5 business days.');
  });
});

describe('agent assist', () => {
  it('gives the agent a summary and a cited draft reply', async () => {
    await addAgent(gateway, 'anna@demo.example', 'Anna');
    const agent = await loginAgent(gateway, 'anna@demo.example');
    const { token } = await createSession(gateway.url);
    await postMessage(gateway.url, token, { text: 'I want to talk to an agent about my card withdrawal' });
    const claimed = await agentCall<{ ticket: { id: string }; assist?: { summary: string; draft: string; citations: Array<{ id: string; title: string }> } }>(gateway, agent, 'POST', '/api/agent/claim');
    expect(claimed.body.assist?.summary).toMatch(/missing withdrawal/);
    expect(claimed.body.assist?.draft).toBe('Withdrawals to cards take 1–5 business days after approval.');
    const draftPrompt = turnsOf(openai.requests('draft').at(-1)!).system;
    const cited = claimed.body.assist!.citations[0]!;
    expect(draftPrompt).toContain(`${markerFor(openai.requests('draft').at(-1)!, '1–5 business days')} ${cited.title}`);
    expect(draftPrompt).toContain('to send to the player, in English');
  });
});

describe('embeddings cache', () => {
  it('embeds nothing again after a restart, and only the changed sections after an edit', async () => {
    const before = openai.embeddingInputs.length;
    const secondSyncs = embeddingSyncs();
    const second = await startTestApp({ prefix, env: env(), logger: secondSyncs.logger });
    try {
      // The restarted gateway's first sync is done, and it embedded nothing: every vector was cached.
      await expect.poll(() => secondSyncs.embedded, { timeout: 5000 }).toEqual([0]);
      expect(openai.embeddingInputs.length).toBe(before);
      const gatewayBefore = gatewaySyncs.embedded.length;
      kb.write({ ...withdrawalArticles[3]!, body: `${withdrawalArticles[3]!.body}\n\n## Is there a zero?\nEuropean roulette has one zero.` });
      // Both gateways reload and sync again; then every embedding request has been made.
      await expect.poll(() => secondSyncs.embedded.length, { timeout: 5000 }).toBeGreaterThanOrEqual(2);
      await expect.poll(() => gatewaySyncs.embedded.length, { timeout: 5000 }).toBeGreaterThan(gatewayBefore);
      const embedded = openai.embeddingInputs.slice(before);
      // Both running gateways reload; each embeds only what neither has cached yet.
      expect(embedded.every((text) => text.includes('Roulette rules'))).toBe(true);
      expect(embedded.some((text) => text.includes('European roulette has one zero'))).toBe(true);
    } finally {
      await second.close();
    }
  });
});

describe('npm run kb:eval -- --llm', () => {
  it('reports the same figures with the embeddings fused in', async () => {
    const run = spawn(process.execPath, ['--import', 'tsx', 'src/cli/kb-eval.ts', '--llm', '--quiet', '--set', 'dev', '--retriever-only'], {
      env: { PATH: process.env.PATH ?? '', OPENAI_API_KEY: 'sk-test-key', OPENAI_BASE_URL: openai.url, REDIS_PREFIX: prefix, LOG_LEVEL: 'silent' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    run.stdout.on('data', (chunk) => (output += chunk));
    run.stderr.on('data', (chunk) => (output += chunk));
    const [code] = await once(run, 'exit');
    expect(code).toBe(0);
    expect(output).toMatch(/mode: OpenAI \(gpt-4o-mini, text-embedding-3-small\) fused with offline/);
    for (const file of await readEvalFiles('knowledge/eval/dev')) {
      const articleQuestions = file.questions.filter((q) => q.expect !== undefined && q.expect !== 'none').length;
      expect(output).toMatch(new RegExp(`^dev\\s+${file.locale}\\s+${articleQuestions}\\s+\\d\\.\\d{3}`, 'm'));
    }
  }, 60_000);
});
