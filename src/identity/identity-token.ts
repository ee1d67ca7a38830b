import { createVerifier } from 'fast-jwt';
import { z } from 'zod';
import { PlayerId } from '../core/player.js';
import { Locale } from '../core/schemas.js';
import { AppError } from '../errors.js';

/** A player token the operator's site signed that we do not accept; never says which check failed. */
export class InvalidIdentityError extends AppError {
  constructor(
    message = 'The player identity is invalid or expired. Sign a fresh one on your site (JWT HS256 with IDENTITY_SECRET: sub = player id, exp at most 24 hours ahead), or open the chat without it.',
  ) {
    super('invalid_identity', message, 401);
  }
}

/** The longest an identity may live: a leaked one is worth little. */
const MAX_LIFETIME_SECONDS = 24 * 3600;
/** Clocks of the operator's servers and ours differ a little. */
const CLOCK_TOLERANCE_SECONDS = 60;

/** The claims of the operator's player token (SPEC §8.2). */
const IdentityClaims = z.object({
  sub: PlayerId,
  exp: z.number().int(),
  name: z.string().trim().min(1).max(100).optional(),
  email: z.email().max(254).optional(),
  locale: Locale.optional(),
  vip: z.string().max(64).optional(),
});
export type VerifiedPlayer = Omit<z.infer<typeof IdentityClaims>, 'sub' | 'exp'> & { id: string };

/** Checks the identity token the operator's site signs for a logged-in player (signature checked in constant time by fast-jwt). */
export class IdentityVerifier {
  private readonly verifier;

  constructor(secret: string) {
    this.verifier = createVerifier({ key: secret, algorithms: ['HS256'], requiredClaims: ['sub', 'exp'], clockTolerance: CLOCK_TOLERANCE_SECONDS * 1000 });
  }

  verify(token: string, now = Date.now()): VerifiedPlayer {
    let claims: z.infer<typeof IdentityClaims>;
    try {
      claims = IdentityClaims.parse(this.verifier(token));
    } catch {
      throw new InvalidIdentityError();
    }
    if (claims.exp > now / 1000 + MAX_LIFETIME_SECONDS + CLOCK_TOLERANCE_SECONDS) throw new InvalidIdentityError();
    const { sub, exp: _exp, ...rest } = claims;
    return { id: sub, ...rest };
  }
}
