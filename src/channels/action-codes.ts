import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';

const TTL_SECONDS = 30 * 24 * 3600;

/**
 * Button payloads are short (Telegram's callback_data is at most 64 bytes): a button carries a
 * random code, and the value it stands for is kept in Redis.
 */
export class ActionCodes {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  async encode(value: string): Promise<string> {
    const code = randomBytes(9).toString('base64url');
    await this.redis.set(`${this.prefix}action:${code}`, value, 'EX', TTL_SECONDS);
    return `a:${code}`;
  }

  /** The value a button stood for; undefined for an unknown or expired code. */
  async decode(payload: string): Promise<string | undefined> {
    if (!payload.startsWith('a:')) return undefined;
    return (await this.redis.get(`${this.prefix}action:${payload.slice(2)}`)) ?? undefined;
  }
}
