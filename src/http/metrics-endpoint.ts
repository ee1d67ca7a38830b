import Fastify, { type FastifyInstance } from 'fastify';
import type { Registry } from 'prom-client';
import { safeEqual } from '../auth/safe-equal.js';
import { UnauthorizedError } from '../errors.js';
import { bearerToken } from './bearer.js';
import { registerErrorHandling } from './error-handler.js';

export interface MetricsEndpointOptions {
  registry: Registry;
  /** METRICS_TOKEN: when set, scrapers must send it as `Authorization: Bearer <token>`. */
  token?: string;
}

const TOKEN_HINT = 'Send METRICS_TOKEN as a Bearer token (Prometheus: `authorization: { credentials: ... }`).';

/** `GET /metrics` in Prometheus text format. */
export async function metricsRoute(app: FastifyInstance, options: MetricsEndpointOptions): Promise<void> {
  const { registry, token } = options;
  app.get('/metrics', async (request, reply) => {
    if (token !== undefined && !safeEqual(bearerToken(request, TOKEN_HINT), token)) {
      throw new UnauthorizedError(`Wrong metrics token. ${TOKEN_HINT}`);
    }
    return reply.type(registry.contentType).send(await registry.metrics());
  });
}

/**
 * METRICS_HOST: `/metrics` moves off the public port to a listener of its own on that address
 * (e.g. 127.0.0.1 or a private network), started when the app is ready and closed with it.
 */
export function serveMetricsApart(app: FastifyInstance, options: MetricsEndpointOptions & { host: string; port: number }): void {
  const server = Fastify({ loggerInstance: app.log });
  registerErrorHandling(server);
  void server.register(metricsRoute, options);
  app.addHook('onReady', async () => {
    const address = await server.listen({ host: options.host, port: options.port });
    app.log.info(`metrics for scrapers at ${address}/metrics`);
  });
  app.addHook('onClose', () => server.close());
}
