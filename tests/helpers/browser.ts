import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { addAgent } from './agent.js';
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
