import type { FastifyRequest } from 'fastify';
import { UnauthorizedError } from '../errors.js';

/** The credential of an `Authorization: Bearer <token>` header. */
export function bearerToken(request: FastifyRequest, hint: string): string {
  const header = request.headers.authorization;
  const match = header?.match(/^Bearer\s+(\S+)$/i);
  if (!match?.[1]) throw new UnauthorizedError(`Missing bearer token. ${hint}`);
  return match[1];
}
