import type { Logger } from 'pino';
import { type AttachmentRef, type ChannelId, conversationKeyOf } from '../core/schemas.js';
import type { Attachments } from '../attachments/index.js';
import type { TurnRunner } from '../pipeline/turn.js';
import type { ActionCodes } from './action-codes.js';
import { InboundItem } from './inbound.js';

export interface InboundProcessorDeps {
  turns: TurnRunner;
  actions: ActionCodes;
  /** Per channel: answer a Telegram callback query, mark a WhatsApp message read. */
  receipts: Partial<Record<ChannelId, (receipt: string) => Promise<void>>>;
  /** Per channel: the bytes of a file the messenger holds for us. */
  downloads: Partial<Record<ChannelId, (fileId: string) => Promise<Buffer>>>;
  attachments: Attachments;
  logger: Logger;
}

/**
 * A messenger's file, fetched and kept like a web chat upload; undefined when it cannot be (a type
 * we do not take, too big, the messenger failing): the player's message then describes it instead.
 */
async function keptFile(deps: InboundProcessorDeps, item: InboundItem): Promise<AttachmentRef | undefined> {
  const download = item.file && deps.downloads[item.channel];
  if (!item.file || !download) return undefined;
  const notKept = (reason: string) => deps.logger.warn({ channel: item.channel, kind: item.attachment, reason }, 'a file the player sent was not kept');
  let bytes: Buffer;
  try {
    bytes = await download(item.file.id);
  } catch (error) {
    notKept(error instanceof Error ? error.message : String(error));
    return undefined;
  }
  return deps.attachments.keep({ bytes, name: item.file.name ?? item.attachment, conversationKey: conversationKeyOf(item.channel, item.chatId), from: 'player' }, notKept);
}

/** Runs one stored messenger message through the conversation, in the order it arrived. */
export function createInboundProcessor(deps: InboundProcessorDeps) {
  return async (_key: string, raw: unknown): Promise<void> => {
    const item = InboundItem.parse(raw);
    if (item.receipt) {
      await deps.receipts[item.channel]?.(item.receipt).catch((error: unknown) => deps.logger.warn({ err: error, channel: item.channel }, 'could not send a read receipt'));
    }
    const who = { channel: item.channel, chatId: item.chatId, name: item.name, locale: item.locale };
    switch (item.kind) {
      case 'start':
        await deps.turns.start(who);
        return;
      case 'action': {
        const value = await deps.actions.decode(item.text);
        if (value === undefined) return deps.logger.info({ channel: item.channel }, 'ignored a tap on an expired button');
        await deps.turns.handle({ ...who, text: value, clientMessageId: item.clientMessageId });
        return;
      }
      case 'attachment': {
        const file = await keptFile(deps, item);
        await deps.turns.handle({ ...who, text: item.text, clientMessageId: item.clientMessageId, attachment: item.attachment ?? 'attachment', ...(file ? { attachments: [file] } : {}) });
        return;
      }
      case 'link':
        // Without identity a deep-link payload is only a way in: the player is greeted as after a plain /start.
        if (deps.turns.linksPlayers) await deps.turns.handle({ ...who, text: item.text, clientMessageId: item.clientMessageId, linkCode: item.text });
        else if (item.channel === 'telegram') await deps.turns.start(who);
        else await deps.turns.handle({ ...who, text: `link ${item.text}`, clientMessageId: item.clientMessageId });
        return;
      case 'text':
        await deps.turns.handle({ ...who, text: item.text, clientMessageId: item.clientMessageId, ...(item.attachments ? { attachments: item.attachments } : {}) });
    }
  };
}
