import { type InboundItem, LINK_COMMAND } from '../inbound.js';
import type { MetaChannel, MetaInboundMessage, MetaMessagingEvent, MetaWebhook } from './schemas.js';

type Delivery = { deliveryId: string; item: InboundItem };

const CHANNEL_OF_OBJECT: Record<string, MetaChannel> = { page: 'messenger', instagram: 'instagram' };
/** Attachments kept as files (fetched from their address when processed); other kinds stay a description. */
const KEPT_KINDS = new Set(['image', 'file']);
const TEXT_LIMIT = 4000;

/**
 * Every player message in a Messenger or Instagram webhook, with its delivery id (`<channel>:<mid>`).
 * Echoes of our own messages, deletions, unsupported content, deliveries, reads, reactions, edits and
 * events of a channel that is off carry none.
 */
export function itemsFromWebhook(body: MetaWebhook, isOn: (channel: MetaChannel) => boolean): Delivery[] {
  const channel = CHANNEL_OF_OBJECT[body.object];
  if (!channel || !isOn(channel)) return [];
  return body.entry.flatMap((entry) => (entry.messaging ?? []).flatMap((event) => itemsOf(channel, event)));
}

function itemsOf(channel: MetaChannel, event: MetaMessagingEvent): Delivery[] {
  const chatId = event.sender.id;
  if (!chatId) return [];
  const base = (mid: string) => ({ channel, chatId, clientMessageId: `${channel}-${mid}`, receipt: chatId });
  const one = (mid: string, item: Omit<InboundItem, 'channel' | 'chatId' | 'clientMessageId' | 'receipt'>): Delivery[] => [{ deliveryId: `${channel}:${mid}`, item: { ...base(mid), ...item } }];

  const { postback, message } = event;
  if (postback) {
    const mid = postback.mid ?? `${chatId}.${event.timestamp ?? 0}`;
    if (postback.payload?.startsWith('a:')) return one(mid, { kind: 'action', text: postback.payload });
    const text = (postback.title ?? postback.payload ?? '').trim();
    return text ? one(mid, { kind: 'text', text: text.slice(0, TEXT_LIMIT) }) : [];
  }
  if (!message || message.is_echo || message.is_deleted || message.is_unsupported) return [];
  const tapped = message.quick_reply?.payload;
  if (tapped?.startsWith('a:')) return one(message.mid, { kind: 'action', text: tapped });
  if (message.attachments?.length) return attachmentItems(channel, message, base);
  const text = message.text?.trim();
  if (!text) return [];
  const code = LINK_COMMAND.exec(text)?.[1];
  return one(message.mid, code ? { kind: 'link', text: code } : { kind: 'text', text: text.slice(0, TEXT_LIMIT) });
}

/** One item per attachment (a player may send several pictures at once), the first under the message's own id. */
function attachmentItems(channel: MetaChannel, message: MetaInboundMessage, base: (mid: string) => Omit<InboundItem, 'kind' | 'text'>): Delivery[] {
  const caption = message.text?.trim().slice(0, 3900);
  return (message.attachments ?? []).map((attachment, i): Delivery => {
    const mid = i === 0 ? message.mid : `${message.mid}#${i + 1}`;
    // A sticker (the thumbs-up too) arrives as an image: it is a gesture, not a document to keep.
    const kind = attachment.payload?.sticker_id !== undefined ? 'sticker' : attachment.type;
    const url = attachment.payload?.url;
    const file = KEPT_KINDS.has(kind) && url && /^https?:\/\//.test(url) && url.length <= 2048 ? { id: url } : undefined;
    const text = `[${kind}]${i === 0 && caption ? ` ${caption}` : ''}`;
    return { deliveryId: `${channel}:${mid}`, item: { ...base(mid), kind: 'attachment', attachment: kind.slice(0, 40), ...(file ? { file } : {}), text } };
  });
}
