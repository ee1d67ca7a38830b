import type { DeliveryLog } from './first-delivery.js';
import type { InboundItem } from './inbound.js';
import type { KeyedMailbox } from './mailbox.js';

/**
 * Stores a webhook's message once: a delivery seen before is skipped; if storing fails the id is
 * forgotten again, so the messenger's own retry gets another chance.
 */
export async function acceptOnce(log: DeliveryLog, inbound: KeyedMailbox<InboundItem>, deliveryId: string, item: InboundItem): Promise<'stored' | 'duplicate'> {
  if (!(await log.first(deliveryId))) return 'duplicate';
  try {
    await inbound.push(`${item.channel}:${item.chatId}`, item);
    return 'stored';
  } catch (error) {
    await log.forget(deliveryId);
    throw error;
  }
}
