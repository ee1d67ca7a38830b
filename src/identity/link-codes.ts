import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import { LINK_CODE_PATTERN } from '../core/player.js';
import type { IdentityKeys } from './keys.js';

/** Long enough to be typed, short enough that guessing one in ten minutes is hopeless (72 random bits). */
const CODE_BYTES = 9;
export const LINK_CODE_TTL_SECONDS = 600;
/** Anything that does not look like a link code is not looked up. */
const LINK_CODE = new RegExp(`^${LINK_CODE_PATTERN}$`);

/**
 * One-time codes that link a messenger chat to a verified player: the operator's site asks for one
 * for its logged-in player and shows it (or a t.me deep link); the player sends it in the chat.
 */
export class LinkCodes {
  constructor(
    private readonly redis: Redis,
    private readonly keys: Pick<IdentityKeys, 'linkCode'>,
  ) {}

  async issue(playerId: string): Promise<{ code: string; expiresAt: string }> {
    const code = randomBytes(CODE_BYTES).toString('base64url');
    await this.redis.set(this.keys.linkCode(code), playerId, 'EX', LINK_CODE_TTL_SECONDS);
    return { code, expiresAt: new Date(Date.now() + LINK_CODE_TTL_SECONDS * 1000).toISOString() };
  }

  /** The player the code links to, once: GETDEL makes a second use (or a replica racing this one) find nothing. */
  async redeem(code: string): Promise<string | undefined> {
    if (!LINK_CODE.test(code)) return undefined;
    return (await this.redis.getdel(this.keys.linkCode(code))) ?? undefined;
  }
}
