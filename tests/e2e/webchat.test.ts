import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { conversationKeys } from '../../src/conversation/keys.js';
import { ConversationStore } from '../../src/conversation/store.js';
import { launchBrowser } from '../helpers/browser.js';
import { startTestApp, stopTestApps, type TestApp } from '../helpers/app.js';
import { uniquePrefix } from '../helpers/redis.js';

const prefix = uniquePrefix('e2e-webchat');
let gateway: TestApp;
let browser: Browser;

beforeAll(async () => {
  gateway = await startTestApp({ prefix });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await stopTestApps(prefix, gateway);
});

describe('web chat widget in a browser', () => {
  it('greets, answers a message, keeps the history across a reload and shows agent messages live', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'en-US' });
    const page = await context.newPage();
    await page.goto(`${gateway.url}/chat`);
    await page.locator('.msg--bot').first().waitFor();
    await expect.poll(() => page.locator('#connection').textContent()).toBe('Online');
    expect(await page.locator('.msg--bot').first().textContent()).toContain('Demo Casino assistant');

    await page.fill('#text', 'How long does a withdrawal to my Visa card take?');
    await page.press('#text', 'Enter');
    await expect.poll(() => page.locator('.msg--bot').count()).toBe(2);
    const answer = page.locator('.msg--bot').nth(1);
    expect(await answer.textContent()).toContain('1–5 business days');
    expect(await answer.locator('.msg__sources').textContent()).toMatch(/^Source: Withdrawal/);
    await page.getByRole('button', { name: 'Helpful' }).click();
    await expect.poll(() => page.locator('.msg--bot').count()).toBe(3);
    expect(await page.locator('.msg--bot').nth(2).textContent()).toContain('Glad I could help');

    await page.reload();
    await expect.poll(() => page.locator('.msg').count()).toBe(5);
    expect(await page.locator('.msg--player').first().textContent()).toContain('How long does a withdrawal');

    await expect.poll(() => page.locator('#connection').textContent()).toBe('Online');
    const session = JSON.parse((await page.evaluate(() => localStorage.getItem('pitboss.webchat.session')))!) as { conversationId: string };
    const store = new ConversationStore(gateway.redis, conversationKeys(prefix));
    await store.append(session.conversationId, { from: 'agent', text: 'Hi, Anna here from support.', locale: 'en', author: 'Anna' });
    await page.locator('.msg--agent').waitFor();
    expect(await page.locator('.msg--agent').textContent()).toContain('Anna · agent');
    await context.close();
  });

  it('starts a new chat when the player first writes after an untouched chat expired', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${gateway.url}/chat`);
    await expect.poll(() => page.locator('#connection').textContent()).toBe('Online');
    const stale = JSON.parse((await page.evaluate(() => localStorage.getItem('pitboss.webchat.session')))!) as { conversationId: string };
    // What UNCLAIMED_SESSION_TTL_MINUTES does to a chat nobody wrote in.
    const keys = conversationKeys(prefix);
    await gateway.redis.del(keys.record(stale.conversationId), keys.transcript(stale.conversationId));

    await page.fill('#text', 'How long does a withdrawal to my Visa card take?');
    await page.press('#text', 'Enter');
    await expect.poll(() => page.locator('.msg--bot').filter({ hasText: '1–5 business days' }).count()).toBe(1);
    expect(await page.locator('.msg--failed').count()).toBe(0);
    expect(await page.locator('.msg--player').count()).toBe(1);
    const fresh = JSON.parse((await page.evaluate(() => localStorage.getItem('pitboss.webchat.session')))!) as { conversationId: string };
    expect(fresh.conversationId).not.toBe(stale.conversationId);
    await context.close();
  });

  it('shows markup a player types as text and never runs it', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${gateway.url}/chat`);
    await expect.poll(() => page.locator('#connection').textContent()).toBe('Online');
    const payload = '<img src=x onerror="window.__pwned=1"><b>bold</b>';
    await page.fill('#text', payload);
    await page.click('#send');
    await expect.poll(() => page.locator('.msg--bot').count()).toBe(2);
    expect(await page.locator('.msg--player').textContent()).toContain(payload);
    expect(await page.locator('.msg img, .msg b').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    await context.close();
  });
});
