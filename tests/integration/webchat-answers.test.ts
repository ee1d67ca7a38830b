import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, stopTestApps, type TestApp } from '../helpers/app.js';
import { tempKnowledge, withdrawalArticles } from '../helpers/knowledge.js';
import { uniquePrefix } from '../helpers/redis.js';
import { createSession, history, postMessage } from '../helpers/webchat.js';

const prefix = uniquePrefix('answers');
const kb = tempKnowledge(withdrawalArticles);
let shipped: TestApp;
let editable: TestApp;

beforeAll(async () => {
  shipped = await startTestApp({ prefix });
  editable = await startTestApp({ prefix, env: { KNOWLEDGE_DIR: kb.dir } });
});
afterAll(async () => {
  await stopTestApps(prefix, shipped, editable);
  kb.cleanup();
});

describe('answers through the web chat API', () => {
  it('quotes the right article in the player language, cites it and offers the follow-up actions', async () => {
    const { token } = await createSession(shipped.url, { locale: 'ru' });
    const { body } = await postMessage(shipped.url, token, { text: 'Сколько идёт вывод на карту Visa?' });
    const [reply] = body.replies;
    expect(reply).toMatchObject({ from: 'bot', locale: 'ru' });
    expect(reply!.text).toMatch(/1–5 рабочих дн/);
    expect(reply!.citations).toEqual([
      { id: 'payments-withdrawal-times', title: expect.any(String), locale: 'ru', hash: expect.stringMatching(/^[0-9a-f]{16}$/), url: expect.stringMatching(/^\/help\/ru\/payments-withdrawal-times#/) },
    ]);
    expect(reply!.actions?.map((a) => a.title)).toEqual(['Помогло', 'Позвать оператора']);
  });

  it('records the cited article version in the transcript', async () => {
    const { token } = await createSession(shipped.url);
    const { body } = await postMessage(shipped.url, token, { text: 'what is the max bet while wagering a bonus' });
    const stored = (await history(shipped.url, token)).find((m) => m.id === body.replies[0]!.id);
    expect(stored?.citations?.[0]).toMatchObject({ id: 'bonus-wagering', hash: body.replies[0]!.citations![0]!.hash });
  });

  it('says it is not sure and offers an agent instead of guessing', async () => {
    const { token } = await createSession(shipped.url);
    const { body } = await postMessage(shipped.url, token, { text: 'what will the weather be in Paris tomorrow' });
    const [reply] = body.replies;
    expect(reply!.text).toMatch(/not sure/);
    expect(reply!.citations).toBeUndefined();
    expect(reply!.actions?.at(-1)?.title).toBe('Talk to an agent');
  });

  it('thanks the player who taps Helpful', async () => {
    const { token } = await createSession(shipped.url, { locale: 'az' });
    await postMessage(shipped.url, token, { text: 'Pulu karta necə çıxarım?' });
    const { body } = await postMessage(shipped.url, token, { text: 'Kömək etdi' });
    expect(body.replies[0]!.text).toMatch(/şadam/);
  });

  it('answers from an edited article without a restart, citing the new version', async () => {
    const { token } = await createSession(editable.url);
    const ask = async () => (await postMessage(editable.url, token, { text: 'what is the minimum withdrawal' })).body.replies[0]!;
    const before = await ask();
    expect(before.text).toContain('€20');
    kb.write({ ...withdrawalArticles[0]!, body: withdrawalArticles[0]!.body.replace('€20', '€15') });
    await expect.poll(async () => (await ask()).text, { timeout: 5000, interval: 50 }).toContain('€15');
    expect((await ask()).citations![0]!.hash).not.toBe(before.citations![0]!.hash);
  });
});
