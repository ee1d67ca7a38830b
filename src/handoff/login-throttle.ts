import type { Redis } from 'ioredis';
import { TooManyRequestsError } from '../errors.js';
import type { HandoffKeys } from './keys.js';

const MAX_ATTEMPTS = 5;
const WINDOW_SECONDS = 15 * 60;

/**
 * Counts the attempt before the password is checked (INCR first), so parallel guesses cannot all
 * slip in before the first failure is recorded; the window starts at the first attempt and is not
 * extended by further ones. Returns the attempt number and the seconds left in the window.
 */
const COUNT_ATTEMPT = `
local attempts = redis.call('INCR', KEYS[1])
if attempts == 1 then redis.call('EXPIRE', KEYS[1], ARGV[1]) end
return { attempts, redis.call('TTL', KEYS[1]) }
`;

/**
 * Limits password guesses per (e-mail, client address): an attacker elsewhere who guesses an agent's
 * e-mail locks only their own address out, never the agent.
 */
export class LoginThrottle {
  constructor(
    private readonly redis: Redis,
    private readonly keys: HandoffKeys,
  ) {}

  /** Counts one attempt; throws 429 (with the seconds to wait) once the allowance is used up. */
  async attempt(email: string, ip: string): Promise<void> {
    const [attempts, ttl] = (await this.redis.eval(COUNT_ATTEMPT, 1, this.keys.loginAttempts(email, ip), String(WINDOW_SECONDS))) as [number, number];
    if (attempts <= MAX_ATTEMPTS) return;
    const retryAfter = Math.max(ttl, 1);
    throw new TooManyRequestsError(
      `Too many failed logins for this account from your address. Try again in ${Math.ceil(retryAfter / 60)} minutes or ask an administrator to reset the password.`,
      'too_many_requests',
      retryAfter,
    );
  }

  /** A correct password clears the count. */
  async succeeded(email: string, ip: string): Promise<void> {
    await this.redis.del(this.keys.loginAttempts(email, ip));
  }
}
