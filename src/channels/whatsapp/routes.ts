import type { FastifyInstance } from 'fastify';
import { parseInput } from '../../http/validate.js';
import { acceptEach } from '../accept.js';
import type { DeliveryLog } from '../delivery-log.js';
import { graphWebhook } from '../graph/webhook.js';
import type { InboundItem } from '../inbound.js';
import type { KeyedMailbox } from '../mailbox.js';
import { itemsFromWebhook } from './inbound.js';
import { WhatsAppWebhook } from './schemas.js';

export interface WhatsAppRoutesDeps {
  appSecret: string;
  verifyToken: string;
  inbound: KeyedMailbox<InboundItem>;
  deliveries: DeliveryLog;
}

/** The WhatsApp Cloud API webhook: the verification handshake, and signed message deliveries. */
export async function whatsappRoutes(app: FastifyInstance, deps: WhatsAppRoutesDeps): Promise<void> {
  await graphWebhook(app, {
    path: '/webhooks/whatsapp',
    appSecret: deps.appSecret,
    verifyToken: deps.verifyToken,
    verifyTokenVariable: 'WHATSAPP_VERIFY_TOKEN',
    receive: (json) => acceptEach(deps.deliveries, deps.inbound, itemsFromWebhook(parseInput(WhatsAppWebhook, json, 'WhatsApp webhook'))),
  });
}
