import type { Redis } from 'ioredis';
import type { Logger } from 'pino';

type Listener = (payload: string) => void;

/**
 * Fans Redis pub/sub messages out to in-process listeners over one subscriber connection,
 * subscribing to a channel while at least one listener wants it. Because every replica publishes
 * through Redis, a listener here hears messages appended on any replica.
 */
export class EventHub {
  private readonly listeners = new Map<string, Set<Listener>>();

  constructor(
    private readonly subscriber: Redis,
    private readonly logger: Logger,
  ) {
    subscriber.on('message', (channel: string, payload: string) => {
      for (const listener of this.listeners.get(channel) ?? []) {
        try {
          listener(payload);
        } catch (error) {
          this.logger.error({ err: error, channel }, 'event listener failed');
        }
      }
    });
  }

  /** Resolves once Redis confirms the subscription, so nothing published afterwards is missed. */
  async subscribe(channel: string, listener: Listener): Promise<() => Promise<void>> {
    let set = this.listeners.get(channel);
    if (!set) {
      set = new Set();
      this.listeners.set(channel, set);
    }
    set.add(listener);
    await this.subscriber.subscribe(channel);
    return async () => {
      const current = this.listeners.get(channel);
      current?.delete(listener);
      if (current && current.size === 0) {
        this.listeners.delete(channel);
        await this.subscriber.unsubscribe(channel).catch(() => undefined);
      }
    };
  }
}
