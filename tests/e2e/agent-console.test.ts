import { describe, expect, it } from 'vitest';
import { AGENT_PASSWORD } from '../helpers/agent.js';
import { consoleSuite } from '../helpers/browser.js';

const suite = consoleSuite('e2e-console');

describe('agent console and player widget together', () => {
  it('an agent logs in, claims the ticket, talks with the player live and resolves it', async () => {
    const player = await (await suite.browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
    await player.goto(`${suite.gateway.url}/chat`);
    await expect.poll(() => player.locator('#connection').textContent()).toBe('Online');
    await player.fill('#text', 'I want to talk to a real person');
    await player.press('#text', 'Enter');
    await player.locator('#banner').waitFor({ state: 'visible' });
    expect(await player.locator('#banner').textContent()).toMatch(/Ticket T-\w+ · number 1 in the queue/);

    const agent = await (await suite.browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    await agent.goto(`${suite.gateway.url}/agent`);
    await agent.fill('#email', 'anna@demo.example');
    await agent.fill('#password', AGENT_PASSWORD);
    await agent.click('#login-form button[type=submit]');
    await agent.locator('.qitem').first().waitFor();
    expect(await agent.locator('.qitem .badge').first().textContent()).toBe('Requested');
    await expect.poll(() => agent.locator('#live').textContent()).toBe('Live');

    await agent.click('#take-next');
    await agent.locator('#reply-text:not([disabled])').waitFor();
    expect(await agent.locator('#transcript').textContent()).toContain('I want to talk to a real person');
    await player.locator('.msg--system', { hasText: 'Anna from our team has joined' }).waitFor();

    await agent.fill('#reply-text', 'Hi, this is Anna. How can I help?');
    await agent.click('.composer button[type=submit]');
    await player.locator('.msg--agent', { hasText: 'Hi, this is Anna' }).waitFor();

    await player.fill('#text', 'My deposit is missing');
    await player.press('#text', 'Enter');
    await agent.locator('#transcript .tmsg--player', { hasText: 'My deposit is missing' }).waitFor();
    expect(await player.locator('.msg--bot').count()).toBe(1);

    await agent.getByRole('button', { name: 'Resolve' }).click();
    await player.locator('.msg--system', { hasText: 'is resolved' }).waitFor();
    await player.getByRole('button', { name: '5' }).click();
    await player.locator('.msg--bot', { hasText: 'Thank you for your rating' }).waitFor();
  });
});
