import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { AGENT_PASSWORD, addAgent } from './agent.js';
import { startTestApp, stopTestApps, type TestApp } from './app.js';
import { uniquePrefix } from './redis.js';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Debian's Chromium, headless, with no background network traffic (Playwright gives it a fresh profile). */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

/** Every dialog (alert, confirm, prompt) the page opens, dismissed and kept: our pages must never open one. */
export function recordDialogs(page: Page): string[] {
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  return dialogs;
}

/** One e2e file's gateway (with agent Anna) and browser, opened before its tests and closed after them. */
export function consoleSuite(name: string): { readonly gateway: TestApp; readonly browser: Browser } {
  const prefix = uniquePrefix(name);
  const suite = {} as { gateway: TestApp; browser: Browser };
  beforeAll(async () => {
    suite.gateway = await startTestApp({ prefix });
    await addAgent(suite.gateway, 'anna@demo.example', 'Anna');
    suite.browser = await launchBrowser();
  });
  afterAll(async () => {
    await suite.browser?.close();
    await stopTestApps(prefix, suite.gateway);
  });
  return suite;
}

/** The chat page on a phone-sized screen, connected (`hash`: e.g. `#identity=…`). */
export async function openChatPage(browser: Browser, gatewayUrl: string, hash = ''): Promise<Page> {
  const page = await (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
  await page.goto(`${gatewayUrl}/chat${hash}`);
  await page.locator('#connection', { hasText: 'Online' }).waitFor();
  return page;
}

/** The player asks for a person and waits until the chat shows their ticket. */
export async function askForPerson(page: Page): Promise<void> {
  await page.fill('#text', 'I want to talk to a real person');
  await page.press('#text', 'Enter');
  await page.locator('#banner').waitFor({ state: 'visible' });
}

/** The agent console on a desktop screen, logged in as `email`, with its queue showing a ticket. */
export async function openConsoleWithTicket(browser: Browser, gatewayUrl: string, email = 'anna@demo.example'): Promise<Page> {
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  await page.goto(`${gatewayUrl}/agent`);
  await page.fill('#email', email);
  await page.fill('#password', AGENT_PASSWORD);
  await page.click('#login-form button[type=submit]');
  await page.locator('.qitem').first().waitFor();
  return page;
}
