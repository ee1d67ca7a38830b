import type { Logger } from 'pino';
import type { ChannelSenders } from '../channels/channel.js';
import type { Message, MessageDraft } from './schemas.js';
import type { ConversationStore } from './store.js';

/**
 * Writes a message into a conversation and hands it to the conversation's channel. Bot replies,
 * agent messages and system notices all go out through here, so every channel gets all of them.
 */
export class Delivery {
  constructor(
    private readonly conversations: ConversationStore,
    private readonly senders: ChannelSenders,
    private readonly logger: Logger,
  ) {}

  async post(conversationKey: string, draft: MessageDraft): Promise<Message> {
    const message = await this.conversations.append(conversationKey, draft);
    const conversation = await this.conversations.require(conversationKey);
    const sender = this.senders[conversation.channel];
    if (sender) {
      // The transcript already holds the message; a failed push is the channel's to retry, not the writer's problem.
      await sender.deliver(conversation, message).catch((error: unknown) =>
        this.logger.error({ err: error, conversation: conversationKey, message: message.id }, 'channel delivery failed'),
      );
    }
    return message;
  }

  async typing(conversationKey: string): Promise<void> {
    const conversation = await this.conversations.get(conversationKey);
    if (!conversation) return;
    await this.senders[conversation.channel]?.typing(conversation).catch(() => undefined);
  }
}
