import { cpSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, stopTestApps, type TestApp } from '../helpers/app.js';
import { launchBrowser } from '../helpers/browser.js';
import { tempKnowledge, withdrawalArticles } from '../helpers/knowledge.js';
import { uniquePrefix } from '../helpers/redis.js';

const prefix = uniquePrefix('e2e-help');
const kb = tempKnowledge([
  ...withdrawalArticles,
  {
    id: 'deposit-help',
    locale: 'en',
    title: 'Deposit help',
    body: 'Deposits arrive at once. <script>window.__pwned = 1</script>\n\n## Why did my deposit fail?\nCheck the card. <img src=x onerror="window.__pwned = 2">',
  },
]);
// Triage as shipped, so the questions here are triaged as in production.
cpSync('knowledge/triage', join(kb.dir, 'triage'), { recursive: true });
let gateway: TestApp;
let browser: Browser;

beforeAll(async () => {
  gateway = await startTestApp({ prefix, env: { KNOWLEDGE_DIR: kb.dir } });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await stopTestApps(prefix, gateway);
  kb.cleanup();
});

describe('help pages from the widget', () => {
  it("shows an answer's source as a link that opens the cited section of its help page in a new tab", async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'en-US' });
    const page = await context.newPage();
    await page.goto(`${gateway.url}/chat`);
    await expect.poll(() => page.locator('#connection').textContent()).toBe('Online');
    await page.fill('#text', 'What is the minimum withdrawal?');
    await page.press('#text', 'Enter');
    const source = page.locator('.msg--bot .msg__sources a');
    await source.waitFor();
    expect(await source.textContent()).toBe('Withdrawal times');
    expect(await source.getAttribute('target')).toBe('_blank');
    expect(await source.getAttribute('rel')).toBe('noopener');

    const [help] = await Promise.all([context.waitForEvent('page'), source.click()]);
    await help.waitForLoadState();
    expect(help.url()).toBe(`${gateway.url}/help/en/withdrawals#what-is-the-minimum-withdrawal`);
    expect(await help.locator('h1').textContent()).toBe('Withdrawal times');
    expect(await help.locator(':target').textContent()).toBe('What is the minimum withdrawal?');
    expect(await help.locator('html').getAttribute('lang')).toBe('en');
    await context.close();
  });

  it('never runs a script written into an article file', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${gateway.url}/help/en/deposit-help`);
    await page.locator('h2#why-did-my-deposit-fail').waitFor();
    expect(await page.locator('main').textContent()).toContain('<script>window.__pwned = 1</script>');
    expect(await page.locator('script, main img').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    await context.close();
  });
});
