// botbuilder ships CommonJS only; a default import is the form that works under Node's ESM loader.
import botbuilder from 'botbuilder';

export const { ActivityHandler, ActivityTypes, BotAdapter, MessageFactory, TurnContext } = botbuilder;
export type { Activity, ConversationReference, ResourceResponse, TurnContext as Context } from 'botbuilder';
