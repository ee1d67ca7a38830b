import type { Conversation, Message, MessageDraft } from '../core/schemas.js';
import { type Activity, ActivityTypes, BotAdapter, type ConversationReference, type Context, type ResourceResponse, TurnContext } from './botbuilder.js';
import { draftFromActivity } from './replies.js';

/** Where a turn's replies go: the caller records each in the transcript and hands it to the channel. */
export interface ReplyOutbox {
  send(draft: MessageDraft): Promise<Message>;
  typing(): Promise<void>;
}

const OUTBOX = Symbol('pitboss.outbox');
const CONVERSATION = Symbol('pitboss.conversation');

/** The conversation record as it was when the turn began. */
export function turnConversation(context: Context): Conversation {
  const conversation = context.turnState.get(CONVERSATION) as Conversation | undefined;
  if (!conversation) throw new Error('turn started without a conversation');
  return conversation;
}

/**
 * Our botbuilder adapter: runs the bot on an inbound activity and hands every message the bot
 * sends, as a draft, to the turn's outbox, which writes the transcript and calls the channel's sender.
 */
export class PitbossAdapter extends BotAdapter {
  async process(
    activity: Partial<Activity>,
    conversation: Conversation,
    outbox: ReplyOutbox,
    logic: (context: Context) => Promise<void>,
  ): Promise<void> {
    const context = new TurnContext(this, activity);
    context.turnState.set(OUTBOX, outbox);
    context.turnState.set(CONVERSATION, conversation);
    await this.runMiddleware(context, logic);
  }

  override async sendActivities(context: Context, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    const outbox = context.turnState.get(OUTBOX) as ReplyOutbox | undefined;
    if (!outbox) throw new Error('sendActivities called outside a turn started by PitbossAdapter.process');
    const responses: ResourceResponse[] = [];
    for (const activity of activities) {
      if (activity.type === ActivityTypes.Typing) {
        await outbox.typing();
        responses.push({ id: '' });
      } else if (activity.type === ActivityTypes.Message || activity.type === undefined) {
        const message = await outbox.send(draftFromActivity(activity, turnConversation(context).locale));
        responses.push({ id: message.id });
      } else {
        responses.push({ id: '' });
      }
    }
    return responses;
  }

  override async updateActivity(): Promise<void> {
    throw new Error('Pitboss channels do not edit sent messages');
  }

  override async deleteActivity(): Promise<void> {
    throw new Error('Pitboss channels do not delete sent messages');
  }

  override async continueConversation(
    reference: Partial<ConversationReference>,
    logic: (context: Context) => Promise<void>,
  ): Promise<void> {
    const context = new TurnContext(this, TurnContext.applyConversationReference({ type: ActivityTypes.Event }, reference, true));
    await this.runMiddleware(context, logic);
  }
}
