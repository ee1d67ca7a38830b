import { createHmac } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { safeEqual } from '../../auth/safe-equal.js';
import { BadRequestError, ForbiddenError, UnauthorizedError } from '../../errors.js';
import { parseInput } from '../../http/validate.js';
import { acceptOnce } from '../accept.js';
import type { DeliveryLog } from '../delivery-log.js';
import type { InboundItem } from '../inbound.js';
import type { KeyedMailbox } from '../mailbox.js';
import { itemsFromWebhook } from './inbound.js';
import { VerifyQuery, WhatsAppWebhook } from './schemas.js';

export interface WhatsAppRoutesDeps {
  appSecret: string;
  verifyToken: string;
  inbound: KeyedMailbox<InboundItem>;
  deliveries: DeliveryLog;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** `sha256=<hex>` of the raw body: signing re-serialised JSON would break on emoji and escapes. */
function signatureOf(body: Buffer, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

/** The request URL with the value of `hub.verify_token` (WHATSAPP_VERIFY_TOKEN, or a guess at it) replaced. */
function withoutVerifyToken(url: string): string {
  const queryAt = url.indexOf('?');
  if (queryAt < 0) return url;
  const query = new URLSearchParams(url.slice(queryAt + 1));
  if (!query.has('hub.verify_token')) return url;
  query.set('hub.verify_token', 'redacted');
  return `${url.slice(0, queryAt)}?${query}`;
}

/** Fastify logs every request's URL, and the verification handshake carries the verify token in its query. */
const handshakeLogSerializers = {
  req: (request: FastifyRequest) => ({
    method: request.method,
    url: withoutVerifyToken(request.url),
    host: request.host,
    remoteAddress: request.ip,
    remotePort: request.socket?.remotePort,
  }),
};

/** The WhatsApp Cloud API webhook: the verification handshake, and signed message deliveries. */
export async function whatsappRoutes(app: FastifyInstance, deps: WhatsAppRoutesDeps): Promise<void> {
  app.get('/webhooks/whatsapp', { logSerializers: handshakeLogSerializers }, async (request, reply) => {
    const query = parseInput(VerifyQuery, request.query, 'verification request');
    if (!safeEqual(query['hub.verify_token'], deps.verifyToken)) throw new ForbiddenError('The verify token does not match WHATSAPP_VERIFY_TOKEN.', 'bad_verify_token');
    return reply.type('text/plain').send(query['hub.challenge']);
  });

  // The signature is over the exact bytes Meta sent, so this route keeps the body raw.
  await app.register(async (scoped) => {
    scoped.removeContentTypeParser('application/json');
    scoped.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
    scoped.post('/webhooks/whatsapp', async (request) => {
      const raw = request.body;
      if (!Buffer.isBuffer(raw)) throw new BadRequestError('Send the webhook body as application/json.', 'invalid_body');
      const signature = request.headers['x-hub-signature-256'];
      if (typeof signature !== 'string' || !safeEqual(signature, signatureOf(raw, deps.appSecret))) {
        throw new UnauthorizedError('Missing or wrong X-Hub-Signature-256 for this body.', 'bad_signature');
      }
      let json: unknown;
      try {
        json = JSON.parse(strictUtf8.decode(raw));
      } catch {
        throw new BadRequestError('The body is not valid UTF-8 JSON.', 'invalid_json');
      }
      const body = parseInput(WhatsAppWebhook, json, 'WhatsApp webhook');
      let stored = 0;
      for (const { deliveryId, item } of itemsFromWebhook(body)) {
        if ((await acceptOnce(deps.deliveries, deps.inbound, deliveryId, item)) === 'stored') stored++;
      }
      return { ok: true, stored };
    });
  });
}
