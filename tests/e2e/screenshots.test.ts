import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { askForPerson, consoleSuite, openConsoleWithTicket } from '../helpers/browser.js';

/**
 * Pictures of the pages as people see them, on a phone and a desktop, light and dark, for a person to
 * look at (written to reports/screenshots/, which git ignores) and for the README's description.
 */
const suite = consoleSuite('e2e-screenshots');
const directory = join(process.cwd(), 'reports', 'screenshots');
mkdirSync(directory, { recursive: true });

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };

/** Everything a person needs is on screen: nothing sticks out sideways and the named parts are inside the window. */
async function expectLaidOut(page: Page, selectors: string[]): Promise<void> {
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth + 1)).toBe(true);
  const viewport = page.viewportSize() ?? { width: 0, height: 0 };
  for (const selector of selectors) {
    const box = await page.locator(selector).first().boundingBox();
    expect(box, selector).not.toBeNull();
    expect(box!.x, selector).toBeGreaterThanOrEqual(0);
    expect(box!.x + box!.width, selector).toBeLessThanOrEqual(viewport.width + 1);
    expect(box!.y + box!.height, selector).toBeLessThanOrEqual(viewport.height + 1);
  }
}

async function save(page: Page, name: string): Promise<void> {
  const file = join(directory, `${name}.png`);
  await page.screenshot({ path: file });
  // A PNG, and not a blank one: a screenshot of a page with content compresses to more than a few KB.
  const png = readFileSync(file);
  expect(png.subarray(1, 4).toString()).toBe('PNG');
  expect(png.length).toBeGreaterThan(8_000);
}

for (const colorScheme of ['light', 'dark'] as const) {
  describe(`${colorScheme} theme`, () => {
    for (const [device, viewport] of [['phone', PHONE], ['desktop', DESKTOP]] as const) {
      it(`the chat on a ${device}: a cited answer, a handoff and the queue banner`, async () => {
        const page = await (await suite.browser.newContext({ viewport, colorScheme, locale: 'en-US' })).newPage();
        await page.goto(`${suite.gateway.url}/chat`);
        await page.locator('#connection', { hasText: 'Online' }).waitFor();
        await page.fill('#text', 'How long do withdrawals take?');
        await page.press('#text', 'Enter');
        await page.locator('.msg--bot .msg__sources').first().waitFor();
        await askForPerson(page);
        await page.fill('#text', 'My withdrawal of 250 EUR is still pending since Monday.');
        await page.press('#text', 'Enter');
        await page.locator('.msg--player').nth(2).waitFor();
        await page.locator('.msg--pending').waitFor({ state: 'detached' });
        await expectLaidOut(page, ['.chat__header', '#banner', '#composer', '.msg--player >> nth=-1']);
        await save(page, `chat-${device}-${colorScheme}`);
        await page.context().close();
      });
    }

    it('the agent console with a ticket open', async () => {
      const chat = await (await suite.browser.newContext({ viewport: PHONE })).newPage();
      await chat.goto(`${suite.gateway.url}/chat`);
      await chat.locator('#connection', { hasText: 'Online' }).waitFor();
      await chat.fill('#text', 'I won 300 EUR on Book of Ra but my balance did not change');
      await chat.press('#text', 'Enter');
      await chat.locator('.msg--bot').nth(1).waitFor();
      await askForPerson(chat);
      const page = await openConsoleWithTicket(suite.browser, suite.gateway.url);
      await page.emulateMedia({ colorScheme });
      await page.setViewportSize(DESKTOP);
      await page.locator('.qitem').first().click();
      await page.locator('#transcript .tmsg').first().waitFor();
      await expectLaidOut(page, ['.bar', '.qitem', '#ticket h2']);
      await save(page, `agent-${colorScheme}`);
      await chat.context().close();
      await page.context().close();
    });
  });
}
