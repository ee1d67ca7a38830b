import { turnConversation } from './adapter.js';
import type { Answerer } from './answer.js';
import { ActivityHandler, type Context } from './botbuilder.js';
import { isLocalized, localize } from './messages.js';
import { replyActivity } from './replies.js';
import { isGreetingOrHelp } from './small-talk.js';

export interface SupportBotDeps {
  answer: Answerer;
}

/** The bot's decisions for one player message: feedback, or an answer from the knowledge base. */
export class SupportBot extends ActivityHandler {
  constructor(private readonly deps: SupportBotDeps) {
    super();
    this.onMessage(async (context, next) => {
      await this.handleMessage(context);
      await next();
    });
    this.onMembersAdded(async (context, next) => {
      const conversation = turnConversation(context);
      const name = conversation.name ? `, ${conversation.name}` : '';
      await context.sendActivity(replyActivity(localize(conversation.locale, 'greeting', { name }), conversation.locale));
      await next();
    });
  }

  private async handleMessage(context: Context): Promise<void> {
    const { locale } = turnConversation(context);
    const text = context.activity.text ?? '';
    if (isLocalized(text, 'actionHelpful')) {
      await context.sendActivity(replyActivity(localize(locale, 'helpfulThanks'), locale));
      return;
    }
    if (isGreetingOrHelp(text)) {
      await context.sendActivity(replyActivity(localize(locale, 'capabilities'), locale));
      return;
    }
    await context.sendActivities([{ type: 'typing' }]);
    const answer = await this.deps.answer(text, locale);
    await context.sendActivity(replyActivity(answer.text, locale, answer.actions, { citations: answer.citations }));
  }
}
