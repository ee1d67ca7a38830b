import { attachmentElement } from '../../browser/attachments.js';
import { el } from '../../browser/sse.js';
import { storedSession } from './stored-session.js';
import { dateTime, label, timeOfDay } from './i18n.js';
import type { Message } from './types.js';

/** One message of a transcript, live or from the record (`dated`: an old conversation, where the day matters). */
export function transcriptItem(message: Message, dated = false): HTMLElement {
  const item = el('li', `tmsg tmsg--${message.from}`);
  const who = message.from === 'agent' && message.author ? message.author : label('from', message.from);
  item.append(el('span', 'tmsg__who', `${who} · ${dated ? dateTime(message.at) : timeOfDay(message.at)}`), document.createTextNode(message.text));
  for (const file of message.attachments ?? []) item.append(attachmentElement(file, '/api/agent/attachments', () => storedSession.token()));
  item.dataset.seq = String(message.seq);
  return item;
}
