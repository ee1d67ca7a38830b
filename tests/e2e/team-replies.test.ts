import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { AGENT_PASSWORD } from '../helpers/agent.js';
import { consoleSuite } from '../helpers/browser.js';
import { createSession, history, postMessage } from '../helpers/webchat.js';

const suite = consoleSuite('e2e-replies');

/**
 * Types into the reply box and presses `key` once the shortcut list shows a reply. A live update of
 * the ticket can redraw the box in between, so the whole gesture is repeated until the box holds a
 * reply rather than the shortcut.
 */
async function useShortcut(agent: Page, typed: string, key: 'Tab' | 'Enter'): Promise<string> {
  await expect
    .poll(
      async () => {
        await agent.fill('#reply-text', typed);
        await agent.locator('#reply-shortcuts button').first().waitFor({ timeout: 2_000 });
        await agent.press('#reply-text', key);
        return agent.inputValue('#reply-text');
      },
      { timeout: 20_000 },
    )
    .not.toBe(typed);
  return agent.inputValue('#reply-text');
}

describe('team replies in the agent console', () => {
  it('puts the reply in the ticket language in place of its shortcut, with the player, the agent and the ticket filled in', async () => {
    const player = await createSession(suite.gateway.url, { locale: 'ru', name: 'Аня' });
    const { body } = await postMessage(suite.gateway.url, player.token, { text: 'позовите оператора' });
    const ticketId = body.replies[0]!.handoff!.ticketId!;

    const agent = await (await suite.browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    await agent.goto(`${suite.gateway.url}/agent`);
    await agent.fill('#email', 'anna@demo.example');
    await agent.fill('#password', AGENT_PASSWORD);
    await agent.click('#login-form button[type=submit]');
    await expect.poll(() => agent.locator('#live').textContent()).toBe('Live');
    await agent.click('#take-next');
    await agent.locator('#reply-text:not([disabled])').waitFor();

    // "/hel" opens the list with the greeting; Tab takes it.
    const greeting = await useShortcut(agent, '/hel', 'Tab');
    expect(greeting).toMatch(/^Здравствуйте, Аня! Меня зовут Anna, я из службы поддержки Demo Casino/);
    expect(greeting).not.toContain('{');
    await agent.click('.composer button[type=submit]');
    await expect.poll(async () => (await history(suite.gateway.url, player.token)).filter((m) => m.from === 'agent').map((m) => m.text)).toEqual([greeting]);

    // A shortcut typed after other words, taken with Enter.
    const closing = await useShortcut(agent, 'Отлично. /closing', 'Enter');
    expect(closing).toMatch(/^Отлично\. Могу ли я ещё чем-нибудь помочь, Аня\? .*номер обращения T-\w+\./);
    expect(closing).toContain(ticketId);
  });
});
