import type { Redis } from 'ioredis';

const REMEMBER_SECONDS = 7 * 24 * 3600;

/**
 * Remembers which messenger deliveries (Telegram update ids, WhatsApp message ids) were already
 * accepted, so a redelivered webhook is acknowledged without being processed again.
 */
export class DeliveryLog {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  /** True the first time an id is seen. */
  async first(id: string): Promise<boolean> {
    return (await this.redis.set(`${this.prefix}seen:${id}`, '1', 'EX', REMEMBER_SECONDS, 'NX')) === 'OK';
  }

  /** Forgets an id whose message could not be stored, so the messenger's retry is accepted. */
  async forget(id: string): Promise<void> {
    await this.redis.del(`${this.prefix}seen:${id}`);
  }
}
