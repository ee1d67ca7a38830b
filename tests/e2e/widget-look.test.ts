import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeOperatorSite, type FakeOperatorSite } from '../fixtures/fake-operator-site.js';
import { startTestApp, stopTestApps, type TestApp } from '../helpers/app.js';
import { launchBrowser } from '../helpers/browser.js';
import { uniquePrefix } from '../helpers/redis.js';

const prefix = uniquePrefix('e2e-widget-look');
/** The operator's colour, set for the gateway (WIDGET_COLOR): a dark purple, under white text. */
const GATEWAY_COLOR = '#5b2a86';
let gateway: TestApp;
let site: FakeOperatorSite;
let browser: Browser;

beforeAll(async () => {
  gateway = await startTestApp({ prefix, env: { WIDGET_COLOR: GATEWAY_COLOR } });
  site = await startFakeOperatorSite({
    '/plain': () => `<!doctype html><title>Casino</title><script src="${gateway.url}/widget.js" async></script>`,
    // A light yellow brand, which needs dark text, and the operator's logo.
    '/branded': () => `<!doctype html><title>Casino</title><script src="${gateway.url}/widget.js" data-color="#ffcc00" data-logo="${gateway.url}/favicon.svg" async></script>`,
  });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await site?.close();
  await stopTestApps(prefix, gateway);
});

const colorOf = (page: Page, selector: string, property: 'color' | 'backgroundColor') => page.locator(selector).evaluate((element, name) => getComputedStyle(element)[name], property);

async function openChat(locale = 'en'): Promise<Page> {
  const page = await (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
  await page.goto(`${gateway.url}/chat?locale=${locale}`);
  await page.locator('.msg--bot').first().waitFor();
  return page;
}

describe('the message box', () => {
  it('grows with the text, counts down near the limit and refuses, rather than cuts, a message that is too long', async () => {
    const page = await openChat();
    const box = page.locator('#text');
    const oneLine = (await box.boundingBox())?.height ?? 0;
    await box.fill('first line\nsecond line\nthird line\nfourth line');
    expect((await box.boundingBox())?.height).toBeGreaterThan(oneLine * 2);
    expect(await page.locator('#counter').isHidden()).toBe(true);

    await box.fill('a'.repeat(3600));
    expect(await page.locator('#counter').textContent()).toBe('400 characters left');
    await box.fill('a'.repeat(3999));
    expect(await page.locator('#counter').textContent()).toBe('1 character left');
    const tooLong = `${'a'.repeat(4000)} and twelve`;
    await box.fill(tooLong);
    expect(await page.locator('#counter').textContent()).toBe('11 characters too many: shorten the message to send it');
    expect(await box.getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#send').isDisabled()).toBe(true);
    await box.press('Enter');
    expect(await box.inputValue()).toBe(tooLong);
    expect(await page.locator('.msg--player').count()).toBe(0);

    await box.fill('a'.repeat(4000));
    expect(await page.locator('#send').isEnabled()).toBe(true);
    await box.press('Enter');
    const sent = page.locator('.msg--player').first();
    await sent.waitFor();
    expect(await sent.evaluate((item) => item.firstChild?.textContent?.length)).toBe(4000);
    expect(await box.inputValue()).toBe('');
    expect(await page.locator('#counter').isHidden()).toBe(true);
    await page.context().close();
  });

  it('counts in the chat\'s language, with its plural forms and number format', async () => {
    const page = await openChat('ru');
    await page.fill('#text', 'a'.repeat(3999));
    expect(await page.locator('#counter').textContent()).toBe('Остался 1 символ');
    await page.fill('#text', 'a'.repeat(3998));
    expect(await page.locator('#counter').textContent()).toBe('Осталось 2 символа');
    await page.fill('#text', 'a'.repeat(3500));
    expect(await page.locator('#counter').textContent()).toBe('Осталось 500 символов');
    await page.fill('#text', 'a'.repeat(5021));
    expect(await page.locator('#counter').textContent()).toBe('На 1\u00a0021 символ длиннее допустимого: сократите сообщение, чтобы отправить');
    await page.context().close();
  });
});

describe("the operator's colour and logo", () => {
  it('brands the chat button and the chat with WIDGET_COLOR, with text that stays readable on it', async () => {
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${site.url}/plain`);
    const button = page.getByRole('button', { name: 'Open support chat' });
    await button.waitFor();
    expect(await button.evaluate((element) => getComputedStyle(element).backgroundColor)).toBe('rgb(91, 42, 134)');
    expect(await button.evaluate((element) => getComputedStyle(element).color)).toBe('rgb(255, 255, 255)');
    // An icon drawn as SVG, not an emoji that needs an emoji font.
    expect(await button.locator('svg path').count()).toBe(1);
    expect((await button.textContent())?.trim()).toBe('');

    const chat = await openChat();
    expect(await colorOf(chat, '.chat__header', 'backgroundColor')).toBe('rgb(91, 42, 134)');
    expect(await colorOf(chat, '.chat__header', 'color')).toBe('rgb(255, 255, 255)');
    expect(await chat.locator('#logo').isHidden()).toBe(true);
    await chat.context().close();
    await page.context().close();
  });

  it("takes /widget.js's data-color and data-logo over the gateway's, choosing dark text on a light colour", async () => {
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${site.url}/branded`);
    const button = page.getByRole('button', { name: 'Open support chat' });
    expect(await button.evaluate((element) => getComputedStyle(element).backgroundColor)).toBe('rgb(255, 204, 0)');
    expect(await button.evaluate((element) => getComputedStyle(element).color)).toBe('rgb(0, 0, 0)');
    expect(await button.getAttribute('aria-expanded')).toBe('false');
    await button.click();
    const close = page.getByRole('button', { name: 'Close support chat' });
    expect(await close.getAttribute('aria-expanded')).toBe('true');

    const frame = page.frameLocator('iframe[title="Support chat"]');
    await frame.locator('.msg--bot').first().waitFor();
    expect(await frame.locator('.chat__header').evaluate((element) => getComputedStyle(element).backgroundColor)).toBe('rgb(255, 204, 0)');
    expect(await frame.locator('.chat__header').evaluate((element) => getComputedStyle(element).color)).toBe('rgb(0, 0, 0)');
    const logo = frame.locator('#logo');
    await expect.poll(() => logo.evaluate((image) => (image as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
    expect(await logo.isVisible()).toBe(true);

    await close.click();
    expect(await frame.locator('body').isHidden()).toBe(true);
    await page.context().close();
  });

  it('follows the system dark theme, keeping the brand colour on the header', async () => {
    const page = await openChat();
    await page.emulateMedia({ colorScheme: 'dark' });
    expect(await colorOf(page, '.chat__log', 'backgroundColor')).toBe('rgb(18, 21, 27)');
    expect(await colorOf(page, '.msg--bot', 'color')).toBe('rgb(232, 234, 239)');
    expect(await colorOf(page, '.chat__header', 'backgroundColor')).toBe('rgb(91, 42, 134)');
    await page.emulateMedia({ colorScheme: 'light' });
    expect(await colorOf(page, '.chat__log', 'backgroundColor')).toBe('rgb(244, 245, 247)');
    await page.context().close();
  });
});
