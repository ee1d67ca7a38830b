import type { Logger } from 'pino';
import type { ChannelId } from '../core/schemas.js';
import type { TurnRunner } from '../pipeline/turn.js';
import type { ActionCodes } from './action-codes.js';
import { InboundItem } from './inbound.js';

export interface InboundProcessorDeps {
  turns: TurnRunner;
  actions: ActionCodes;
  /** Per channel: answer a Telegram callback query, mark a WhatsApp message read. */
  receipts: Partial<Record<ChannelId, (receipt: string) => Promise<void>>>;
  logger: Logger;
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
      case 'attachment':
        await deps.turns.handle({ ...who, text: item.text, clientMessageId: item.clientMessageId, attachment: item.attachment ?? 'attachment' });
        return;
      case 'link':
        // Without identity a deep-link payload is only a way in: the player is greeted as after a plain /start.
        if (deps.turns.linksPlayers) await deps.turns.handle({ ...who, text: item.text, clientMessageId: item.clientMessageId, linkCode: item.text });
        else if (item.channel === 'telegram') await deps.turns.start(who);
        else await deps.turns.handle({ ...who, text: `link ${item.text}`, clientMessageId: item.clientMessageId });
        return;
      case 'text':
        await deps.turns.handle({ ...who, text: item.text, clientMessageId: item.clientMessageId });
    }
  };
}
