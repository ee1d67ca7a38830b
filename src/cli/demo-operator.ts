import { randomBytes } from 'node:crypto';
import { createSigner } from 'fast-jwt';
import Fastify, { type FastifyReply, type FastifyRequest } from 'fastify';
import { z } from 'zod';
import { safeEqual } from '../auth/safe-equal.js';
import type { PlayerProfile } from '../core/player.js';
import { runCli, UsageError } from './command.js';

/**
 * `npm run demo:operator`: a demo of the operator's side (SPEC §8.2) for a newcomer — a player API
 * with a few players on port 3100, and a signed identity token and chat link for each, so the
 * self-service answers, limits and the console's player panel can be tried with `npm start`.
 */
const DESCRIPTION = `Starts a demo player API with three players (az, ru, en) and prints, for each, a chat link signed in as that player.
Uses IDENTITY_SECRET and PLAYER_API_TOKEN from the environment or .env, or makes up both and prints the command that starts the gateway with them.
  --port       where the demo player API listens (default 3100)
  --gateway    the gateway's address, for the printed links (default http://localhost:3000)`;

const day = 86_400_000;
const at = (offsetMs: number) => new Date(Date.now() + offsetMs).toISOString();
const noLimits = { depositDaily: null, depositWeekly: null, depositMonthly: null, timeoutUntil: null, selfExcludedUntil: null };

function demoPlayers(): PlayerProfile[] {
  return [
    {
      id: 'p-1001',
      name: 'Aysel',
      locale: 'az',
      vip: 'gold',
      currency: 'AZN',
      balance: { cash: 120.5, bonus: 30 },
      kyc: { status: 'verified', updatedAt: at(-40 * day), missing: [] },
      withdrawals: [
        { id: 'w-17', amount: 200, currency: 'AZN', method: 'M10', status: 'pending', requestedAt: at(-1 * day) },
        { id: 'w-12', amount: 80, currency: 'AZN', method: 'Visa', status: 'paid', requestedAt: at(-20 * day) },
      ],
      bonuses: [{ id: 'b-3', name: 'Welcome 100%', status: 'active', wageringLeft: 850, wageringTotal: 1750, expiresAt: at(9 * day) }],
      limits: { ...noLimits, depositDaily: 100 },
    },
    {
      id: 'p-1002',
      name: 'Дмитрий',
      locale: 'ru',
      currency: 'EUR',
      balance: { cash: 40, bonus: 0 },
      kyc: { status: 'pending', updatedAt: at(-2 * day), missing: ['proof_of_address'] },
      withdrawals: [{ id: 'w-21', amount: 150, currency: 'EUR', method: 'Skrill', status: 'rejected', requestedAt: at(-3 * day), reason: 'account not verified yet' }],
      bonuses: [{ id: 'b-7', name: 'Reload 50%', status: 'forfeited', wageringLeft: 300, wageringTotal: 875, expiresAt: at(20 * day), reason: 'a bet over €5 while wagering' }],
      limits: { ...noLimits, depositWeekly: 500 },
    },
    {
      id: 'p-1003',
      name: 'Emma',
      locale: 'en',
      currency: 'EUR',
      balance: { cash: 15.2, bonus: 12 },
      kyc: { status: 'not_started', updatedAt: null, missing: ['proof_of_identity', 'proof_of_address'] },
      withdrawals: [{ id: 'w-30', amount: 60, currency: 'EUR', method: 'Visa', status: 'approved', requestedAt: at(-2 * day) }],
      bonuses: [{ id: 'b-9', name: '50 Free Spins', status: 'active', wageringLeft: 210, wageringTotal: 350, expiresAt: at(5 * day) }],
      limits: noLimits,
    },
  ];
}

const Params = z.object({ id: z.string().max(64) });
const LimitsBody = z.object({ depositDaily: z.number().nonnegative().optional(), depositWeekly: z.number().nonnegative().optional(), depositMonthly: z.number().nonnegative().optional() });
const TimeoutBody = z.object({ days: z.number().int().min(1).max(365) });

async function demo(values: { port?: string; gateway?: string }): Promise<void> {
  const port = Number(values.port ?? 3100);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be a port number, not "${values.port}"`);
  const gateway = (values.gateway ?? 'http://localhost:3000').replace(/\/+$/, '');
  const secret = process.env.IDENTITY_SECRET || randomBytes(32).toString('hex');
  const token = process.env.PLAYER_API_TOKEN || randomBytes(24).toString('hex');
  const players = new Map(demoPlayers().map((player) => [player.id, player]));

  const app = Fastify();
  app.addHook('onRequest', async (request, reply) => {
    const given = /^Bearer (\S+)$/.exec(request.headers.authorization ?? '')?.[1] ?? '';
    if (!safeEqual(given, token)) return reply.status(401).send({ error: 'unauthorized', message: 'Send Authorization: Bearer <PLAYER_API_TOKEN>.' });
  });
  const player = (id: unknown) => players.get(Params.parse({ id }).id);
  app.get('/players/:id', async (request, reply) => player((request.params as { id: string }).id) ?? reply.status(404).send({ error: 'not_found' }));
  /** A change of a player's limits: the new limits, as the contract answers. */
  const changeLimits = (change: (body: unknown) => Partial<PlayerProfile['limits']>) => async (request: FastifyRequest, reply: FastifyReply) => {
    const found = player((request.params as { id: string }).id);
    if (!found) return reply.status(404).send({ error: 'not_found' });
    found.limits = { ...found.limits, ...change(request.body) };
    return found.limits;
  };
  app.post('/players/:id/limits', changeLimits((body) => LimitsBody.parse(body)));
  app.post('/players/:id/timeout', changeLimits((body) => ({ timeoutUntil: at(TimeoutBody.parse(body).days * day) })));
  const address = await app.listen({ port, host: '127.0.0.1' });

  const sign = createSigner({ key: secret, algorithm: 'HS256', expiresIn: day });
  console.log(`Demo player API: ${address} (players ${[...players.keys()].join(', ')})\n`);
  if (!process.env.IDENTITY_SECRET || !process.env.PLAYER_API_TOKEN) {
    console.log('Start the gateway against it in another terminal (or put these in .env):');
    console.log(`  IDENTITY_SECRET=${secret} PLAYER_API_URL=${address} PLAYER_API_TOKEN=${token} npm start\n`);
  } else {
    console.log(`Start the gateway with PLAYER_API_URL=${address} (IDENTITY_SECRET and PLAYER_API_TOKEN are read from your environment).\n`);
  }
  console.log('Then open a chat signed in as one of the players (links work for 24 hours):');
  for (const { id, name, locale } of players.values()) {
    const identity = sign({ sub: id, name, locale });
    console.log(`\n  ${name} (${id}, ${locale}): ${gateway}/chat?locale=${locale}#identity=${identity}`);
  }
  console.log('\nAsk "where is my withdrawal?", "how much wagering is left?", "are my documents approved?" or "set my daily deposit limit to 50".');
  console.log('On your own site: <script src="http://localhost:3000/widget.js" data-identity="<the token>" async></script>. Ctrl-C stops the demo.');
}

runCli({
  name: 'demo:operator',
  synopsis: '[--port 3100] [--gateway http://localhost:3000]',
  description: DESCRIPTION,
  options: { port: { type: 'string' }, gateway: { type: 'string' } },
  run: demo,
});
