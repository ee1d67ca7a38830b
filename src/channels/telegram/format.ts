import { localize } from '../../core/messages.js';
import type { Message } from '../../core/schemas.js';
import { isAbsoluteAddress } from '../../knowledge/help/links.js';
import { splitText } from '../text-split.js';

export const TELEGRAM_TEXT_LIMIT = 4096;

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** A transcript message as Telegram HTML parts of at most 4096 characters each. */
export function telegramParts(message: Message): string[] {
  const chunks = splitText(message.text, TELEGRAM_TEXT_LIMIT - 200, (part) => escapeHtml(part).length);
  const parts = chunks.map((chunk) => (message.from === 'system' ? `<i>${escapeHtml(chunk)}</i>` : escapeHtml(chunk)));
  if (message.from === 'agent' && message.author) parts[0] = `<b>${escapeHtml(message.author)}</b>\n${parts[0]}`;
  if (message.citations?.length) {
    const titles = message.citations.map((c) => (isAbsoluteAddress(c.url) ? `<a href="${escapeHtml(c.url)}">${escapeHtml(c.title)}</a>` : escapeHtml(c.title)));
    const source = `\n\n<i>${localize(message.locale, 'sourceLabel')}: ${titles.join(', ')}</i>`;
    const last = parts.length - 1;
    if ((parts[last]! + source).length <= TELEGRAM_TEXT_LIMIT) parts[last] += source;
    else parts.push(source.trim());
  }
  return parts;
}
