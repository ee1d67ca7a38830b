import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { startTestApp, stopTestApps, type TestApp } from '../helpers/app.js';
import { TEST_REDIS_URL, uniquePrefix } from '../helpers/redis.js';
import { createSession, history } from '../helpers/webchat.js';

const prefix = uniquePrefix('webchat-locale');
let gateway: TestApp;

beforeAll(async () => {
  gateway = await startTestApp({ prefix });
});
afterAll(async () => {
  await stopTestApps(prefix, gateway);
});

async function greetingFor(locale: unknown) {
  const session = await createSession(gateway.url, { locale });
  const [greeting] = await history(gateway.url, session.token);
  return greeting!;
}

async function keysUnderPrefix(): Promise<string[]> {
  const redis = new Redis(TEST_REDIS_URL);
  try {
    return await redis.keys(`${prefix}*`);
  } finally {
    redis.disconnect();
  }
}

describe('web chat session language', () => {
  it.each([
    ['en-US', 'en', 'Demo Casino assistant'],
    ['ru-RU', 'ru', 'Здравствуйте'],
    ['az-Latn-AZ', 'az', 'Salam'],
    ['tr', 'tr', 'Merhaba'],
  ])('greets a player whose embed asks for %j in %s', async (tag, locale, text) => {
    const greeting = await greetingFor(tag);
    expect(greeting).toMatchObject({ from: 'bot', locale });
    expect(greeting.text).toContain(text);
  });

  it.each([['de'], [''], ['not a language!']])('opens the chat in English for %j instead of refusing it', async (tag) => {
    const greeting = await greetingFor(tag);
    expect(greeting).toMatchObject({ from: 'bot', locale: 'en' });
    expect(greeting.text).toContain('Demo Casino assistant');
  });

  it('refuses a locale that is not a string or absurdly long with a 400 naming the field, and opens nothing', async () => {
    const before = await keysUnderPrefix();
    for (const locale of [42, ['ru'], 'x'.repeat(65)]) {
      const response = await fetch(`${gateway.url}/api/webchat/sessions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ locale }),
      });
      expect(response.status).toBe(400);
      const body = (await response.json()) as { error: string; message: string };
      expect(body.error).toBe('invalid_input');
      expect(body.message).toMatch(/^Invalid request body: locale: /);
    }
    expect((await keysUnderPrefix()).sort()).toEqual(before.sort());
  });
});
