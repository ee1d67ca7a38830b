import type { Conversation, Message } from '../core/schemas.js';
import { PitbossAdapter, type ReplyOutbox } from './adapter.js';
import type { Activity, Context } from './botbuilder.js';

export type { ReplyOutbox } from './adapter.js';

/** The bot's botbuilder logic (`SupportBot.run`). */
export interface BotLogic {
  run(context: Context): Promise<void>;
}

/**
 * The bot as the turn pipeline sees it: a greeting for a new conversation and a reply to a player's
 * message, given in our own types. Building botbuilder Activities and running our adapter happen
 * here, so botbuilder's types never leave `src/bot/`.
 */
export class BotTurns {
  private readonly adapter = new PitbossAdapter();

  constructor(private readonly logic: BotLogic) {}

  /** botbuilder's conversationUpdate: the player joined; the bot greets them. */
  async greet(conversation: Conversation, playerName: string | undefined, outbox: ReplyOutbox): Promise<void> {
    const activity: Partial<Activity> = {
      ...baseActivity(conversation, playerName),
      type: 'conversationUpdate',
      membersAdded: [{ id: conversation.chatId, name: playerName ?? '', role: 'user' }],
    };
    await this.adapter.process(activity, conversation, outbox, (context) => this.logic.run(context));
  }

  /** The player's message (already in the transcript) through the bot; `attachment` names content it cannot read. */
  async reply(conversation: Conversation, message: Message, player: { name?: string; attachment?: string }, outbox: ReplyOutbox): Promise<void> {
    const activity: Partial<Activity> = {
      ...baseActivity(conversation, player.name),
      type: 'message',
      id: message.id,
      timestamp: new Date(message.at),
      text: message.text,
      ...(player.attachment ? { attachments: [{ contentType: player.attachment }] } : {}),
    };
    await this.adapter.process(activity, conversation, outbox, (context) => this.logic.run(context));
  }
}

function baseActivity(conversation: Conversation, name: string | undefined): Partial<Activity> {
  return {
    channelId: conversation.channel,
    conversation: { id: conversation.key, isGroup: false, conversationType: 'personal', name: conversation.key },
    from: { id: conversation.chatId, name: name ?? conversation.name ?? '', role: 'user' },
    recipient: { id: 'pitboss', name: 'Pitboss', role: 'bot' },
    locale: conversation.locale,
  };
}
