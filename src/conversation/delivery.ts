import type { Logger } from 'pino';
import type { ChannelSenders } from '../core/channel.js';
import { type ChannelId, type Conversation, conversationKeyParts, type Message, type MessageDraft } from '../core/schemas.js';
import type { ConversationStore } from './store.js';

/**
 * Writes messages into a conversation and hands them to the conversation's channel. Bot replies,
 * agent messages and system notices all go out through here, so every channel gets all of them.
 */
export class Delivery {
  constructor(
    private readonly conversations: ConversationStore,
    private readonly senders: ChannelSenders,
    private readonly logger: Logger,
  ) {}

  /**
   * Appends to the transcript only (web chat listeners hear it at once); `deliver` pushes it out.
   * With a once-id, a message recorded under it before comes back instead (see `appendOnce`).
   */
  async record(conversationKey: string, draft: MessageDraft, onceId = ''): Promise<Message> {
    return (await this.conversations.appendOnce(conversationKey, draft, onceId)).message;
  }

  /** Hands recorded messages to the channel, in order. Channels drop a message they already took. */
  async deliver(conversationKey: string, messages: Message[]): Promise<void> {
    // Web chat has no sender (its page reads the transcript): nothing to load for it.
    const sender = this.senders[conversationKeyParts(conversationKey).channel as ChannelId];
    if (messages.length === 0 || !sender) return;
    const conversation = await this.conversations.require(conversationKey);
    for (const message of messages) {
      // The transcript already holds the message; a failed hand-over is logged, not the writer's problem.
      await sender.deliver(conversation, message).catch((error: unknown) =>
        this.logger.error({ err: error, conversation: conversationKey, message: message.id }, 'channel delivery failed'),
      );
    }
  }

  /** Records and delivers; with a once-id, at most once however often it is posted. */
  async post(conversationKey: string, draft: MessageDraft, onceId = ''): Promise<Message> {
    const message = await this.record(conversationKey, draft, onceId);
    await this.deliver(conversationKey, [message]);
    return message;
  }

  async typing(conversation: Conversation): Promise<void> {
    await this.senders[conversation.channel]?.typing(conversation).catch(() => undefined);
  }
}
