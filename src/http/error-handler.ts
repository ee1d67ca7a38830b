import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError } from '../errors.js';
import { invalidInput } from './validate.js';
import { isRedisUnavailable, redisUnavailable } from './redis-unavailable.js';

const fastifyCodes: Record<string, { error: string; message: string }> = {
  FST_ERR_CTP_BODY_TOO_LARGE: { error: 'payload_too_large', message: 'The request body is too large.' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    error: 'unsupported_media_type',
    message: 'Send the body as application/json.',
  },
  FST_ERR_CTP_EMPTY_JSON_BODY: { error: 'invalid_json', message: 'The JSON body is empty.' },
  FST_ERR_CTP_INVALID_JSON_BODY: { error: 'invalid_json', message: 'The body is not valid JSON.' },
};

/** What a route's schema was checking, as `parseInput` names it. */
const VALIDATED: Record<string, string> = { body: 'request body', querystring: 'query', params: 'path', headers: 'headers' };

/** A route schema's verdict, worded like `parseInput`'s. */
function schemaRefusal(context: string | undefined, issues: Array<{ instancePath: string; message?: string }>) {
  const fields = issues.map((issue) => ({ field: issue.instancePath.slice(1).replaceAll('/', '.'), message: issue.message }));
  return invalidInput(VALIDATED[context ?? 'body'] ?? String(context), fields);
}

/** Maps every error to `{ error, message }`: our AppErrors as they are, framework 4xx by code, the rest to a 500. */
export function registerErrorHandling(app: FastifyInstance): void {
  const send = (reply: FastifyReply, error: AppError) => {
    if ('retryAfterSeconds' in error && typeof error.retryAfterSeconds === 'number') reply.header('retry-after', String(error.retryAfterSeconds));
    return reply.status(error.statusCode).send({ error: error.code, message: error.message });
  };

  app.setErrorHandler((error: FastifyError | AppError, request, reply) => {
    // Redis being away is an outage to wait out, not a bug: one warning line without a stack, and a 503.
    if (isRedisUnavailable(error)) {
      request.log.warn({ err: error.message }, 'Redis is not answering; asked the client to retry');
      return send(reply, redisUnavailable());
    }
    if (hasZodFastifySchemaValidationErrors(error)) return send(reply, schemaRefusal(error.validationContext, error.validation));
    if (error instanceof AppError) {
      if (error.statusCode >= 500) request.log.error({ err: error }, error.message);
      return send(reply, error);
    }
    const status = error.statusCode ?? 500;
    if (status < 500) {
      // @fastify/rate-limit throws plain objects with a status and no code.
      const known = status === 429 ? { error: 'too_many_requests', message: error.message } : fastifyCodes[error.code];
      return reply
        .status(status)
        .send(known ?? { error: (error.code ?? 'bad_request').toLowerCase(), message: error.message });
    }
    request.log.error({ err: error }, 'unhandled error');
    return reply
      .status(500)
      .send({ error: 'internal_error', message: 'Something went wrong on our side. Please try again in a moment.' });
  });

  app.setNotFoundHandler((request, reply) =>
    reply.status(404).send({ error: 'not_found', message: `No route for ${request.method} ${request.url.split('?')[0]}.` }),
  );
}
