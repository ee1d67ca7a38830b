import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { z } from 'zod';
import type { Message } from '../../src/core/schemas.js';
import { type FakePlayerApi, playerProfile, signIdentity, startFakePlayerApi, verifiedPlayersEnv } from '../fixtures/fake-player-api.js';
import { startTestApp, stopTestApps, type TestApp } from '../helpers/app.js';
import { uniquePrefix } from '../helpers/redis.js';
import { createSession, postMessage } from '../helpers/webchat.js';

/**
 * Self-service on questions nobody tuned on (`tests/fixtures/self-service-holdout.yaml`, written
 * blind from the article catalog and the data contract): does a verified player's message get the
 * right kind of answer — their data on the right topic, a confirmation for a safer limit, a person
 * for a looser one, the ordinary answer for a general question? The score is printed; the floor
 * only catches a fall from what was measured.
 */
const Label = z.union([
  z.object({ q: z.string(), topic: z.enum(['withdrawal', 'bonus', 'balance', 'verification', 'limits']), trouble: z.boolean().optional() }),
  z.object({ q: z.string(), action: z.enum(['lower', 'timeout', 'raise', 'end_timeout']) }),
  z.object({ q: z.string(), none: z.literal(true) }),
]);
const Holdout = z.record(z.enum(['en', 'ru', 'az']), z.array(Label));
const holdout = Holdout.parse(parse(readFileSync('tests/fixtures/self-service-holdout.yaml', 'utf8')));
type Case = z.infer<typeof Label>;

/** Measured once on the held-out set when it was written, before any tuning: 69 of 91 (76 %); falling below this floor is a regression. */
const FLOOR = 0.7;

const prefix = uniquePrefix('self-service-holdout');
let api: FakePlayerApi;
let gateway: TestApp;

const player = playerProfile('p-holdout', {
  name: 'Sam',
  balance: { cash: 40, bonus: 25 },
  kyc: { status: 'pending', updatedAt: '2026-11-28T10:00:00Z', missing: ['proof_of_address'] },
  withdrawals: [
    { id: 'w-2', amount: 150, currency: 'EUR', method: 'Skrill', status: 'rejected', requestedAt: '2026-11-20T08:00:00Z', reason: 'documents do not match' },
    { id: 'w-3', amount: 200, currency: 'EUR', method: 'Visa', status: 'pending', requestedAt: '2026-11-29T08:00:00Z' },
  ],
  bonuses: [
    { id: 'b-1', name: 'Reload 50%', status: 'forfeited', wageringLeft: 300, wageringTotal: 875, expiresAt: '2026-11-20T00:00:00Z', reason: 'bet over the maximum' },
    { id: 'b-2', name: 'Welcome 100%', status: 'active', wageringLeft: 850, wageringTotal: 1750, expiresAt: '2026-12-20T00:00:00Z' },
  ],
  limits: { depositDaily: 100_000, depositWeekly: 100_000, depositMonthly: 100_000, timeoutUntil: null, selfExcludedUntil: null },
});

beforeAll(async () => {
  api = await startFakePlayerApi([player]);
  gateway = await startTestApp({ prefix, env: verifiedPlayersEnv(api) });
});
afterAll(async () => {
  await stopTestApps(prefix, gateway);
  await api?.close();
});

const SHOWN: Record<string, string> = { withdrawal: 'withdrawals', bonus: 'bonuses', balance: 'balance', verification: 'kyc', limits: 'limits' };

/** Whether the replies are the kind of answer the label asks for. */
function right(label: Case, replies: Message[]): boolean {
  const shown = replies.find((m) => m.accountData)?.accountData?.shown;
  const handoff = replies.find((m) => m.handoff)?.handoff;
  const confirming = replies.some((m) => (m.actions ?? []).length === 2 && m.accountData?.shown.limits !== undefined);
  if ('none' in label) return shown === undefined;
  if ('action' in label) {
    if (label.action === 'lower' || label.action === 'timeout') return confirming;
    return handoff?.reason === 'responsible_gambling';
  }
  if (!shown || !(SHOWN[label.topic]! in shown) || (label.topic === 'bonus' && 'balance' in shown)) return false;
  if (label.trouble === undefined) return true;
  const first = ((shown.withdrawals ?? shown.bonuses) as Array<{ status: string }> | undefined)?.[0]?.status;
  const troubled = first === 'rejected' || first === 'forfeited' || first === 'expired';
  return troubled === label.trouble;
}

describe('self-service on held-out questions', () => {
  it('gives most verified players the right kind of answer, in every language', async () => {
    const misses: string[] = [];
    let total = 0;
    for (const [locale, cases] of Object.entries(holdout)) {
      for (const label of cases) {
        total++;
        const session = await createSession(gateway.url, { locale, identity: signIdentity({ sub: 'p-holdout' }) });
        const { body } = await postMessage(gateway.url, session.token, { text: label.q });
        if (!right(label, body.replies)) misses.push(`${locale}: ${label.q}`);
      }
    }
    const score = (total - misses.length) / total;
    console.log(`self-service held-out: ${total - misses.length}/${total} right (${(score * 100).toFixed(0)}%); misses:\n  ${misses.join('\n  ')}`);
    expect(score).toBeGreaterThanOrEqual(FLOOR);
  });
});
