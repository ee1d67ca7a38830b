import type { FastifyInstance } from 'fastify';
import type { Redis } from './redis.js';

export interface ReadinessCheck {
  name: string;
  /** Resolves with a problem description, or undefined when ready. */
  check(): Promise<string | undefined>;
}

export interface HealthDeps {
  redis: Redis;
  checks: ReadinessCheck[];
}

/** `/healthz`: the process answers. `/readyz`: Redis answers and every component is ready. */
export async function healthRoutes(app: FastifyInstance, deps: HealthDeps): Promise<void> {
  app.get('/healthz', async () => ({ status: 'ok' }));

  app.get('/readyz', async (_request, reply) => {
    const results: Record<string, string> = {};
    try {
      await deps.redis.ping();
      results.redis = 'ok';
    } catch (error) {
      results.redis = error instanceof Error ? error.message : 'unreachable';
    }
    for (const { name, check } of deps.checks) {
      results[name] = (await check().catch((error: unknown) => String(error))) ?? 'ok';
    }
    const ready = Object.values(results).every((value) => value === 'ok');
    return reply.status(ready ? 200 : 503).send({ status: ready ? 'ready' : 'not_ready', checks: results });
  });
}
