import { createSigner, createVerifier } from 'fast-jwt';
import { UnauthorizedError } from '../errors.js';

export interface TokenServiceOptions {
  secret: string;
  ttlSeconds: number;
  /** Tokens of one audience (player or agent) are never accepted by the other. */
  audience: string;
  /** Tells the caller how to get a valid token. */
  hint: string;
}

/** Signed bearer credentials (HS256 JWT); the signature check is constant-time inside fast-jwt. */
export class TokenService {
  private readonly signer;
  private readonly verifier;

  constructor(private readonly options: TokenServiceOptions) {
    this.signer = createSigner({ key: options.secret, algorithm: 'HS256', aud: options.audience });
    // fast-jwt checks `exp` and `aud` only when a token has them: a token without either would never expire
    // or would be accepted by every audience, so both are required.
    this.verifier = createVerifier({ key: options.secret, algorithms: ['HS256'], allowedAud: options.audience, requiredClaims: ['exp', 'aud'] });
  }

  /** Signs a token that expires after the configured lifetime, or at `notAfter` (Unix seconds) if that is sooner. */
  sign(subject: string, claims: Record<string, string | number> = {}, notAfter = Number.POSITIVE_INFINITY): string {
    const exp = Math.min(Math.floor(Date.now() / 1000) + this.options.ttlSeconds, Math.floor(notAfter));
    return this.signer({ ...claims, sub: subject, exp });
  }

  /** Returns the token's claims, or throws 401 without saying which check failed. */
  verify(token: string): { sub: string } & Record<string, unknown> {
    try {
      const payload = this.verifier(token) as { sub?: unknown };
      if (typeof payload.sub !== 'string') throw new Error('token without subject');
      return payload as { sub: string } & Record<string, unknown>;
    } catch {
      throw new UnauthorizedError(`Invalid or expired token. ${this.options.hint}`);
    }
  }
}
