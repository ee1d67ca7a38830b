import { createHmac } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { safeEqual } from '../../auth/safe-equal.js';
import { BadRequestError, ForbiddenError, UnauthorizedError } from '../../errors.js';
import { parseInput } from '../../http/validate.js';

export interface GraphWebhookOptions {
  /** e.g. `/webhooks/whatsapp`. */
  path: string;
  /** The app secret Meta signs each delivery with (`X-Hub-Signature-256`). */
  appSecret: string;
  /** The token Meta echoes in the subscription handshake, and the variable it comes from (for the 403's message). */
  verifyToken: string;
  verifyTokenVariable: string;
  /** Takes in a signed delivery (JSON, not yet validated): how many new messages it stored. */
  receive(body: unknown): Promise<number>;
}

const VerifyQuery = z.object({
  'hub.mode': z.literal('subscribe'),
  'hub.verify_token': z.string().min(1),
  'hub.challenge': z.string().min(1).max(200),
});

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** `sha256=<hex>` of the raw body: signing re-serialised JSON would break on emoji and escapes. */
function signatureOf(body: Buffer, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

/** The request URL with the value of `hub.verify_token` (the verify token, or a guess at it) replaced. */
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

/**
 * A Graph API webhook (WhatsApp, Messenger, Instagram): the subscription handshake, and deliveries
 * signed with the app secret over their exact bytes, parsed as strict UTF-8 JSON and handed to
 * `receive`. A bad signature is refused before anything is read from the body.
 */
export async function graphWebhook(app: FastifyInstance, options: GraphWebhookOptions): Promise<void> {
  app.get(options.path, { logSerializers: handshakeLogSerializers }, async (request, reply) => {
    const query = parseInput(VerifyQuery, request.query, 'verification request');
    if (!safeEqual(query['hub.verify_token'], options.verifyToken)) {
      throw new ForbiddenError(`The verify token does not match ${options.verifyTokenVariable}.`, 'bad_verify_token');
    }
    return reply.type('text/plain').send(query['hub.challenge']);
  });

  // The signature is over the exact bytes Meta sent, so this route keeps the body raw.
  await app.register(async (scoped) => {
    scoped.removeContentTypeParser('application/json');
    scoped.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
    scoped.post(options.path, async (request) => {
      const raw = request.body;
      if (!Buffer.isBuffer(raw)) throw new BadRequestError('Send the webhook body as application/json.', 'invalid_body');
      const signature = request.headers['x-hub-signature-256'];
      if (typeof signature !== 'string' || !safeEqual(signature, signatureOf(raw, options.appSecret))) {
        throw new UnauthorizedError('Missing or wrong X-Hub-Signature-256 for this body.', 'bad_signature');
      }
      let json: unknown;
      try {
        json = JSON.parse(strictUtf8.decode(raw));
      } catch {
        throw new BadRequestError('The body is not valid UTF-8 JSON.', 'invalid_json');
      }
      return { ok: true, stored: await options.receive(json) };
    });
  });
}
