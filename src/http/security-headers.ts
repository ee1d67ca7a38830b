import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';

const HSTS_MAX_AGE_SECONDS = 180 * 24 * 3600;

/**
 * Helmet's headers on every page, API answer and event stream: nosniff, `Referrer-Policy: no-referrer`,
 * framing only from our own origin, a same-origin CSP (pages and routes may set a stricter one, and the
 * embeddable chat a looser `frame-ancestors`), and HSTS only when the public address is https
 * (announcing it over plain http would lock browsers out of a deployment without TLS).
 */
export async function registerSecurityHeaders(app: FastifyInstance, options: { publicUrl?: string }): Promise<void> {
  const https = options.publicUrl?.startsWith('https:') ?? false;
  await app.register(helmet, {
    contentSecurityPolicy: { directives: { upgradeInsecureRequests: https ? [] : null } },
    hsts: https ? { maxAge: HSTS_MAX_AGE_SECONDS } : false,
  });
}
