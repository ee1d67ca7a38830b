import type { Redis } from 'ioredis';

const REMEMBER_SECONDS = 7 * 24 * 3600;

/**
 * Remembers which messenger deliveries were already taken in (Telegram update ids, WhatsApp message
 * ids) and which replies were already sent, for a week.
 */
export class DeliveryLog {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  async seen(id: string): Promise<boolean> {
    return (await this.redis.exists(`${this.prefix}seen:${id}`)) === 1;
  }

  async remember(id: string): Promise<void> {
    await this.redis.set(`${this.prefix}seen:${id}`, '1', 'EX', REMEMBER_SECONDS);
  }
}
