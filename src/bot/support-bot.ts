import { turnConversation } from './adapter.js';
import { ActivityHandler, type Context } from './botbuilder.js';
import { localize } from './messages.js';
import { replyActivity } from './replies.js';

/** The bot's decisions for one player message: language, then the reply. */
export class SupportBot extends ActivityHandler {
  constructor() {
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
    await context.sendActivity(replyActivity(localize(locale, 'capabilities'), locale));
  }
}
