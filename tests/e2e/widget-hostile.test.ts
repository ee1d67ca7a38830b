import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Frame, Page } from 'playwright-core';
import { startFakeOperatorSite, type FakeOperatorSite } from '../fixtures/fake-operator-site.js';
import { launchBrowser } from '../helpers/browser.js';
import { startTestApp, stopTestApps, type TestApp } from '../helpers/app.js';
import { uniquePrefix } from '../helpers/redis.js';
import { createSession, postMessage, type Session } from '../helpers/webchat.js';

const prefix = uniquePrefix('e2e-widget-hostile');
const SESSION_KEY = 'pitboss.webchat.session';
let gateway: TestApp;
let site: FakeOperatorSite;
let browser: Browser;
/** A conversation of someone else's that a hostile frame tries to slip into the player's chat. */
let planted: Session;

const attribute = (value: string) => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

beforeAll(async () => {
  gateway = await startTestApp({ prefix });
  planted = await createSession(gateway.url);
  await postMessage(gateway.url, planted.token, { text: 'planted conversation' });
  site = await startFakeOperatorSite({
    // The operator's page with the documented embed code; `?locale=` becomes its data-locale.
    '/casino': (query) => {
      const locale = query.get('locale');
      const dataLocale = locale === null ? '' : ` data-locale="${attribute(locale)}"`;
      return `<!doctype html><title>Casino</title><h1>Demo Casino</h1><script src="${gateway.url}/widget.js"${dataLocale} async></script>`;
    },
    // An ad on the operator's page (third-party origin) that tries to plant, read and wipe the session.
    '/ad': () => `<!doctype html><script>
      parent.postMessage({ pitboss: 'session-save', session: ${JSON.stringify(planted)} }, '*');
      parent.postMessage({ pitboss: 'session-request' }, '*');
      parent.postMessage({ pitboss: 'session-clear' }, '*');
      parent.postMessage({ adDone: true }, '*');
    </script>`,
    // An operator who frames /chat by hand (no /widget.js), next to an ad that forges the page's answer.
    '/framed': () =>
      `<!doctype html><iframe title="Support chat" src="${gateway.url}/chat" style="width:400px;height:600px"></iframe><iframe src="${site.thirdPartyUrl}/forger"></iframe>`,
    '/forger': () => `<!doctype html><script>
      setInterval(() => parent.frames[0].postMessage({ pitboss: 'session', session: ${JSON.stringify(planted)} }, '*'), 20);
    </script>`,
  });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await site?.close();
  await stopTestApps(prefix, gateway);
});

/**
 * A browser that blocks third-party storage the way Chromium does (Incognito, Brave): in documents of
 * the gateway's origin, reading `localStorage` or `sessionStorage` throws a SecurityError.
 */
async function hostileBrowser(locale = 'en-US'): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 1024, height: 800 }, locale });
  await context.addInitScript((gatewayOrigin: string) => {
    if (location.origin !== gatewayOrigin) return;
    for (const name of ['localStorage', 'sessionStorage']) {
      Object.defineProperty(window, name, {
        configurable: true,
        get() {
          throw new DOMException(`Failed to read the '${name}' property from 'Window': Access is denied for this document.`, 'SecurityError');
        },
      });
    }
    // Counts the bridge answers this document is sent, whoever sends them.
    addEventListener('message', (event) => {
      if ((event.data as { pitboss?: string } | null)?.pitboss === 'session') {
        (window as unknown as { bridgeAnswers: number }).bridgeAnswers = ((window as unknown as { bridgeAnswers?: number }).bridgeAnswers ?? 0) + 1;
      }
    });
  }, new URL(gateway.url).origin);
  return context;
}

function chatFrame(page: Page): Frame {
  const frame = page.frames().find((f) => f.url().startsWith(`${gateway.url}/chat`));
  if (!frame) throw new Error('the chat frame is not on the page');
  return frame;
}

/** Opens the operator's page, opens the chat and waits until it is connected. */
async function openWidget(page: Page, path = '/casino'): Promise<Frame> {
  await page.goto(`${site.url}${path}`);
  const launcher = page.getByRole('button', { name: 'Open support chat' });
  await launcher.waitFor();
  // A page view alone starts no chat: the frame (and its session) comes with the first open.
  expect(page.frames().some((f) => f.url().startsWith(`${gateway.url}/chat`))).toBe(false);
  await launcher.click();
  await expect.poll(() => page.frames().some((f) => f.url().startsWith(`${gateway.url}/chat`))).toBe(true);
  const chat = chatFrame(page);
  await chat.locator('.msg--bot').first().waitFor();
  await expect.poll(() => chat.locator('#connection').textContent()).toMatch(/^(Online|В сети)$/);
  return chat;
}

async function ask(chat: Frame, text: string, botMessagesAfter: number): Promise<string> {
  await chat.fill('#text', text);
  await chat.press('#text', 'Enter');
  await expect.poll(() => chat.locator('.msg--bot').count()).toBe(botMessagesAfter);
  return (await chat.locator('.msg--bot').nth(botMessagesAfter - 1).textContent()) ?? '';
}

const storedInPage = async (page: Page) => JSON.parse((await page.evaluate((key) => localStorage.getItem(key), SESSION_KEY)) ?? 'null') as Session | null;

describe('the widget on a casino site of another origin, with third-party storage blocked', () => {
  it('answers the player and brings the same conversation back after a reload', async () => {
    const context = await hostileBrowser();
    const page = await context.newPage();
    const chat = await openWidget(page);
    expect(await chat.evaluate(() => {
      try {
        return typeof localStorage;
      } catch (error) {
        return (error as DOMException).name;
      }
    })).toBe('SecurityError');

    const answer = await ask(chat, 'How long does a withdrawal to my Visa card take?', 2);
    expect(answer).toContain('1–5 business days');
    const kept = await storedInPage(page);
    expect(kept?.conversationId).toMatch(/^webchat:/);
    expect(chat.url()).not.toContain(kept!.token);

    await page.reload();
    const again = await openWidget(page);
    await expect.poll(() => again.locator('.msg').count()).toBe(3);
    expect(await again.locator('.msg--player').textContent()).toContain('How long does a withdrawal');
    expect(await again.locator('.msg--bot').nth(1).textContent()).toContain('1–5 business days');
    expect((await storedInPage(page))?.conversationId).toBe(kept!.conversationId);
    await context.close();
  });

  it('keeps the session away from other frames on the operator page', async () => {
    const context = await hostileBrowser();
    const page = await context.newPage();
    await openWidget(page);
    const kept = await storedInPage(page);
    expect(kept?.conversationId).toMatch(/^webchat:/);

    // Registered after /widget.js's listener, so it hears each message only once the widget has.
    const adFinished = page.evaluate(
      () => new Promise<void>((resolve) => addEventListener('message', (event) => (event.data as { adDone?: boolean })?.adDone && resolve())),
    );
    await page.evaluate((src) => {
      const ad = document.createElement('iframe');
      ad.src = src;
      document.body.append(ad);
    }, `${site.thirdPartyUrl}/ad`);
    await adFinished;
    expect(await storedInPage(page)).toEqual(kept);

    await page.reload();
    const chat = await openWidget(page);
    expect(await chat.locator('.msg').count()).toBe(1);
    expect(await chat.locator('#log').textContent()).not.toContain('planted conversation');
    await context.close();
  });

  it.each([
    { dataLocale: 'de', browserLocale: 'ru-RU', greeting: 'Здравствуйте', question: 'Сколько идёт вывод на карту Visa?', answer: /1–5 рабочих дн/ },
    { dataLocale: 'en-US', browserLocale: 'ru-RU', greeting: 'Demo Casino assistant', question: 'How long does a withdrawal to my Visa card take?', answer: /1–5 business days/ },
    { dataLocale: '', browserLocale: 'de-DE', greeting: 'Demo Casino assistant', question: 'How long does a withdrawal to my Visa card take?', answer: /1–5 business days/ },
  ])('chats with data-locale=$dataLocale in a $browserLocale browser', async ({ dataLocale, browserLocale, greeting, question, answer }) => {
    const context = await hostileBrowser(browserLocale);
    const page = await context.newPage();
    const chat = await openWidget(page, `/casino?locale=${encodeURIComponent(dataLocale)}`);
    expect(await chat.locator('.msg--bot').first().textContent()).toContain(greeting);
    expect(await ask(chat, question, 2)).toMatch(answer);
    await context.close();
  });
});

describe('the chat page framed or opened without /widget.js, with its storage blocked', () => {
  it('keeps the conversation in memory and ignores a session forged by another frame', async () => {
    const context = await hostileBrowser();
    const page = await context.newPage();
    await page.goto(`${site.url}/framed`);
    const chat = chatFrame(page);
    await chat.locator('.msg--bot').first().waitFor();
    await expect.poll(() => chat.locator('#connection').textContent()).toBe('Online');
    expect(await chat.evaluate(() => (window as unknown as { bridgeAnswers?: number }).bridgeAnswers ?? 0)).toBeGreaterThan(0);
    expect(await chat.locator('#log').textContent()).not.toContain('planted conversation');
    expect(await ask(chat, 'How long does a withdrawal to my Visa card take?', 2)).toContain('1–5 business days');
    await context.close();
  });

  it('works when /chat is opened directly', async () => {
    const context = await hostileBrowser();
    const page = await context.newPage();
    await page.goto(`${gateway.url}/chat`);
    await expect.poll(() => page.locator('#connection').textContent()).toBe('Online');
    expect(await ask(page.mainFrame(), 'How long does a withdrawal to my Visa card take?', 2)).toContain('1–5 business days');
    await context.close();
  });
});
