import { createSigner } from 'fast-jwt';
import { describe, expect, it } from 'vitest';
import { IdentityVerifier, InvalidIdentityError } from '../../src/identity/index.js';

const SECRET = 'identity-secret-for-tests-0123456789abcdef';
const verifier = new IdentityVerifier(SECRET);
const now = () => Math.floor(Date.now() / 1000);
const signed = (claims: Record<string, unknown>, key = SECRET) => createSigner({ key, algorithm: 'HS256' })(claims);

describe('the operator\'s player identity', () => {
  it('names the player of a valid token, with the optional claims', () => {
    expect(verifier.verify(signed({ sub: 'p-1001', exp: now() + 3600, name: 'Aysel', locale: 'az', vip: 'gold' }))).toEqual({ id: 'p-1001', name: 'Aysel', locale: 'az', vip: 'gold' });
  });

  it.each([
    ['signed with another key', signed({ sub: 'p-1', exp: now() + 3600 }, 'another-secret-0123456789abcdef0123')],
    ['expired', signed({ sub: 'p-1', exp: now() - 3600 })],
    ['without exp', signed({ sub: 'p-1' })],
    ['valid for more than 24 hours', signed({ sub: 'p-1', exp: now() + 3 * 86400 })],
    ['without sub', signed({ exp: now() + 3600 })],
    ['with a 65-character player id', signed({ sub: 'p'.repeat(65), exp: now() + 3600 })],
    ['unsigned (alg none)', `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${Buffer.from(JSON.stringify({ sub: 'p-1', exp: now() + 3600 })).toString('base64url')}.`],
    ['not a token', 'hello'],
  ])('refuses a token %s', (_what, token) => {
    expect(() => verifier.verify(token)).toThrow(InvalidIdentityError);
  });
});
