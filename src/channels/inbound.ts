import { z } from 'zod';
import { LINK_CODE_PATTERN } from '../core/player.js';
import { AttachmentRef, ChannelId, Locale } from '../core/schemas.js';

/** A player message as a channel stores it before acknowledging the webhook. */
export const InboundItem = z.object({
  channel: ChannelId,
  chatId: z.string(),
  /**
   * `start` opens the conversation (greeting); `action` is a tapped button whose payload is an
   * action code; `attachment` is content the bot cannot read (its kind is in `attachment`); `link`
   * carries a messenger link code in `text` (`/start <code>` in Telegram, `link <code>` elsewhere).
   */
  kind: z.enum(['start', 'text', 'action', 'attachment', 'link']),
  attachment: z.string().optional(),
  /** Files already kept (an e-mail's attachments). */
  attachments: z.array(AttachmentRef).optional(),
  /** A file the messenger holds for us (a photo, a document; by id, or by address for Meta's CDN): fetched when the item is processed. */
  file: z.object({ id: z.string().max(2048), name: z.string().max(200).optional() }).optional(),
  text: z.string(),
  /** The messenger's own id for this message: a redelivery is answered once. */
  clientMessageId: z.string(),
  name: z.string().optional(),
  locale: Locale.optional(),
  /** Telegram callback query to answer, WhatsApp message to mark as read, Messenger/Instagram chat to mark seen. */
  receipt: z.string().optional(),
});
export type InboundItem = z.infer<typeof InboundItem>;

/** Telegram's deep link `t.me/<bot>?start=<code>` arrives as `/start <code>`. */
export const TELEGRAM_LINK = new RegExp(`^/start\\s+(${LINK_CODE_PATTERN})$`);
/**
 * WhatsApp, Messenger and Instagram have no deep-link payload we use: the player sends
 * `link <code>` (a wa.me or m.me link can prefill it).
 */
export const LINK_COMMAND = new RegExp(`^link\\s+(${LINK_CODE_PATTERN})$`, 'i');

/** Maps a messenger's UI language to one of ours (a hint for a new conversation only). */
export function localeHint(code: string | undefined): Locale | undefined {
  const lang = code?.slice(0, 2).toLowerCase();
  return lang === 'ru' || lang === 'az' || lang === 'tr' || lang === 'en' ? lang : undefined;
}
