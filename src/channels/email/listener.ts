import { createHash } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import type { Logger } from 'pino';
import { SMTPServer } from 'smtp-server';
import type { Attachments } from '../../attachments/index.js';
import type { AttachmentRef } from '../../core/schemas.js';
import type { InboundItem } from '../inbound.js';
import { readEmail } from './parse.js';
import type { EmailThreads } from './threads.js';

export interface EmailListenerDeps {
  port: number;
  host: string;
  threads: EmailThreads;
  attachments: Attachments;
  /** Stores the message for its conversation once (by Message-ID), like a messenger webhook. */
  accept(deliveryId: string, item: InboundItem): Promise<unknown>;
  logger: Logger;
}

/**
 * The support mailbox's way in: an SMTP listener the operator forwards (or points an MX at). Each
 * mail is parsed, bounces and auto-replies are dropped without an answer, the thread is found, the
 * files are kept, and the player's own words go to the conversation like any message.
 */
export async function startEmailListener(deps: EmailListenerDeps): Promise<{ port: number; close(): Promise<void> }> {
  const { logger } = deps;
  const take = async (raw: NodeJS.ReadableStream): Promise<void> => {
    const mail = await simpleParser(raw as never);
    const email = readEmail(mail);
    if ('skip' in email) return logger.info({ reason: email.skip }, 'e-mail not answered');
    const chatId = await deps.threads.chatOf(email);
    await deps.threads.received(chatId, email);
    const files: AttachmentRef[] = [];
    for (const file of email.files) {
      const kept = await deps.attachments.keep({ ...file, conversationKey: `email:${chatId}`, from: 'player' }, (reason) => logger.warn({ reason }, 'an e-mail attachment was not kept'));
      if (kept) files.push(kept);
    }
    if (!email.text && files.length === 0) return logger.info('e-mail with nothing to answer');
    const id = createHash('sha256').update(email.messageId).digest('base64url').slice(0, 40);
    await deps.accept(`email:${id}`, {
      channel: 'email',
      chatId,
      kind: 'text',
      text: email.text,
      clientMessageId: `em-${id}`,
      ...(email.name ? { name: email.name.slice(0, 80) } : {}),
      ...(files.length > 0 ? { attachments: files } : {}),
    });
  };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    banner: 'Pitboss support mailbox',
    size: 4 * deps.attachments.maxBytes,
    logger: false,
    onData(stream, _session, callback) {
      take(stream).then(
        () => callback(),
        (error: unknown) => {
          logger.error({ err: error }, 'could not take an e-mail in');
          callback(Object.assign(new Error('Temporary failure, try again later'), { responseCode: 451 }));
        },
      );
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(deps.port, deps.host, () => resolve());
  });
  server.on('error', (error) => logger.warn({ err: error.message }, 'SMTP listener problem'));
  return {
    port: (server.server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
