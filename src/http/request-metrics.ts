import type { FastifyInstance } from 'fastify';
import type { Metrics } from '../metrics.js';

/** Requests no route matched (404s, scanners): one series for all of them, whatever the URL. */
const UNMATCHED = 'unmatched';

/** Times every request into `http_request_duration_seconds`, labelled by route pattern. Register before the routes. */
export function registerRequestMetrics(app: FastifyInstance, metrics: Metrics): void {
  app.addHook('onResponse', async (request, reply) => {
    metrics.httpRequest(request.method, request.routeOptions.url ?? UNMATCHED, reply.statusCode, reply.elapsedTime / 1000);
  });
}
