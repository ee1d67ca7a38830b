import type { FastifyInstance } from 'fastify';
import { parseInput } from '../../http/validate.js';
import { acceptEach } from '../accept.js';
import type { DeliveryLog } from '../delivery-log.js';
import { graphWebhook } from '../graph/webhook.js';
import type { InboundItem } from '../inbound.js';
import type { KeyedMailbox } from '../mailbox.js';
import { itemsFromWebhook } from './inbound.js';
import { type MetaChannel, MetaWebhook } from './schemas.js';

export interface MetaRoutesDeps {
  appSecret: string;
  verifyToken: string;
  /** The Meta channels that are on: events for the other are acknowledged and dropped. */
  on: ReadonlySet<MetaChannel>;
  inbound: KeyedMailbox<InboundItem>;
  deliveries: DeliveryLog;
}

/** One webhook for Messenger (`object: 'page'`) and Instagram (`object: 'instagram'`), as one Meta app sends them. */
export async function metaRoutes(app: FastifyInstance, deps: MetaRoutesDeps): Promise<void> {
  await graphWebhook(app, {
    path: '/webhooks/meta',
    appSecret: deps.appSecret,
    verifyToken: deps.verifyToken,
    verifyTokenVariable: 'META_VERIFY_TOKEN',
    receive: (json) => acceptEach(deps.deliveries, deps.inbound, itemsFromWebhook(parseInput(MetaWebhook, json, 'Meta webhook'), (channel) => deps.on.has(channel))),
  });
}
