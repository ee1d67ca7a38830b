import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, stopTestApps, type TestApp } from '../helpers/app.js';
import { uniquePrefix } from '../helpers/redis.js';
import { createSession, history, postMessage } from '../helpers/webchat.js';

// The shipped knowledge base: small talk as content staff wrote it in knowledge/language/<locale>.yaml.
const prefix = uniquePrefix('small-talk');
let gateway: TestApp;

beforeAll(async () => {
  gateway = await startTestApp({ prefix });
});
afterAll(async () => {
  await stopTestApps(prefix, gateway);
});

const say = async (token: string, text: string) => {
  const { status, body } = await postMessage(gateway.url, token, { text });
  expect(status).toBe(200);
  return body.replies;
};

const metric = async (name: string, labels: string) => {
  const text = await (await fetch(`${gateway.url}/metrics`)).text();
  return Number(new RegExp(`^${name}\\{${labels}\\} (\\d+)$`, 'm').exec(text)?.[1] ?? 0);
};

describe('small talk', () => {
  it.each([
    ['en', 'thanks', /welcome/],
    ['en', 'ok', /another question/],
    ['en', '👍', /another question/],
    ['ru', 'спасибо', /Пожалуйста/],
    ['az', 'sağ ol', /Buyurun/],
  ] as const)('answers %s %j with one short reply, not an article or an "I am not sure"', async (locale, text, expected) => {
    const { token } = await createSession(gateway.url, { locale });
    const replies = await say(token, text);
    expect(replies).toHaveLength(1);
    expect(replies[0]).toMatchObject({ from: 'bot', locale, text: expect.stringMatching(expected) });
    expect(replies[0]!.text.length).toBeLessThan(120);
    expect(replies[0]!.citations).toBeUndefined();
    expect(replies[0]!.handoff).toBeUndefined();
  });

  it('says honestly that it is an automated assistant and offers a person', async () => {
    const { token } = await createSession(gateway.url);
    const [reply] = await say(token, 'are you a bot?');
    expect(reply!.text).toMatch(/automated assistant, not a person/);
    expect(reply!.actions?.map((a) => a.title)).toEqual(['Talk to an agent']);
    expect(reply!.handoff).toBeUndefined();
  });

  it('greets back with what the bot can do', async () => {
    const { token } = await createSession(gateway.url);
    const [reply] = await say(token, 'Hello!');
    expect(reply!.text).toMatch(/I can help with game rules/);
  });

  it('opens no ticket for small talk in a row, and does not count it towards "unresolved"', async () => {
    const { token } = await createSession(gateway.url);
    const answersBefore = await metric('pitboss_answers_total', 'confident="false"');
    for (const text of ['thanks', 'ok', '👍', 'got it']) {
      const replies = await say(token, text);
      expect(replies.map((r) => r.handoff)).toEqual([undefined]);
    }
    // Had the small talk counted as misses, this first real miss would be the second in a row and open a ticket.
    const [miss] = await say(token, 'what is the tallest mountain on mars');
    expect(miss!.text).toMatch(/not sure/);
    expect(miss!.handoff).toBeUndefined();
    expect((await history(gateway.url, token)).filter((m) => m.from === 'system' || m.handoff)).toEqual([]);
    expect(await metric('pitboss_answers_total', 'confident="false"')).toBe(answersBefore + 1);
    expect(await metric('pitboss_small_talk_total', 'kind="ok"')).toBeGreaterThanOrEqual(3);
  });

  it('still hands off after two real misses in a row, small talk in between or not', async () => {
    const { token } = await createSession(gateway.url);
    await say(token, 'what is the tallest mountain on mars');
    await say(token, 'thanks');
    const replies = await say(token, 'recommend a pizza place near the stadium');
    expect(replies.at(-1)!.handoff).toMatchObject({ reason: 'unresolved', status: 'queued' });
  });
});
