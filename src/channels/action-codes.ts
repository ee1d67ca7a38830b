import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { ChannelKeys } from './keys.js';

/**
 * Button payloads are short (Telegram's callback_data is at most 64 bytes): a button carries a
 * random code, and the value it stands for is kept in Redis.
 */
export class ActionCodes {
  constructor(
    private readonly redis: Redis,
    private readonly keys: ChannelKeys['action'],
  ) {}

  async encode(value: string): Promise<string> {
    const code = randomBytes(9).toString('base64url');
    await this.redis.set(this.keys.key(code), value, 'EX', this.keys.ttlSeconds);
    return `a:${code}`;
  }

  /** The value a button stood for; undefined for an unknown or expired code. */
  async decode(payload: string): Promise<string | undefined> {
    if (!payload.startsWith('a:')) return undefined;
    return (await this.redis.get(this.keys.key(payload.slice(2)))) ?? undefined;
  }
}
