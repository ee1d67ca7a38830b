import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import { IdentityVerifier } from './identity-token.js';
import { identityKeys } from './keys.js';
import { LinkCodes } from './link-codes.js';
import { PlayerApi } from './player-api.js';

export { InvalidIdentityError, IdentityVerifier, type VerifiedPlayer } from './identity-token.js';
export { identityRoutes } from './routes.js';
export { PlayerApi, PlayerApiUnavailableError, PlayerNotFoundError } from './player-api.js';
export type { LinkCodes } from './link-codes.js';

export interface Identity {
  /** Absent without IDENTITY_SECRET: nobody is verified, and a web chat identity is refused. */
  verifier?: IdentityVerifier;
  linkCodes?: LinkCodes;
  /** Absent without PLAYER_API_URL: verified players get the same bot as anyone. */
  playerApi?: PlayerApi;
}

/** Player identity and the operator's player API, as far as the configuration turns them on. */
export function createIdentity({ config, redis, logger }: { config: Config; redis: Redis; logger: Logger }): Identity {
  const keys = identityKeys(config.REDIS_PREFIX);
  const secret = config.IDENTITY_SECRET;
  const playerApi =
    config.PLAYER_API_URL && config.PLAYER_API_TOKEN
      ? new PlayerApi({ url: config.PLAYER_API_URL, token: config.PLAYER_API_TOKEN, timeoutMs: config.PLAYER_API_TIMEOUT_MS, cacheSeconds: config.PLAYER_API_CACHE_SECONDS, redis, keys, logger })
      : undefined;
  if (!secret) return { playerApi };
  return { verifier: new IdentityVerifier(secret), linkCodes: new LinkCodes(redis, keys), playerApi };
}
