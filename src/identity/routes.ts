import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { safeEqual } from '../auth/safe-equal.js';
import { PlayerId } from '../core/player.js';
import { UnauthorizedError } from '../errors.js';
import { bearerToken } from '../http/bearer.js';
import type { LinkCodes } from './link-codes.js';

export interface IdentityRoutesDeps {
  /** The operator's server authenticates with the same secret it signs player tokens with. */
  secret: string;
  linkCodes: LinkCodes;
}

const LinkCodeBody = z.object({ playerId: PlayerId });
const HINT = 'Send Authorization: Bearer <IDENTITY_SECRET> from your server (never from a browser).';

/** The operator's server side of player identity: one-time codes that link a messenger chat to a player. */
export async function identityRoutes(app: FastifyInstance, deps: IdentityRoutesDeps): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.post(
    '/api/identity/link-codes',
    {
      onRequest: async (request) => {
        if (!safeEqual(bearerToken(request, HINT), deps.secret)) throw new UnauthorizedError(`Invalid bearer token. ${HINT}`);
      },
      schema: {
        tags: ['identity'],
        summary: "A one-time code (10 minutes) that links a player's Telegram or WhatsApp chat to their account: /start <code> or link <code>",
        security: [{ operator: [] }],
        body: LinkCodeBody,
      },
    },
    async (request, reply) => reply.status(201).send(await deps.linkCodes.issue(request.body.playerId)),
  );
}
