import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, stopTestApps, type TestApp } from '../helpers/app.js';
import { launchBrowser } from '../helpers/browser.js';
import { uniquePrefix } from '../helpers/redis.js';

const prefix = uniquePrefix('api-docs');
let gateway: TestApp;
let browser: Browser;

beforeAll(async () => {
  gateway = await startTestApp({ prefix });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser.close();
  await stopTestApps(prefix, gateway);
});

describe('the API documentation in a browser', () => {
  it('renders /docs from the OpenAPI document under our security headers, with no console errors', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${gateway.url}/docs`);
    await page.locator('.swagger-ui .info .title').waitFor();
    expect(await page.locator('.swagger-ui .info .title').textContent()).toContain('Pitboss');
    await page.locator('.opblock-summary-path', { hasText: '/api/webchat/messages' }).first().waitFor();
    expect(errors).toEqual([]);
    await page.close();
  });
});
