import { localize } from '../../core/messages.js';
import type { Message } from '../../core/schemas.js';
import { isAbsoluteAddress } from '../../knowledge/help/links.js';

/**
 * A transcript message as text for Meta's messengers (WhatsApp, Messenger, Instagram): the agent's
 * name in `*bold*` above their words, and under an answer an italic "Source: <title> <link>" line
 * per cited article (the link only when it is absolute, i.e. PUBLIC_URL is set).
 */
export function starMarkupText(message: Message): string {
  let text = message.text;
  if (message.from === 'agent' && message.author) text = `*${message.author}*\n${text}`;
  const label = localize(message.locale, 'sourceLabel');
  const sources = (message.citations ?? []).map((c) => `_${label}: ${c.title}_${isAbsoluteAddress(c.url) ? ` ${c.url}` : ''}`);
  if (sources.length > 0) text += `\n\n${sources.join('\n')}`;
  return text;
}

/** Clips a title to `limit` characters (code points), ending a clipped one with "…". */
export function clip(text: string, limit: number): string {
  return [...text].length <= limit ? text : `${[...text].slice(0, limit - 1).join('')}…`;
}
