import { conversationKeyOf } from '../core/schemas.js';
import type { DeliveryLog } from './delivery-log.js';
import type { InboundItem } from './inbound.js';
import type { KeyedMailbox } from './mailbox.js';

/**
 * Stores a webhook's message unless that delivery was taken in before. It is remembered only after
 * it was stored, so a crash in between makes the messenger's retry store it again rather than lose
 * it; the turn's stored result (by the messenger's message id) then answers it once.
 */
export async function acceptOnce(log: DeliveryLog, inbound: KeyedMailbox<InboundItem>, deliveryId: string, item: InboundItem): Promise<'stored' | 'duplicate'> {
  if (await log.seen(deliveryId)) return 'duplicate';
  await inbound.push(conversationKeyOf(item.channel, item.chatId), item);
  await log.remember(deliveryId);
  return 'stored';
}

/** Stores each of a webhook's messages once (see `acceptOnce`): how many were new. */
export async function acceptEach(log: DeliveryLog, inbound: KeyedMailbox<InboundItem>, items: Iterable<{ deliveryId: string; item: InboundItem }>): Promise<number> {
  let stored = 0;
  for (const { deliveryId, item } of items) {
    if ((await acceptOnce(log, inbound, deliveryId, item)) === 'stored') stored++;
  }
  return stored;
}
