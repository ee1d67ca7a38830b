import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { Message } from '../../src/core/schemas.js';
import { AGENT_PASSWORD, addAgent } from '../helpers/agent.js';
import { startTestApp, stopTestApps, type TestApp } from '../helpers/app.js';
import { launchBrowser, recordDialogs } from '../helpers/browser.js';
import { uniquePrefix } from '../helpers/redis.js';
import { createSession, history, postMessage } from '../helpers/webchat.js';

/**
 * A team's first morning, in Chromium: Rustam serves Russian, Aysel Azerbaijani and English (two chats
 * at most), Sabina supervises. Nobody is online when the first player writes.
 */
const prefix = uniquePrefix('e2e-routing');
let browser: Browser;
let gateway: TestApp;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  browser = await launchBrowser();
  gateway = await startTestApp({ prefix });
  await addAgent(gateway, 'rustam@demo.example', 'Rustam', { languages: ['ru'] });
  await addAgent(gateway, 'aysel@demo.example', 'Aysel', { languages: ['az', 'en'], maxChats: 2 });
  await addAgent(gateway, 'sabina@demo.example', 'Sabina', { role: 'supervisor' });
});
afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  await stopTestApps(prefix, gateway);
});

interface Console {
  page: Page;
  dialogs: string[];
}

async function logIn(email: string): Promise<Console> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-US' });
  contexts.push(context);
  const page = await context.newPage();
  const dialogs = recordDialogs(page);
  await page.goto(`${gateway.url}/agent`);
  await page.fill('#email', email);
  await page.fill('#password', AGENT_PASSWORD);
  await page.click('#login-form button[type=submit]');
  await expect.poll(() => page.locator('#live').textContent()).toBe('Live');
  return { page, dialogs };
}

async function playerAsks(locale: 'en' | 'ru' | 'az'): Promise<{ token: string; ticketId: string; queued: Message }> {
  const { token } = await createSession(gateway.url, { locale });
  const text = { en: 'I want to talk to a real person', ru: 'Позовите оператора', az: 'Operatorla danışmaq istəyirəm' }[locale];
  const queued = (await postMessage(gateway.url, token, { text })).body.replies.find((reply) => reply.handoff?.status === 'queued')!;
  return { token, ticketId: queued.handoff!.ticketId!, queued };
}

const waitingIn = (page: Page) => page.locator('#queue [data-ticket]').evaluateAll((items) => items.map((item) => item.getAttribute('data-ticket')));

describe('routing, capacity, transfer and presence in the console', () => {
  let rustam: Console;
  let aysel: Console;
  let sabina: Console;
  type Player = Awaited<ReturnType<typeof playerAsks>>;
  const players = {} as Record<'early' | 'ru' | 'az' | 'en2', Player>;

  it('tells a player who writes with nobody online so, with no waiting time', async () => {
    players.early = await playerAsks('en');
    expect(players.early.queued.handoff).toMatchObject({ agentsOnline: false });
    expect(players.early.queued.handoff!.etaSeconds).toBeUndefined();
    expect(players.early.queued.text).toMatch(/no agent who can help with this is online right now/);
  });

  it('shows each agent only the waiting tickets in their languages', async () => {
    rustam = await logIn('rustam@demo.example');
    aysel = await logIn('aysel@demo.example');
    players.ru = await playerAsks('ru');
    players.az = await playerAsks('az');
    // With them online, the next player is promised a wait.
    expect(players.ru.queued.handoff).toMatchObject({ agentsOnline: true, etaSeconds: expect.any(Number) });
    await expect.poll(() => waitingIn(rustam.page)).toEqual([players.ru.ticketId]);
    await expect.poll(() => waitingIn(aysel.page)).toEqual([players.early.ticketId, players.az.ticketId]);
  });

  it('enforces max chats: the third take is refused inline, no dialog', async () => {
    await aysel.page.click('#take-next');
    await aysel.page.locator(`#held [data-ticket="${players.early.ticketId}"]`).waitFor();
    await aysel.page.click('#take-next');
    await aysel.page.locator(`#held [data-ticket="${players.az.ticketId}"]`).waitFor();
    players.en2 = await playerAsks('en');
    await expect.poll(() => waitingIn(aysel.page)).toEqual([players.en2.ticketId]);
    await aysel.page.click('#take-next');
    await expect.poll(() => aysel.page.locator('#bar-error').textContent()).toMatch(/as many as you may/);
    expect(await aysel.page.locator('#held [data-ticket]').count()).toBe(2);
    expect(aysel.dialogs).toEqual([]);
  });

  it('moves a transferred ticket live into the colleague\'s console, who hears of it and sees the player\'s new messages as unread', async () => {
    sabina = await logIn('sabina@demo.example');
    await rustam.page.click('#take-next');
    await rustam.page.locator('#ticket h2', { hasText: players.ru.ticketId }).waitFor();
    // Sabina is busy with another ticket when Rustam's arrives.
    await sabina.page.click(`#queue [data-ticket="${players.en2.ticketId}"]`);
    await sabina.page.locator('#ticket button', { hasText: 'Claim' }).click();
    await sabina.page.locator(`#held [data-ticket="${players.en2.ticketId}"]`).waitFor();

    await rustam.page.locator('details.transfer summary').click();
    await rustam.page.locator('#transfer-to option[value="sabina@demo.example"]').waitFor({ state: 'attached' });
    await rustam.page.selectOption('#transfer-to', 'sabina@demo.example');
    await rustam.page.locator('.transfer__form button[type=submit]').click();
    await expect.poll(() => rustam.page.locator(`#held [data-ticket="${players.ru.ticketId}"]`).count()).toBe(0);

    await sabina.page.locator(`#held [data-ticket="${players.ru.ticketId}"]`).waitFor();
    await expect.poll(() => sabina.page.title()).toMatch(/Transferred/);
    await expect.poll(async () => (await history(gateway.url, players.ru.token)).at(-1)?.text).toMatch(/Дальше с вами будет общаться Sabina/);

    await postMessage(gateway.url, players.ru.token, { text: 'Здравствуйте, Сабина!' });
    await expect.poll(() => sabina.page.locator(`#held [data-ticket="${players.ru.ticketId}"] .unread`).textContent()).toBe('1');
    await expect.poll(() => sabina.page.title()).toMatch(/^\(1\) /);
    expect([...rustam.dialogs, ...sabina.dialogs]).toEqual([]);
  });

  it('promises no wait once every agent who serves the language is away, and again when one is back', async () => {
    for (const { page } of [rustam, sabina]) await page.selectOption('#presence', 'away');
    await expect.poll(async () => (await playerAsks('ru')).queued.handoff?.agentsOnline).toBe(false);
    await rustam.page.selectOption('#presence', 'online');
    await expect.poll(async () => (await playerAsks('ru')).queued.handoff?.agentsOnline).toBe(true);
    // The choice survives a reload: the console reads it back.
    await sabina.page.reload();
    await expect.poll(() => sabina.page.locator('#presence').inputValue()).toBe('away');
  });
});
