import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakePlayerApi, playerProfile, signIdentity, startFakePlayerApi, verifiedPlayersEnv } from '../fixtures/fake-player-api.js';
import { addAgent } from '../helpers/agent.js';
import { startTestApp, stopTestApps, type TestApp } from '../helpers/app.js';
import { askForPerson, launchBrowser, openChatPage, openConsoleWithTicket, recordDialogs } from '../helpers/browser.js';
import { uniquePrefix } from '../helpers/redis.js';

const prefix = uniquePrefix('e2e-verified');

const emma = playerProfile('p-1003', {
  name: 'Emma',
  vip: 'silver',
  balance: { cash: 15.2, bonus: 12 },
  kyc: { status: 'pending', updatedAt: '2026-11-28T10:00:00Z', missing: ['proof_of_address'] },
  withdrawals: [{ id: 'w-30', amount: 60, currency: 'EUR', method: 'Visa', status: 'approved', requestedAt: '2026-11-29T08:00:00Z' }],
  bonuses: [{ id: 'b-9', name: '50 Free Spins', status: 'active', wageringLeft: 210, wageringTotal: 350, expiresAt: '2026-12-10T00:00:00Z' }],
});

let api: FakePlayerApi;
let gateway: TestApp;
let browser: Browser;

beforeAll(async () => {
  api = await startFakePlayerApi([emma]);
  gateway = await startTestApp({ prefix, env: verifiedPlayersEnv(api) });
  await addAgent(gateway, 'anna@demo.example', 'Anna');
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await stopTestApps(prefix, gateway);
  await api?.close();
});

describe('a verified player, seen by the player and by the agent', () => {
  it("answers the signed-in player from their account in the chat page, and shows the agent the player panel, refreshed on demand", async () => {
    const identity = signIdentity({ sub: 'p-1003', name: 'Emma' });
    const player = await openChatPage(browser, gateway.url, `#identity=${identity}`);
    await player.locator('.msg--bot', { hasText: 'Emma' }).waitFor();
    await player.fill('#text', 'where is my withdrawal?');
    await player.press('#text', 'Enter');
    const answer = player.locator('.msg--bot', { hasText: 'Visa' });
    await answer.waitFor();
    expect(await answer.textContent()).toMatch(/approved/);

    await askForPerson(player);

    const agent = await openConsoleWithTicket(browser, gateway.url);
    const dialogs = recordDialogs(agent);
    await agent.click('#take-next');
    const panel = agent.locator('#player-panel');
    await panel.locator('.player__read').waitFor();
    const shown = await panel.textContent();
    expect(shown).toContain('p-1003');
    expect(shown).toContain('w-30');
    expect(shown).toContain('proof_of_address');
    expect(shown).toContain('50 Free Spins');
    expect(shown).toMatch(/Chats of this player/);

    const readsBefore = api.calls.filter((call) => call.method === 'GET').length;
    api.players.get('p-1003')!.kyc = { status: 'verified', updatedAt: '2026-12-01T09:00:00Z', missing: [] };
    await panel.getByRole('button', { name: 'Refresh' }).click();
    await expect.poll(() => panel.textContent()).toContain('Verification: verified');
    expect(api.calls.filter((call) => call.method === 'GET').length).toBeGreaterThan(readsBefore);
    expect(dialogs).toEqual([]);
  });
});
