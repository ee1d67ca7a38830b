import autocannon from 'autocannon';
import { z } from 'zod';

/**
 * The load generator, run in its own process by `bench/turns.ts` so that it never competes with
 * the server it measures for the same event loop: a warm-up, then the measured run, as JSON on stdout.
 */
export const LoadPlan = z.object({
  url: z.url(),
  connections: z.number().int().min(1),
  warmUp: z.number().int().min(0),
  amount: z.number().int().min(1),
  /** Each request takes the next of these, round robin (several conversations, several questions). */
  requests: z.array(z.object({ headers: z.record(z.string(), z.string()), body: z.string() })).min(1),
});
export type LoadPlan = z.infer<typeof LoadPlan>;

export interface LoadFigures {
  requests: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
}

async function run(plan: LoadPlan, amount: number): Promise<LoadFigures> {
  let next = 0;
  const result = await autocannon({
    url: plan.url,
    connections: plan.connections,
    amount,
    requests: [
      {
        method: 'POST',
        setupRequest: (request) => {
          const { headers, body } = plan.requests[next++ % plan.requests.length]!;
          return { ...request, method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body };
        },
      },
    ],
  });
  if (result.non2xx > 0) process.stderr.write(`status codes: ${JSON.stringify(result.statusCodeStats)}\n`);
  return {
    requests: result.requests.total,
    perSecond: result.requests.total / (result.duration || 1),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    errors: result.errors + result.non2xx + result.timeouts,
  };
}

// The plan comes on standard input: with 4,000-character bodies it is too long for a command line.
let input = '';
for await (const chunk of process.stdin) input += chunk;
const plan = LoadPlan.parse(JSON.parse(input || '{}'));
if (plan.warmUp > 0) await run(plan, plan.warmUp);
process.stdout.write(JSON.stringify(await run(plan, plan.amount)));
