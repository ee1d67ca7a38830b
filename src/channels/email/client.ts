import { randomUUID } from 'node:crypto';
import nodemailer, { type Transporter } from 'nodemailer';
import { localize } from '../../core/messages.js';
import type { Message } from '../../core/schemas.js';
import { isAbsoluteAddress } from '../../knowledge/help/links.js';
import { UpstreamError } from '../retry.js';
import type { OutgoingFile } from '../../attachments/index.js';
import type { EmailThreads } from './threads.js';

/** A transcript message as an e-mail body: the agent's name, the text, then "Source: title link" per cited article. */
export function emailText(message: Message): string {
  const label = localize(message.locale, 'sourceLabel');
  const sources = (message.citations ?? []).map((c) => `${label}: ${c.title}${isAbsoluteAddress(c.url) ? ` ${c.url}` : ''}`);
  return [message.from === 'agent' && message.author ? `${message.author}:` : '', message.text, sources.join('\n')].filter(Boolean).join('\n\n');
}

/** Sends replies into the player's e-mail thread through the operator's relay (`SMTP_URL`, from `EMAIL_FROM`). */
export class EmailClient {
  private readonly transport: Transporter;
  private readonly domain: string;

  constructor(
    private readonly options: { smtpUrl: string; from: string; threads: EmailThreads },
  ) {
    this.transport = nodemailer.createTransport(options.smtpUrl);
    this.domain = /@([^\s>]+)/.exec(options.from)?.[1] ?? 'pitboss.local';
  }

  async send(chatId: string, message: Message, files: OutgoingFile[] = []): Promise<void> {
    const thread = await this.options.threads.get(chatId);
    if (!thread) throw new UpstreamError('email', 404, `no thread ${chatId} to reply in`);
    const ticketId = message.handoff?.ticketId ?? thread.ticketId;
    const base = thread.subject.replace(/^(re:\s*)+/i, '').replace(/\s*\[T-[0-9A-Z]+\]$/, '');
    const messageId = `<${randomUUID()}@${this.domain}>`;
    try {
      await this.transport.sendMail({
        from: this.options.from,
        to: thread.name ? { name: thread.name, address: thread.address } : thread.address,
        subject: `${thread.lastMessageId ? 'Re: ' : ''}${base}${ticketId ? ` [${ticketId}]` : ''}`,
        text: emailText(message),
        attachments: files.map((file) => ({ filename: file.name, content: file.bytes, contentType: file.contentType })),
        messageId,
        ...(thread.lastMessageId ? { inReplyTo: thread.lastMessageId, references: thread.references } : {}),
        // Our answers are automatic replies to a person: no other robot should answer them (RFC 3834).
        headers: message.from === 'agent' ? {} : { 'Auto-Submitted': 'auto-replied' },
      });
    } catch (error) {
      const code = (error as { responseCode?: number }).responseCode ?? 0;
      throw new UpstreamError('email', code >= 500 ? 400 : code >= 400 ? 503 : 0, error instanceof Error ? error.message : String(error));
    }
    await this.options.threads.sent(chatId, messageId, ticketId);
  }

  close(): void {
    this.transport.close();
  }
}
