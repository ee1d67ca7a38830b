import { type InboundItem, LINK_COMMAND } from '../inbound.js';
import type { WhatsAppInboundMessage, WhatsAppWebhook } from './schemas.js';

/** Every player message in a webhook, with its delivery id; statuses and errors carry none. */
export function itemsFromWebhook(body: WhatsAppWebhook): Array<{ deliveryId: string; item: InboundItem }> {
  const items: Array<{ deliveryId: string; item: InboundItem }> = [];
  for (const entry of body.entry) {
    for (const { value } of entry.changes) {
      const names = new Map((value.contacts ?? []).map((c) => [c.wa_id, c.profile?.name]));
      for (const message of value.messages ?? []) {
        const item = toItem(message, names.get(message.from));
        if (item) items.push({ deliveryId: `whatsapp:${message.id}`, item });
      }
    }
  }
  return items;
}

function toItem(message: WhatsAppInboundMessage, name: string | undefined): InboundItem | undefined {
  const base = { channel: 'whatsapp' as const, chatId: message.from, clientMessageId: `wa-${message.id}`, receipt: message.id, ...(name ? { name: name.slice(0, 80) } : {}) };
  const reply = message.interactive?.button_reply ?? message.interactive?.list_reply;
  if (reply) return { ...base, kind: reply.id.startsWith('a:') ? 'action' : 'text', text: reply.id.startsWith('a:') ? reply.id : reply.title };
  if (message.type === 'button' && message.button) return { ...base, kind: 'text', text: (message.button.text ?? message.button.payload ?? '').slice(0, 4000) };
  if (message.type === 'text') {
    const text = message.text?.body.trim();
    const code = text ? LINK_COMMAND.exec(text)?.[1] : undefined;
    if (code) return { ...base, kind: 'link', text: code };
    return text ? { ...base, kind: 'text', text: text.slice(0, 4000) } : undefined;
  }
  if (message.type === 'reaction') return undefined;
  const caption = (message.image?.caption ?? message.video?.caption ?? message.document?.caption)?.trim();
  // Pictures and documents are fetched from the media API when the item is processed; other kinds stay a description.
  const media = message.type === 'image' ? message.image : message.type === 'document' ? message.document : undefined;
  const fileName = message.document?.filename?.slice(0, 200);
  const file = media?.id ? { id: media.id, ...(fileName ? { name: fileName } : {}) } : undefined;
  return { ...base, kind: 'attachment', attachment: message.type, ...(file ? { file } : {}), text: `[${message.type}]${caption ? ` ${caption.slice(0, 3900)}` : ''}` };
}
