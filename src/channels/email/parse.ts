import type { AddressObject, ParsedMail } from 'mailparser';

/** An e-mail as the channel reads it: who, which thread, what they wrote (without quoted history or signature), and their files. */
export interface InboundEmail {
  address: string;
  name?: string;
  subject: string;
  messageId: string;
  /** Ids of the messages it answers, nearest first (In-Reply-To, then References from the newest). */
  answers: string[];
  text: string;
  files: Array<{ name?: string; bytes: Buffer }>;
}

/** Why a message gets no answer: a machine wrote it (bounce, auto-reply, list), or it has no sender. */
export type Unanswerable = 'automatic' | 'no_sender';

const MAILER = /^(mailer-daemon|postmaster|no-?reply|noreply|bounces?)@/i;
const AUTO_PRECEDENCE = /^(bulk|junk|list|auto_reply)$/i;

/** RFC 3834 and the headers mail systems actually send: a bounce or an auto-reply must never be answered (mail loops). */
export function unanswerable(mail: ParsedMail): Unanswerable | undefined {
  const header = (name: string) => {
    const value = mail.headers.get(name);
    return typeof value === 'string' ? value : value === undefined ? undefined : JSON.stringify(value);
  };
  const address = firstAddress(mail.from);
  if (!address) return 'no_sender';
  const autoSubmitted = header('auto-submitted');
  if (autoSubmitted && autoSubmitted.toLowerCase() !== 'no') return 'automatic';
  if (AUTO_PRECEDENCE.test(header('precedence') ?? '')) return 'automatic';
  if (header('x-autoreply') || header('x-autorespond') || header('x-auto-response-suppress')?.match(/all|oof|autoreply/i)) return 'automatic';
  // mailparser gathers List-Id, List-Unsubscribe… under `list`.
  if (mail.headers.has('list') || mail.headers.has('list-id') || mail.headers.has('list-unsubscribe')) return 'automatic';
  if (MAILER.test(address.address)) return 'automatic';
  const contentType = mail.headers.get('content-type') as { value?: string; params?: Record<string, string> } | undefined;
  if (contentType?.value === 'multipart/report') return 'automatic';
  return undefined;
}

function firstAddress(field: AddressObject | AddressObject[] | undefined): { address: string; name?: string } | undefined {
  const first = (Array.isArray(field) ? field[0] : field)?.value[0];
  return first?.address ? { address: first.address.toLowerCase(), ...(first.name ? { name: first.name } : {}) } : undefined;
}

/** Where a reply's own words end: the quoted message below, or the writer's signature. */
const QUOTE_START = [
  /^On .{3,200} wrote:\s*$/,
  /^-{2,}\s*Original Message\s*-{2,}/i,
  /^-{2,}\s*Исходное сообщение\s*-{2,}/i,
  /^(From|От|Kimdən|Gönderen):\s.+/,
  /^.{3,200}\s(написал|написала|yazdı|yazıb)\s?\(?[^)]*\)?:\s*$/,
  /^Sent from my /i,
  /^Отправлено с /,
];

/** The new words of a message: quoted history (`>` lines and everything after a reply header) and the signature (`-- `) dropped. */
export function ownWords(text: string): string {
  const kept: string[] = [];
  for (const line of text.replace(/\r\n/g, '\n').split('\n')) {
    if (line === '-- ' || line === '--' || QUOTE_START.some((pattern) => pattern.test(line.trim()))) break;
    if (line.trimStart().startsWith('>')) continue;
    kept.push(line);
  }
  return kept.join('\n').replace(/\n{3,}/g, '\n\n').trim();
}

/** The e-mail the channel will answer, or why it will not. */
export function readEmail(mail: ParsedMail): InboundEmail | { skip: Unanswerable } {
  const skip = unanswerable(mail);
  if (skip) return { skip };
  const from = firstAddress(mail.from)!;
  const references = Array.isArray(mail.references) ? mail.references : mail.references ? [mail.references] : [];
  const answers = [...new Set([mail.inReplyTo, ...references.reverse()].filter((id): id is string => Boolean(id)))];
  return {
    ...from,
    subject: (mail.subject ?? '').slice(0, 300),
    messageId: mail.messageId ?? `<no-id-${Date.now()}@pitboss>`,
    answers,
    text: ownWords(mail.text ?? '').slice(0, 4000),
    files: mail.attachments.filter((file) => file.contentDisposition !== 'inline' || !file.contentId).map((file) => ({ ...(file.filename ? { name: file.filename } : {}), bytes: file.content })),
  };
}
