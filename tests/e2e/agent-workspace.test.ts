import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { HistoryConversation, HistoryPage } from '../../src/core/history.js';
import { AGENT_PASSWORD, addAgent, agentCall, loginAgent } from '../helpers/agent.js';
import { startTestApp, stopTestApps, type TestApp } from '../helpers/app.js';
import { launchBrowser, recordDialogs } from '../helpers/browser.js';
import { uniquePrefix } from '../helpers/redis.js';
import { createSession, history, postMessage } from '../helpers/webchat.js';

/** The agent console as a support team uses it all day: keyboard, unread counts, errors, phone, languages, history. */
let browser: Browser;
let prefix: string;
let gateway: TestApp;
let contexts: BrowserContext[] = [];

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});
// Each test has a gateway and a queue of its own: none sees another's tickets.
beforeEach(async () => {
  prefix = uniquePrefix('e2e-workspace');
  gateway = await startTestApp({ prefix, env: { RECORD_DRAIN_MS: '100' } });
  await addAgent(gateway, 'anna@demo.example', 'Anna');
  await addAgent(gateway, 'boris@demo.example', 'Boris');
});
afterEach(async () => {
  for (const context of contexts) await context.close();
  contexts = [];
  await stopTestApps(prefix, gateway);
});

interface Console {
  page: Page;
  /** Every dialog the page opened (alert, confirm): the console must never open one. */
  dialogs: string[];
}

/** The console in a browser of its own, logged in as Anna. */
async function openConsole(options: { width?: number; height?: number; locale?: string; live?: string; withoutEvents?: boolean } = {}): Promise<Console> {
  const context = await browser.newContext({ viewport: { width: options.width ?? 1280, height: options.height ?? 900 }, locale: options.locale ?? 'en-US' });
  contexts.push(context);
  const page = await context.newPage();
  const dialogs = recordDialogs(page);
  // A console that has not caught up with the others yet: no live events reach it.
  if (options.withoutEvents) await page.route('**/api/agent/events', (route) => route.abort());
  await page.goto(`${gateway.url}/agent`);
  await page.fill('#email', 'anna@demo.example');
  await page.fill('#password', AGENT_PASSWORD);
  await page.click('#login-form button[type=submit]');
  await page.locator('#app').waitFor();
  if (!options.withoutEvents) await expect.poll(() => page.locator('#live').textContent()).toBe(options.live ?? 'Live');
  return { page, dialogs };
}

interface Player {
  token: string;
  conversationId: string;
  ticketId: string;
}

/** A web chat player who asks for a person and is queued. */
async function playerAsksForAgent(body: Record<string, unknown> = {}): Promise<Player> {
  const session = await createSession(gateway.url, { locale: 'en', ...body });
  const { body: answer } = await postMessage(gateway.url, session.token, { text: 'I want to talk to a real person' });
  return { ...session, ticketId: answer.replies[0]!.handoff!.ticketId! };
}

const agentTexts = async (player: Player) => (await history(gateway.url, player.token)).filter((m) => m.from === 'agent').map((m) => m.text);

describe('the reply box', () => {
  it('sends with Enter and adds a line with Shift+Enter', async () => {
    const player = await playerAsksForAgent();
    const { page, dialogs } = await openConsole();
    await page.click('#take-next');
    const box = page.locator('#reply-text:not([disabled])');
    await box.waitFor();
    await box.click();
    await page.keyboard.type('Line one');
    await page.keyboard.press('Shift+Enter');
    await page.keyboard.type('line two');
    expect(await box.inputValue()).toBe('Line one\nline two');
    await page.keyboard.press('Enter');
    // One message, with both lines: Shift+Enter did not send the first line alone.
    await expect.poll(() => agentTexts(player)).toEqual(['Line one\nline two']);
    await expect.poll(() => box.inputValue()).toBe('');
    expect(dialogs).toEqual([]);
  });
});

describe('unread messages', () => {
  it("counts a player's new messages on a held ticket that is not open, in the list and the page title, until it is opened", async () => {
    const a = await playerAsksForAgent();
    const b = await playerAsksForAgent();
    const anna = await loginAgent(gateway, 'anna@demo.example');
    for (const { ticketId } of [a, b]) expect((await agentCall(gateway, anna, 'POST', `/api/agent/tickets/${ticketId}/claim`)).status).toBe(200);
    const { page } = await openConsole();
    await page.click(`#held [data-ticket="${b.ticketId}"]`);
    await page.locator('#ticket h2', { hasText: b.ticketId }).waitFor();
    expect(await page.title()).toBe('Pitboss agent');

    await postMessage(gateway.url, a.token, { text: 'Hello? Are you still there?' });
    await postMessage(gateway.url, a.token, { text: 'I am waiting' });
    const badge = page.locator(`#held [data-ticket="${a.ticketId}"] .unread`);
    await expect.poll(() => badge.textContent()).toBe('2');
    await expect.poll(() => page.title()).toMatch(/^\(2\) .*Pitboss agent$/);
    // A message on the open ticket goes into its transcript, not into a count.
    await postMessage(gateway.url, b.token, { text: 'Thanks for taking my ticket' });
    await page.locator('#transcript .tmsg--player', { hasText: 'Thanks for taking my ticket' }).waitFor();
    expect(await page.locator(`#held [data-ticket="${b.ticketId}"] .unread`).count()).toBe(0);

    await page.click(`#held [data-ticket="${a.ticketId}"]`);
    await page.locator('#transcript .tmsg--player', { hasText: 'I am waiting' }).waitFor();
    await expect.poll(() => badge.count()).toBe(0);
    await expect.poll(() => page.title()).not.toMatch(/^\(\d+\)/);
  });
});

describe('the queue by keyboard', () => {
  it('is one stop for Tab, moves with the arrow keys and opens with Enter', async () => {
    const first = await playerAsksForAgent();
    const second = await playerAsksForAgent();
    const { page } = await openConsole();
    await page.locator(`#queue [data-ticket="${second.ticketId}"]`).waitFor();
    expect(await page.locator('#queue button[tabindex="0"]').count()).toBe(1);
    await page.focus(`#queue [data-ticket="${first.ticketId}"]`);
    await page.keyboard.press('ArrowDown');
    expect(await page.evaluate(() => (document.activeElement as HTMLElement).dataset.ticket)).toBe(second.ticketId);
    await page.keyboard.press('Enter');
    await page.locator('#ticket h2', { hasText: second.ticketId }).waitFor();
    // The list is drawn again with the ticket open; the focus stays where the agent was.
    await expect.poll(() => page.locator(`#queue [data-ticket="${second.ticketId}"]`).getAttribute('aria-current')).toBe('true');
    expect(await page.evaluate(() => (document.activeElement as HTMLElement).dataset.ticket)).toBe(second.ticketId);
    await page.keyboard.press('Home');
    expect(await page.evaluate(() => (document.activeElement as HTMLElement).dataset.ticket)).toBe(first.ticketId);
  });
});

describe('errors', () => {
  it('tells a refused claim inline, with the reason the server gave, and never opens a dialog', async () => {
    const player = await playerAsksForAgent();
    const { page, dialogs } = await openConsole({ withoutEvents: true });
    await page.click(`#queue [data-ticket="${player.ticketId}"]`);
    const claim = page.getByRole('button', { name: 'Claim', exact: true });
    await claim.waitFor();

    const boris = await loginAgent(gateway, 'boris@demo.example');
    expect((await agentCall(gateway, boris, 'POST', `/api/agent/tickets/${player.ticketId}/claim`)).status).toBe(200);
    await claim.click();
    const error = page.locator('#ticket .ticket__head [role=alert]');
    await expect.poll(() => error.textContent()).not.toBe('');
    // The words of the API's refusal, as anyone else claiming the ticket now is told them.
    await addAgent(gateway, 'carl@demo.example', 'Carl');
    const carl = await loginAgent(gateway, 'carl@demo.example');
    const refused = await agentCall<{ message: string }>(gateway, carl, 'POST', `/api/agent/tickets/${player.ticketId}/claim`);
    expect(refused.status).toBeGreaterThanOrEqual(400);
    expect(await error.textContent()).toBe(refused.body.message);
    // The view caught up: it is Boris's now.
    await page.locator('#ticket .ticket__head', { hasText: 'Boris' }).waitFor();
    expect(dialogs).toEqual([]);
  });
});

describe('at phone width', () => {
  it('keeps the header in view, stacks the lists over the conversation and lets the agent reply', async () => {
    const player = await playerAsksForAgent();
    const { page } = await openConsole({ width: 375, height: 740 });
    const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(await overflow()).toBe(0);
    for (const id of ['take-next', 'logout', 'tab-history', 'ui-locale', 'live']) {
      const box = (await page.locator(`#${id}`).boundingBox())!;
      expect(box.x, id).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width, id).toBeLessThanOrEqual(375);
    }

    await page.click(`#queue [data-ticket="${player.ticketId}"]`);
    await page.getByRole('button', { name: 'Claim', exact: true }).click();
    const box = page.locator('#reply-text:not([disabled])');
    await box.waitFor();
    const lists = (await page.locator('.queue').boundingBox())!;
    const ticket = (await page.locator('#ticket').boundingBox())!;
    expect(ticket.y).toBeGreaterThanOrEqual(lists.y + lists.height - 1);
    expect(await overflow()).toBe(0);
    await box.fill('Hello from a phone');
    await box.press('Enter');
    await expect.poll(() => agentTexts(player)).toEqual(['Hello from a phone']);

    await page.click('#tab-history');
    await page.locator('#history-results button').first().waitFor();
    expect(await overflow()).toBe(0);
  });
});

describe('languages', () => {
  it('speaks Russian to a Russian browser, and English once the agent picks it, remembered on reload', async () => {
    await playerAsksForAgent();
    const { page } = await openConsole({ locale: 'ru-RU', live: 'На связи' });
    expect(await page.locator('html').getAttribute('lang')).toBe('ru');
    expect(await page.locator('#take-next').textContent()).toBe('Взять следующее');
    expect(await page.locator('#tab-history').textContent()).toBe('История');
    expect(await page.locator('#queue .badge').first().textContent()).toBe('Просьба об операторе');
    await page.click('#take-next');
    await page.locator('#reply-text:not([disabled])').waitFor();
    expect(await page.locator('#reply-text').getAttribute('placeholder')).toBe('Напишите ответ…');
    expect(await page.locator('#ticket').textContent()).toContain('Закрыть обращение');

    await page.selectOption('#ui-locale', 'en');
    expect(await page.locator('#take-next').textContent()).toBe('Take next ticket');
    expect(await page.locator('#ticket').textContent()).toContain('Resolve');
    await page.reload();
    await expect.poll(() => page.locator('#live').textContent()).toBe('Live');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
  });
});

describe('the History tab', () => {
  it('finds a resolved conversation by a word of its transcript and shows it whole, read-only', async () => {
    const player = await playerAsksForAgent({ name: 'Zarina' });
    const anna = await loginAgent(gateway, 'anna@demo.example');
    await agentCall(gateway, anna, 'POST', `/api/agent/tickets/${player.ticketId}/claim`);
    await postMessage(gateway.url, player.token, { text: 'The cashier says my payout was reversed' });
    await agentCall(gateway, anna, 'POST', `/api/agent/tickets/${player.ticketId}/messages`, { text: 'I see it, sending it again now.' });
    await agentCall(gateway, anna, 'POST', `/api/agent/tickets/${player.ticketId}/resolve`);
    const search = async (query: Record<string, string>) => (await agentCall<HistoryPage>(gateway, anna, 'GET', `/api/agent/conversations?${new URLSearchParams(query)}`)).body;
    await expect.poll(async () => (await search({ query: 'reversed', status: 'resolved' })).conversations?.map((c) => c.key), { timeout: 15_000 }).toEqual([player.conversationId]);

    const { page } = await openConsole();
    await page.click('#tab-history');
    // Another form of the word: the search stems it.
    await page.fill('#history-query', 'reversing');
    await page.click('#history-form button[type=submit]');
    const result = page.locator(`#history-results [data-key="${player.conversationId}"]`);
    await result.waitFor();
    expect(await page.locator('#history-results button').count()).toBe(1);
    expect(await result.locator('mark').allTextContents()).toEqual(['reversed']);
    expect(await result.textContent()).toContain('Zarina');
    expect(await result.textContent()).toContain(player.ticketId);

    await result.click();
    const transcript = page.locator('#history-transcript');
    await transcript.waitFor();
    expect(await transcript.textContent()).toContain('The cashier says my payout was reversed');
    expect(await transcript.textContent()).toContain('I see it, sending it again now.');
    expect(await page.locator('#history-conversation textarea, #history-conversation input').count()).toBe(0);
  });

  it('loads more results with the cursor', async () => {
    const name = `Pager ${prefix.slice(-9, -1)}`;
    for (let i = 0; i < 21; i += 1) {
      const { token } = await createSession(gateway.url, { locale: 'en', name });
      await postMessage(gateway.url, token, { text: 'What is the minimum deposit?' });
    }
    const anna = await loginAgent(gateway, 'anna@demo.example');
    const found = async () => {
      const page = (await agentCall<HistoryPage>(gateway, anna, 'GET', `/api/agent/conversations?${new URLSearchParams({ player: name, limit: '100' })}`)).body;
      return page.conversations?.length;
    };
    await expect.poll(found, { timeout: 15_000 }).toBe(21);

    const { page } = await openConsole();
    await page.click('#tab-history');
    await page.fill('#history-player', name);
    await page.click('#history-form button[type=submit]');
    const items = page.locator('#history-results button');
    await expect.poll(() => items.count()).toBe(20);
    await page.click('#history-more');
    await expect.poll(() => items.count()).toBe(21);
    expect(await page.locator('#history-more').isHidden()).toBe(true);
    expect(new Set(await items.evaluateAll((buttons) => buttons.map((b) => (b as HTMLElement).dataset.key))).size).toBe(21);
  });
});

describe("the ticket view's earlier conversations", () => {
  it("lists the player's earlier ticket and opens its transcript", async () => {
    const first = await playerAsksForAgent({ name: 'Nadia' });
    const anna = await loginAgent(gateway, 'anna@demo.example');
    await agentCall(gateway, anna, 'POST', `/api/agent/tickets/${first.ticketId}/claim`);
    await agentCall(gateway, anna, 'POST', `/api/agent/tickets/${first.ticketId}/messages`, { text: 'Your bonus is back on the account.' });
    await agentCall(gateway, anna, 'POST', `/api/agent/tickets/${first.ticketId}/resolve`);
    await postMessage(gateway.url, first.token, { text: '4' });
    const { body } = await postMessage(gateway.url, first.token, { text: 'I want to talk to a real person' });
    const second = body.replies[0]!.handoff!.ticketId!;
    await expect
      .poll(async () => (await agentCall<HistoryConversation>(gateway, anna, 'GET', `/api/agent/conversations/${first.conversationId}`)).body.tickets?.find((t) => t.id === first.ticketId)?.rating, {
        timeout: 15_000,
      })
      .toBe(4);

    const { page } = await openConsole();
    await page.click(`#queue [data-ticket="${second}"]`);
    const earlier = page.locator(`#ticket .earlier [data-ticket="${first.ticketId}"]`);
    await earlier.waitFor();
    expect(await page.locator('#ticket .earlier h3').textContent()).toBe('Earlier conversations');
    expect(await earlier.textContent()).toMatch(/Requested.*Resolved.*rated 4\/5/);

    await earlier.getByRole('button', { name: 'Read the conversation' }).click();
    await page.locator(`#history-transcript [data-ticket="${first.ticketId}"]`).waitFor();
    expect(await page.locator('#tab-history').getAttribute('aria-selected')).toBe('true');
    expect(await page.locator('#history-transcript').textContent()).toContain('Your bonus is back on the account.');
  });
});

describe('the complaint clock', () => {
  it("stops the acknowledgement clock at the agent's first reply and keeps the final-response clock running", async () => {
    const { token } = await createSession(gateway.url, { locale: 'en' });
    await postMessage(gateway.url, token, { text: 'You voided my winnings for no reason, this is a scam' });
    const { body } = await postMessage(gateway.url, token, { text: 'Roulette, yesterday at 21:10, 300 EUR, round 88AB12CD' });
    const ticketId = body.replies[0]!.handoff!.ticketId!;

    const { page } = await openConsole();
    await page.click(`#queue [data-ticket="${ticketId}"]`);
    await page.getByRole('button', { name: 'Claim', exact: true }).click();
    const box = page.locator('#reply-text:not([disabled])');
    await box.waitFor();
    const clocks = page.locator('#ticket .clocks');
    expect(await clocks.locator('.clock--due').allTextContents()).toEqual([expect.stringMatching(/^Acknowledgement due in/), expect.stringMatching(/^Final response due in/)]);

    await box.fill('We received your complaint and are checking round 88AB12CD.');
    await box.press('Enter');
    await clocks.locator('.clock--stopped', { hasText: /^Acknowledged at / }).waitFor();
    expect(await clocks.locator('.clock--due').allTextContents()).toEqual([expect.stringMatching(/^Final response due in/)]);
  });
});
