import type { Redis } from 'ioredis';
import type { ChannelKeys } from './keys.js';

/**
 * Remembers which messenger deliveries were already taken in (Telegram update ids, WhatsApp message
 * ids) and which replies were already sent, for as long as `ChannelKeys['seen']` says.
 */
export class DeliveryLog {
  constructor(
    private readonly redis: Redis,
    private readonly keys: ChannelKeys['seen'],
  ) {}

  async seen(id: string): Promise<boolean> {
    return (await this.redis.exists(this.keys.key(id))) === 1;
  }

  async remember(id: string): Promise<void> {
    await this.redis.set(this.keys.key(id), '1', 'EX', this.keys.ttlSeconds);
  }
}
