import type { Activity } from './botbuilder.js';
import type { Action, Citation, Handoff, Locale, Message, MessageDraft } from '../core/schemas.js';

/** What the bot puts into an activity's channelData beyond text and buttons. */
export interface ReplyExtras {
  from?: 'bot' | 'system';
  citations?: Citation[];
  handoff?: Handoff;
  accountData?: Message['accountData'];
}

/** Builds a botbuilder message activity carrying our reply fields. */
export function replyActivity(text: string, locale: Locale, actions: Action[] = [], extras: ReplyExtras = {}): Partial<Activity> {
  return {
    type: 'message',
    text,
    locale,
    suggestedActions:
      actions.length > 0
        ? { to: [], actions: actions.map((a) => ({ type: 'imBack', title: a.title, value: a.value })) }
        : undefined,
    channelData: extras,
  };
}

/** The inverse: turns an outgoing activity into a transcript message draft. */
export function draftFromActivity(activity: Partial<Activity>, fallbackLocale: Locale): MessageDraft {
  const extras = (activity.channelData ?? {}) as ReplyExtras;
  const actions = (activity.suggestedActions?.actions ?? []).map((a) => ({ title: String(a.title), value: String(a.value) }));
  const draft: MessageDraft = {
    from: extras.from ?? 'bot',
    text: activity.text ?? '',
    locale: (activity.locale as Locale | undefined) ?? fallbackLocale,
  };
  if (extras.citations?.length) draft.citations = extras.citations;
  if (actions.length > 0) draft.actions = actions;
  if (extras.handoff) draft.handoff = extras.handoff;
  if (extras.accountData) draft.accountData = extras.accountData;
  return draft;
}
