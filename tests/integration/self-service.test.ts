import { createSigner } from 'fast-jwt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlayerProfile } from '../../src/core/player.js';
import type { Locale, Message } from '../../src/core/schemas.js';
import { type FakePlayerApi, IDENTITY_SECRET, PLAYER_API_TOKEN, playerProfile, signIdentity, startFakePlayerApi, verifiedPlayersEnv } from '../fixtures/fake-player-api.js';
import { addAgent, agentCall, loginAgent } from '../helpers/agent.js';
import { startTestApp, stopTestApps, type TestApp } from '../helpers/app.js';
import { uniquePrefix } from '../helpers/redis.js';
import { createSession, postMessage } from '../helpers/webchat.js';

const prefix = uniquePrefix('self-service');

function player(id: string, locale: Locale): PlayerProfile {
  return playerProfile(id, {
    name: 'Aysel',
    locale,
    balance: { cash: 120.5, bonus: 30 },
    kyc: { status: 'pending', updatedAt: '2026-11-28T10:00:00Z', missing: ['proof_of_address'] },
    withdrawals: [
      { id: 'w-17', amount: 200, currency: 'EUR', method: 'Skrill', status: 'pending', requestedAt: '2026-11-29T08:00:00Z' },
      { id: 'w-9', amount: 75, currency: 'EUR', method: 'Visa', status: 'paid', requestedAt: '2026-10-02T08:00:00Z' },
    ],
    bonuses: [
      { id: 'b-2', name: 'Reload 50%', status: 'forfeited', wageringLeft: 300, wageringTotal: 875, expiresAt: '2026-11-20T00:00:00Z', reason: 'bet over the €5 maximum' },
      { id: 'b-3', name: 'Welcome 100%', status: 'active', wageringLeft: 850, wageringTotal: 1750, expiresAt: '2026-12-10T00:00:00Z' },
    ],
    limits: { depositDaily: 100, depositWeekly: null, depositMonthly: null, timeoutUntil: null, selfExcludedUntil: null },
  });
}

let api: FakePlayerApi;
let gateway: TestApp;

beforeAll(async () => {
  api = await startFakePlayerApi([player('p-en', 'en'), player('p-ru', 'ru'), player('p-az', 'az'), player('p-limits', 'en'), player('p-dispute', 'en'), player('p-harm', 'en')]);
  gateway = await startTestApp({
    prefix,
    env: { ...verifiedPlayersEnv(api), PLAYER_API_TIMEOUT_MS: '300' },
  });
});

afterAll(async () => {
  await stopTestApps(prefix, gateway);
  await api?.close();
});

async function verifiedChat(playerId: string, locale: Locale) {
  const session = await createSession(gateway.url, { locale, identity: signIdentity({ sub: playerId, name: 'Aysel' }) });
  const say = async (text: string): Promise<Message[]> => {
    const { status, body } = await postMessage(gateway.url, session.token, { text });
    expect(status).toBe(200);
    return body.replies;
  };
  return { session, say };
}

const cited = (replies: Message[]) => replies.flatMap((m) => m.citations ?? []).map((c) => c.id);
const text = (replies: Message[]) => replies.map((m) => m.text).join('\n');

describe('a verified player asking about their own account', () => {
  const questions: Record<'en' | 'ru' | 'az', { withdrawal: string; pending: RegExp; forfeited: string; removed: RegExp; wagering: string }> = {
    en: { withdrawal: 'where is my withdrawal?', pending: /pending/, forfeited: 'why was my bonus removed?', removed: /removed/, wagering: 'how much wagering is left on my bonus?' },
    ru: { withdrawal: 'где мой вывод?', pending: /ожидает обработки/, forfeited: 'почему у меня аннулировали бонус?', removed: /аннулирован/, wagering: 'сколько мне осталось отыграть по бонусу?' },
    az: { withdrawal: 'çıxarışım haradadır?', pending: /gözləmədədir/, forfeited: 'bonusum niyə ləğv olundu?', removed: /ləğv edilib/, wagering: 'bonusumda nə qədər mərc qalıb?' },
  };

  for (const [locale, q] of Object.entries(questions) as Array<[Locale, (typeof questions)['en']]>) {
    it(`${locale}: tells where the pending withdrawal is, with its figures, the policy article and when the data was read`, async () => {
      const { say } = await verifiedChat(`p-${locale}`, locale);
      const replies = await say(q.withdrawal);
      const answer = text(replies);
      expect(answer).toMatch(q.pending);
      expect(answer).toContain('Skrill');
      expect(answer).toMatch(/200/);
      expect(answer).toMatch(/29/);
      expect(answer).toMatch(/UTC/);
      expect(cited(replies)).toContain('payments-withdrawal-times');
      expect(replies.some((m) => m.handoff)).toBe(false);
      expect(replies.find((m) => m.accountData)?.accountData?.readAt).toBeTruthy();
    });

    it(`${locale}: explains the forfeited bonus with its reason`, async () => {
      const { say } = await verifiedChat(`p-${locale}`, locale);
      const replies = await say(q.forfeited);
      const answer = text(replies);
      expect(answer).toContain('Reload 50%');
      expect(answer).toMatch(q.removed);
      expect(answer).toContain('bet over the €5 maximum');
      expect(cited(replies)).toContain('bonus-forfeited');
    });

    it(`${locale}: gives the wagering left and the deadline`, async () => {
      const { say } = await verifiedChat(`p-${locale}`, locale);
      const replies = await say(q.wagering);
      const answer = text(replies);
      expect(answer).toContain('Welcome 100%');
      expect(answer).toMatch(/850/);
      expect(answer).toMatch(/1[\s ,.]?750/);
      expect(answer).toMatch(/10/);
      expect(cited(replies)).toContain('bonus-wagering');
    });
  }

  it('never shows the data to a player who is not verified: the question goes to an agent', async () => {
    const session = await createSession(gateway.url, { locale: 'en' });
    const { body } = await postMessage(gateway.url, session.token, { text: 'where is my withdrawal?' });
    expect(text(body.replies)).not.toContain('Skrill');
    expect(body.replies.find((m) => m.handoff)?.handoff?.reason).toBe('account_specific');
  });

  it('hands the question to an agent when the player API is down or does not answer in time', async () => {
    for (const mode of ['down', 'hang'] as const) {
      api.mode = mode;
      try {
        const { say } = await verifiedChat('p-en', 'en');
        const replies = await say('where is my withdrawal?');
        expect(text(replies)).not.toContain('Skrill');
        expect(replies.find((m) => m.handoff)?.handoff?.reason).toBe('account_specific');
      } finally {
        api.mode = 'ok';
      }
    }
  });
});

describe('identity', () => {
  it('refuses a forged, an expired or a too long-lived identity with 401 invalid_identity, and opens no chat', async () => {
    const forged = createSigner({ key: 'another-secret-0123456789abcdef0123', algorithm: 'HS256', expiresIn: 3600_000 })({ sub: 'p-en' });
    const expired = createSigner({ key: IDENTITY_SECRET, algorithm: 'HS256' })({ sub: 'p-en', exp: Math.floor(Date.now() / 1000) - 3600 });
    const forever = createSigner({ key: IDENTITY_SECRET, algorithm: 'HS256' })({ sub: 'p-en', exp: Math.floor(Date.now() / 1000) + 7 * 86400 });
    const keysBefore = (await gateway.redis.keys(`${prefix}conv:*`)).length;
    for (const identity of [forged, expired, forever, 'not-a-jwt']) {
      const response = await fetch(`${gateway.url}/api/webchat/sessions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ identity }) });
      expect(response.status).toBe(401);
      expect(((await response.json()) as { error: string }).error).toBe('invalid_identity');
    }
    expect((await gateway.redis.keys(`${prefix}conv:*`)).length).toBe(keysBefore);
  });

  it('answers a verified session with the player it is for', async () => {
    const response = await fetch(`${gateway.url}/api/webchat/sessions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ identity: signIdentity({ sub: 'p-en', name: 'Aysel' }) }) });
    expect(response.status).toBe(201);
    expect(((await response.json()) as { player: unknown }).player).toEqual({ id: 'p-en', name: 'Aysel' });
  });
});

describe('responsible-gambling limits', () => {
  it('lowers the daily deposit limit only after the player says yes', async () => {
    const { say } = await verifiedChat('p-limits', 'en');
    const asked = text(await say('set my daily deposit limit to 50'));
    expect(asked).toMatch(/50/);
    expect(asked).toMatch(/100/);
    expect(api.players.get('p-limits')!.limits.depositDaily).toBe(100);
    const done = text(await say('yes'));
    expect(done).toMatch(/50/);
    expect(api.players.get('p-limits')!.limits.depositDaily).toBe(50);
    expect(api.calls.filter((c) => c.method === 'POST').every((c) => c.token === PLAYER_API_TOKEN)).toBe(true);
  });

  it('changes nothing when the player says no', async () => {
    const { say } = await verifiedChat('p-limits', 'en');
    await say('set my daily deposit limit to 20');
    await say('no');
    expect(api.players.get('p-limits')!.limits.depositDaily).toBe(50);
  });

  it('sends "raise my limit" to an agent as responsible gambling, and changes nothing', async () => {
    const { say } = await verifiedChat('p-limits', 'en');
    const replies = await say('raise my limit please');
    expect(replies.find((m) => m.handoff)?.handoff?.reason).toBe('responsible_gambling');
    expect(api.players.get('p-limits')!.limits.depositDaily).toBe(50);
  });

  it('lets a player showing signs of harm take a break in one tap, while they wait for a person', async () => {
    const { say } = await verifiedChat('p-harm', 'en');
    const support = await say("i keep chasing my losses and i can't stop");
    expect(support.find((m) => m.handoff)?.handoff?.reason).toBe('responsible_gambling');
    const offered = support.flatMap((m) => m.actions ?? []).map((a) => a.value);
    expect(offered).toContain('Break for 7 days');
    expect(api.players.get('p-harm')!.limits.timeoutUntil).toBeNull();

    const done = text(await say('Break for 7 days'));
    expect(done).toMatch(/break has started/);
    const until = Date.parse(api.players.get('p-harm')!.limits.timeoutUntil!);
    expect(until - Date.now()).toBeGreaterThan(6.9 * 86_400_000);
  });

  it('does not let a "lower" request that is really higher through: it goes to an agent', async () => {
    const { say } = await verifiedChat('p-limits', 'en');
    const replies = await say('set my daily deposit limit to 500');
    expect(replies.find((m) => m.handoff)?.handoff?.reason).toBe('responsible_gambling');
    expect(api.players.get('p-limits')!.limits.depositDaily).toBe(50);
  });
});

describe('disputes and the agent console', () => {
  it('opens a dispute about a listed withdrawal with the item as a fact, and the console shows the player panel and exports what the bot showed', async () => {
    await addAgent(gateway, 'panel@example.com', 'Panel');
    const agent = await loginAgent(gateway, 'panel@example.com');
    const { say } = await verifiedChat('p-dispute', 'en');
    await say('where is my withdrawal?');
    const replies = await say('this is a scam, you are refusing my withdrawal w-17, I want my money');
    const ticketId = replies.find((m) => m.handoff?.ticketId)?.handoff?.ticketId;
    expect(replies.find((m) => m.handoff)?.handoff?.reason).toBe('dispute');
    expect(ticketId).toBeTruthy();

    const view = await agentCall<{ ticket: { facts: Record<string, string> } }>(gateway, agent, 'GET', `/api/agent/tickets/${ticketId}`);
    expect(view.body.ticket.facts.reference).toBe('w-17');
    expect(view.body.ticket.facts.item).toContain('Skrill');
    expect(view.body.ticket.facts.player).toBe('p-dispute');

    const panel = await agentCall<{ playerId: string; data: { player: PlayerProfile; readAt: string }; conversations: unknown[] }>(gateway, agent, 'GET', `/api/agent/tickets/${ticketId}/player?fresh=true`);
    expect(panel.status).toBe(200);
    expect(panel.body.playerId).toBe('p-dispute');
    expect(panel.body.data.player.kyc.status).toBe('pending');
    expect(panel.body.conversations.length).toBeGreaterThanOrEqual(1);

    const exported = await agentCall<{ accountDataShown: Array<{ readAt: string; shown: { withdrawals?: Array<{ id: string }> } }> }>(gateway, agent, 'GET', `/api/agent/tickets/${ticketId}/export`);
    expect(exported.body.accountDataShown[0]?.readAt).toBeTruthy();
    expect(exported.body.accountDataShown[0]?.shown.withdrawals?.[0]?.id).toBe('w-17');
  });
});
