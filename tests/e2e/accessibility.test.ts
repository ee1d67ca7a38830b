import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeOperatorSite, type FakeOperatorSite } from '../fixtures/fake-operator-site.js';
import { askForPerson, consoleSuite, openChatPage, openConsoleWithTicket } from '../helpers/browser.js';

const suite = consoleSuite('e2e-accessibility');
let site: FakeOperatorSite;

beforeAll(async () => {
  site = await startFakeOperatorSite({
    '/casino': () => `<!doctype html><html lang="en"><title>Casino</title><main><h1>Demo Casino</h1></main><script src="${suite.gateway.url}/widget.js" async></script></html>`,
  });
});
afterAll(() => site?.close());

/** WCAG 2.2 A and AA rules axe-core checks; what stops a person is a serious or critical violation. */
async function seriousViolations(page: Page, include?: string): Promise<string[]> {
  let builder = new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']);
  if (include) builder = builder.include(include);
  const results = await builder.analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id}: ${violation.nodes.map((node) => `${node.target.join(' ')} ${node.failureSummary ?? ''}`).join(' | ')}`);
}

/** Every request of the page that failed (a 4xx or 5xx answer), such as a missing favicon. */
function failedRequests(page: Page): string[] {
  const failed: string[] = [];
  page.on('response', (response) => {
    if (response.status() >= 400) failed.push(`${response.status()} ${response.url()}`);
  });
  return failed;
}

/** Whether the page scrolls sideways (content wider than the window): at 320 px wide nothing should. */
const scrollsSideways = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth + 1);

/** The chat refuses the player's next message, as when the gateway is briefly unavailable. */
async function failNextSend(page: Page): Promise<void> {
  await page.route('**/api/webchat/messages', (route) =>
    route.request().method() === 'POST'
      ? route.fulfill({ status: 503, contentType: 'application/json', body: JSON.stringify({ error: 'unavailable', message: 'The chat is briefly unavailable' }) })
      : route.continue(),
  );
}

for (const colorScheme of ['light', 'dark'] as const) {
  describe(`in the ${colorScheme} theme`, () => {
    it('the chat page, with an answer, a handoff and a message that failed, has no serious or critical axe violation', async () => {
      const page = await openChatPage(suite.browser, suite.gateway.url);
      await page.emulateMedia({ colorScheme });
      await page.fill('#text', 'How long do withdrawals take?');
      await page.press('#text', 'Enter');
      await page.locator('.msg--bot').nth(1).waitFor();
      await askForPerson(page);
      await failNextSend(page);
      await page.fill('#text', 'are you there?');
      await page.press('#text', 'Enter');
      await page.locator('.msg--failed').waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      await page.context().close();
    });

    it('the agent console, signed in with a ticket open, and its sign-in page have no serious or critical axe violation', async () => {
      const chat = await openChatPage(suite.browser, suite.gateway.url);
      await askForPerson(chat);
      const page = await openConsoleWithTicket(suite.browser, suite.gateway.url);
      await page.emulateMedia({ colorScheme });
      await page.locator('.qitem').first().click();
      await page.locator('#transcript').waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      await page.click('#logout');
      await page.locator('#login-form').waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      await chat.context().close();
      await page.context().close();
    });

    it('the help pages have no serious or critical axe violation', async () => {
      const page = await (await suite.browser.newContext({ colorScheme })).newPage();
      await page.goto(`${suite.gateway.url}/help/en`);
      expect(await seriousViolations(page)).toEqual([]);
      await page.locator('main a').first().click();
      await page.waitForLoadState();
      expect(await seriousViolations(page)).toEqual([]);
      await page.context().close();
    });

    it("the chat button /widget.js puts on an operator's page, and the chat it opens, have no serious or critical axe violation", async () => {
      const page = await (await suite.browser.newContext({ colorScheme })).newPage();
      await page.goto(`${site.url}/casino`);
      const button = page.getByRole('button', { name: 'Open support chat' });
      await button.click();
      await page.frameLocator('iframe[title="Support chat"]').locator('#connection', { hasText: 'Online' }).waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      await page.context().close();
    });
  });
}

describe('the chat page for keyboard and screen reader users', () => {
  it('reads out what the bot says as it arrives, and not the chat the player came back to', async () => {
    const page = await openChatPage(suite.browser, suite.gateway.url);
    const announcer = page.locator('[aria-live="polite"]#announcer');
    expect(await announcer.textContent()).toBe('');
    await page.fill('#text', 'How long do withdrawals take?');
    await page.press('#text', 'Enter');
    const answer = page.locator('.msg--bot').nth(1);
    await answer.waitFor();
    await expect.poll(() => announcer.textContent()).toContain('Support: ');
    expect(await announcer.textContent()).toContain(((await answer.evaluate((item) => item.firstChild?.textContent)) ?? '').slice(0, 40));

    await page.reload();
    await page.locator('#connection', { hasText: 'Online' }).waitFor();
    await page.locator('.msg--bot').nth(1).waitFor();
    expect(await announcer.textContent()).toBe('');
    await page.context().close();
  });

  it('says in words, not only by colour, that a message was not sent and why, and offers to retry', async () => {
    const page = await openChatPage(suite.browser, suite.gateway.url);
    await failNextSend(page);
    await page.fill('#text', 'hello?');
    await page.press('#text', 'Enter');
    const failed = page.locator('.msg--failed');
    await failed.waitFor();
    expect(await failed.locator('.msg__error').textContent()).toBe('Not sent: The chat is briefly unavailable');
    expect(await page.locator('#announcer').textContent()).toBe('Not sent: The chat is briefly unavailable');
    await page.unroute('**/api/webchat/messages');
    await failed.getByRole('button', { name: 'Retry' }).focus();
    await page.keyboard.press('Enter');
    await page.locator('.msg--failed').waitFor({ state: 'detached' });
    await page.locator('.msg--player', { hasText: 'hello?' }).waitFor();
    await page.context().close();
  });

  it('reaches every control with the Tab key in reading order, each with a visible focus ring', async () => {
    const page = await openChatPage(suite.browser, suite.gateway.url);
    const stops: string[] = [];
    for (let i = 0; i < 5; i++) {
      await page.keyboard.press('Tab');
      stops.push(
        await page.evaluate(() => {
          const element = document.activeElement as HTMLElement;
          const ring = getComputedStyle(element).outlineStyle !== 'none' && Number.parseFloat(getComputedStyle(element).outlineWidth) >= 2;
          return `${element.id || element.tagName.toLowerCase()}${ring ? '' : ' (no focus ring)'}`;
        }),
      );
    }
    expect(stops).toEqual(['new-chat', 'log', 'attach', 'text', 'send']);
    await page.context().close();
  });

  it('stops the typing animation for people who ask for reduced motion', async () => {
    const page = await openChatPage(suite.browser, suite.gateway.url);
    const animation = () => page.evaluate(() => getComputedStyle(document.querySelector('.chat__typing span') as Element).animationName);
    expect(await animation()).toBe('blink');
    await page.emulateMedia({ reducedMotion: 'reduce' });
    expect(await animation()).toBe('none');
    await page.context().close();
  });
});

describe('zoomed to 200% and 400%', () => {
  it('the chat page fits a 320 px wide window without scrolling sideways, and its text grows with the zoom', async () => {
    const page = await (await suite.browser.newContext({ viewport: { width: 320, height: 480 } })).newPage();
    await page.goto(`${suite.gateway.url}/chat`);
    await page.locator('#connection', { hasText: 'Online' }).waitFor();
    await page.fill('#text', 'How long do withdrawals take?');
    await page.press('#text', 'Enter');
    await page.locator('.msg--bot').nth(1).waitFor();
    expect(await scrollsSideways(page)).toBe(false);
    expect(await page.locator('#send').isVisible()).toBe(true);
    await page.context().close();
  });

  it('the agent console at 200% of a laptop screen works without scrolling sideways', async () => {
    const chat = await openChatPage(suite.browser, suite.gateway.url);
    await askForPerson(chat);
    const page = await openConsoleWithTicket(suite.browser, suite.gateway.url);
    await page.setViewportSize({ width: 640, height: 450 });
    await page.locator('.qitem').first().click();
    await page.locator('#transcript').waitFor();
    expect(await scrollsSideways(page)).toBe(false);
    await chat.context().close();
    await page.context().close();
  });
});

it('every page names its icon and loads all it asks for, with no 404', async () => {
  const context = await suite.browser.newContext();
  for (const path of ['/chat', '/agent', '/help/en']) {
    const page = await context.newPage();
    const failed = failedRequests(page);
    await page.goto(`${suite.gateway.url}${path}`, { waitUntil: 'load' });
    expect(await page.locator('link[rel=icon]').evaluate((link) => (link as HTMLLinkElement).href)).toBe(`${suite.gateway.url}/favicon.svg`);
    expect(failed).toEqual([]);
    await page.close();
  }
  // Browsers ask for /favicon.ico on their own, whatever a page links.
  const icon = await context.request.get(`${suite.gateway.url}/favicon.ico`);
  expect(icon.status()).toBe(200);
  expect(icon.headers()['content-type']).toBe('image/svg+xml');
  await context.close();
});
