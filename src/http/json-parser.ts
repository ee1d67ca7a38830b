import type { FastifyInstance } from 'fastify';
import { BadRequestError } from '../errors.js';

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * JSON bodies must be valid UTF-8: a lenient decoder would silently turn broken bytes into U+FFFD
 * and store a mangled message. Everything else is left to Fastify's own (prototype-safe) parser.
 */
export function registerStrictJsonParser(app: FastifyInstance): void {
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
    let text: string;
    try {
      text = strictUtf8.decode(body as Buffer);
    } catch {
      done(new BadRequestError('The body is not valid UTF-8.', 'invalid_encoding'), undefined);
      return;
    }
    parseJson(request, text, done);
  });
}
