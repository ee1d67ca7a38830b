import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SupervisorOverview } from '../../src/handoff/supervisor.js';
import { AGENT_PASSWORD, addAgent, agentCall, loginAgent } from '../helpers/agent.js';
import { startTestApp, stopTestApps, type TestApp } from '../helpers/app.js';
import { launchBrowser } from '../helpers/browser.js';
import { uniquePrefix } from '../helpers/redis.js';
import { createSession, history, postMessage } from '../helpers/webchat.js';

/** The supervisor view in a browser: a supervisor on a phone, and an agent who is not one. */
const prefix = uniquePrefix('e2e-supervisor');
let gateway: TestApp;
let browser: Browser;
let anna: string;

beforeAll(async () => {
  gateway = await startTestApp({ prefix, env: { RECORD_DRAIN_MS: '100' } });
  await addAgent(gateway, 'sofia@demo.example', 'Sofia', { role: 'supervisor' });
  await addAgent(gateway, 'anna@demo.example', 'Anna', { languages: ['en', 'ru'] });
  anna = await loginAgent(gateway, 'anna@demo.example');
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await stopTestApps(prefix, gateway);
});

/** A player asks for a person; the ticket's id. */
async function askForPerson(): Promise<{ token: string; ticketId: string }> {
  const { token } = await createSession(gateway.url, { locale: 'en' });
  const { body } = await postMessage(gateway.url, token, { text: 'I want to talk to a real person' });
  return { token, ticketId: body.replies.find((reply) => reply.handoff?.ticketId)!.handoff!.ticketId! };
}

describe('the supervisor view', () => {
  it("shows a supervisor on a phone today's figures, the queue and the agents, and follows the queue by itself", async () => {
    // Today: one question the bot answers, one ticket served and rated 4, one ticket waiting.
    const { token } = await createSession(gateway.url, { locale: 'en' });
    await postMessage(gateway.url, token, { text: 'How long do withdrawals take?' });
    const served = await askForPerson();
    await agentCall(gateway, anna, 'POST', `/api/agent/tickets/${served.ticketId}/claim`);
    await agentCall(gateway, anna, 'POST', `/api/agent/tickets/${served.ticketId}/messages`, { text: 'Hi, Anna here.' });
    await agentCall(gateway, anna, 'POST', `/api/agent/tickets/${served.ticketId}/resolve`);
    await expect.poll(async () => (await history(gateway.url, served.token)).some((m) => m.handoff?.status === 'resolved')).toBe(true);
    await postMessage(gateway.url, served.token, { text: '4' });
    await askForPerson();
    // The page shows what the record has; it has caught up once the API says so.
    const sofiaApi = await loginAgent(gateway, 'sofia@demo.example');
    await expect
      .poll(async () => (await agentCall<SupervisorOverview>(gateway, sofiaApi, 'GET', '/api/agent/supervisor')).body.figures?.csat.ratings, { timeout: 20_000 })
      .toBe(1);

    const page = await (await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'en-US' })).newPage();
    await page.goto(`${gateway.url}/agent/supervisor`);
    await page.fill('#email', 'sofia@demo.example');
    await page.fill('#password', AGENT_PASSWORD);
    await page.click('#login-form button[type=submit]');
    await page.locator('#figure-opened').waitFor();

    expect(await page.locator('#figure-opened .sv__value').textContent()).toBe('2');
    expect(await page.locator('#figure-opened').textContent()).toContain('Requested: 2');
    expect(await page.locator('#figure-first-response .sv__value').textContent()).toMatch(/^median \d+s$/);
    expect(await page.locator('#figure-csat .sv__value').textContent()).toBe('4 / 5');
    expect(await page.locator('#figure-csat').textContent()).toContain('1 rating · 100% rated 4–5');
    expect(await page.locator('#figure-deflection .sv__value').textContent()).toBe('33%');
    expect(await page.locator('#figures-note').textContent()).toMatch(/UTC time/);
    expect(await page.locator('#queue-summary').textContent()).toMatch(/^1 waiting · 0 with agents · longest wait \d+s$/);
    expect(await page.locator('#queue-rows tr').first().textContent()).toMatch(/^Requested EN1\d+s0$/);
    expect(await page.locator('#agent-rows tr').allTextContents()).toEqual(['AnnaEN, RUConsole closed0 of 5', 'Sofiasupervisor · all languagesConsole closed0 of 5']);
    // Readable on the phone: nothing wider than the screen.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

    // Another player asks for a person: the view shows it without a reload.
    await askForPerson();
    await expect.poll(() => page.locator('#queue-summary').textContent(), { timeout: 20_000 }).toMatch(/^2 waiting/);

    await page.selectOption('#ui-locale', 'ru');
    expect(await page.locator('#figures-title').textContent()).toBe('Сегодня');
    expect(await page.locator('#figure-csat').textContent()).toContain('оценок: 1');
  });

  it('tells an agent signed in on the console that the view is for supervisors only', async () => {
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-US' })).newPage();
    await page.goto(`${gateway.url}/agent`);
    await page.fill('#email', 'anna@demo.example');
    await page.fill('#password', AGENT_PASSWORD);
    await page.click('#login-form button[type=submit]');
    await page.locator('#app').waitFor();

    // The same tab keeps the console's login: no second one.
    await page.goto(`${gateway.url}/agent/supervisor`);
    await page.locator('#refused').waitFor();
    expect(await page.locator('#refused h1').textContent()).toBe('Supervisors only');
    expect(await page.locator('#app').isHidden()).toBe(true);
    expect(await page.locator('#login').isHidden()).toBe(true);
  });
});
