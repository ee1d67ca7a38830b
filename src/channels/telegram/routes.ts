import type { FastifyInstance } from 'fastify';
import { safeEqual } from '../../auth/safe-equal.js';
import { UnauthorizedError } from '../../errors.js';
import { parseInput } from '../../http/validate.js';
import { acceptOnce } from '../accept.js';
import type { DeliveryLog } from '../delivery-log.js';
import type { InboundItem } from '../inbound.js';
import type { KeyedMailbox } from '../mailbox.js';
import { itemFromUpdate } from './inbound.js';
import { TelegramUpdate } from './schemas.js';

export interface TelegramRoutesDeps {
  secret: string;
  inbound: KeyedMailbox<InboundItem>;
  deliveries: DeliveryLog;
}

/** The Telegram webhook: check the secret, store the update once, answer at once; processing follows. */
export async function telegramRoutes(app: FastifyInstance, deps: TelegramRoutesDeps): Promise<void> {
  app.post('/webhooks/telegram', async (request) => {
    const secret = request.headers['x-telegram-bot-api-secret-token'];
    if (typeof secret !== 'string' || !safeEqual(secret, deps.secret)) {
      throw new UnauthorizedError('Missing or wrong X-Telegram-Bot-Api-Secret-Token header.', 'bad_webhook_secret');
    }
    const update = parseInput(TelegramUpdate, request.body, 'Telegram update');
    const item = itemFromUpdate(update);
    if (!item) return { ok: true, ignored: true };
    const outcome = await acceptOnce(deps.deliveries, deps.inbound, `telegram:${update.update_id}`, item);
    return { ok: true, ...(outcome === 'duplicate' ? { duplicate: true } : {}) };
  });
}
