import { type InboundItem, localeHint, TELEGRAM_LINK } from '../inbound.js';
import { ATTACHMENT_KINDS, type TelegramUpdate } from './schemas.js';

/** An update as a stored inbound item; undefined for updates a support bot has nothing to do with. */
export function itemFromUpdate(update: TelegramUpdate): InboundItem | undefined {
  const clientMessageId = `tg-${update.update_id}`;
  const query = update.callback_query;
  if (query) {
    const chat = query.message?.chat;
    if (chat?.type !== 'private' || !query.data) return undefined;
    return { channel: 'telegram', chatId: String(chat.id), kind: 'action', text: query.data, clientMessageId, receipt: query.id, ...person(query.from) };
  }
  const message = update.message;
  if (message?.chat.type !== 'private' || message.from?.is_bot) return undefined;
  const base = { channel: 'telegram' as const, chatId: String(message.chat.id), clientMessageId, ...person(message.from) };
  const text = message.text?.trim();
  if (text) {
    const code = TELEGRAM_LINK.exec(text)?.[1];
    if (code) return { ...base, kind: 'link', text: code };
    if (/^\/start(\s|$)/.test(text)) return { ...base, kind: 'start', text };
    return { ...base, kind: 'text', text: text.slice(0, 4000) };
  }
  const attachment = ATTACHMENT_KINDS.find((kind) => kind in message) ?? 'attachment';
  const caption = message.caption?.trim();
  // The largest size of a photo; a document as sent. Other kinds stay a description.
  const photo = message.photo?.at(-1);
  const file = photo ? { id: photo.file_id } : message.document ? { id: message.document.file_id, ...(message.document.file_name ? { name: message.document.file_name.slice(0, 200) } : {}) } : undefined;
  return { ...base, kind: 'attachment', attachment, ...(file ? { file } : {}), text: `[${attachment}]${caption ? ` ${caption.slice(0, 3900)}` : ''}` };
}

function person(from: { first_name?: string; language_code?: string } | undefined): Pick<InboundItem, 'name' | 'locale'> {
  const locale = localeHint(from?.language_code);
  return { ...(from?.first_name ? { name: from.first_name.slice(0, 80) } : {}), ...(locale ? { locale } : {}) };
}
