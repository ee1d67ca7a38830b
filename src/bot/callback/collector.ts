import { getExampleNumber } from 'libphonenumber-js';
import examples from 'libphonenumber-js/mobile/examples';
import { z } from 'zod';
import { Facts } from '../../core/facts.js';
import { LANGUAGE_NAMES } from '../../core/language-names.js';
import { isLocalized, localize, type MessageKey } from '../../core/messages.js';
import { type CountryCode, internationalForm, phoneIn } from '../../core/phone.js';
import { type Action, type Conversation, HandoffReason, Locale } from '../../core/schemas.js';
import { matchText } from '../../knowledge/analysis.js';
import { CALL_SLOTS, describeWindow, slotTitle, slotWindow, windowFact, type CallWindow } from '../../core/call-window.js';
import { zoneLabel } from '../../core/support-hours.js';

/** How a typed answer names a language, in any of ours (matched on `matchText`). */
const LANGUAGE_WORDS: Record<Locale, RegExp> = {
  en: /(?<!\p{L})(en|eng|english|англ\p{L}*|ingilis\p{L}*)(?!\p{L})/u,
  ru: /(?<!\p{L})(ru|rus|russian|русск\p{L}*|по-русски|rus dili|rusca)(?!\p{L})/u,
  az: /(?<!\p{L})(az|aze|azeri|azerbaijani|azerbaycan\p{L}*|азерб\p{L}*)(?!\p{L})/u,
  tr: /(?<!\p{L})(tr|turkish|turkce|turk dili|турец\p{L}*)(?!\p{L})/u,
};
const ASAP_WORDS = /(?<!\p{L})(asap|now|soon|сейчас|скорее|срочно|indi|tez|simdi|hemen)(?!\p{L})/u;
const CANCEL_WORDS = /^(cancel|stop|never ?mind|no thanks|отмена|отменить|не надо|legv et|legv|imtina|lazim deyil|iptal|vazgec\p{L}*)[.!]*$/u;
/** An example number for players of each language, unless the operator names their country. */
const EXAMPLE_COUNTRY: Record<Locale, CountryCode> = { en: 'GB', ru: 'RU', az: 'AZ', tr: 'TR' };
/** Answers that fit no question before the bot stops asking. */
const MAX_ATTEMPTS = 3;

/** What the collection has so far, kept on the conversation between messages. */
export const PendingCallback = z.object({
  /** The ticket to add the call to (the player was already waiting), else what the new ticket is for. */
  ticketId: z.string().optional(),
  reason: HandoffReason.optional(),
  summary: z.string().optional(),
  facts: Facts.optional(),
  phone: z.string().optional(),
  language: Locale.optional(),
  /** The windows the last question offered, by button title. */
  offered: z.record(z.string(), z.object({ from: z.string(), to: z.string(), asap: z.boolean().optional() })).optional(),
  attempts: z.number().int().nonnegative().default(0),
});
export type PendingCallback = z.infer<typeof PendingCallback>;
type OfferedWindow = CallWindow & { asap?: boolean };

/** A question to put to the player, or the call fully described. */
export type CallbackStep =
  | { kind: 'ask'; text: string; actions: Action[]; step: NonNullable<Conversation['callbackStep']>; pending: PendingCallback }
  | { kind: 'stop'; text: string }
  | { kind: 'ready'; pending: PendingCallback; facts: Facts; confirmation: Record<'phone' | 'window' | 'language', string> };

export interface CallbackCollectorOptions {
  /** Where the windows are (the support hours' zone). */
  timeZone: string;
  /** The country of numbers written without a country code (PHONE_DEFAULT_COUNTRY). */
  defaultCountry?: CountryCode;
}

/**
 * The questions a phone callback needs — the number, the language, a time — one per message, and
 * what each answer means. It decides; the bot keeps the state and opens the ticket.
 */
export class CallbackCollector {
  constructor(private readonly options: CallbackCollectorOptions) {}

  /** The first question (or further, when the request already gave the number). */
  begin(conversation: Conversation, text: string, pending: Omit<PendingCallback, 'attempts'>): CallbackStep {
    const phone = phoneIn(text, this.options.defaultCountry);
    const started: PendingCallback = { ...pending, attempts: 0 };
    if (phone) return this.askLanguage(conversation.locale, { ...started, phone: phone.e164 });
    return this.askPhone(conversation, started, 'callbackAskPhone');
  }

  /** True when the text is one of the options the last question offered (a button), or just a phone number. */
  isOption(conversation: Conversation, text: string): boolean {
    const said = text.trim().toLowerCase();
    const pending = PendingCallback.safeParse(JSON.parse(conversation.pendingCallback ?? '{}'));
    const offered = [...Object.keys(pending.data?.offered ?? {}), ...Object.values(LANGUAGE_NAMES), localize(conversation.locale, 'actionCallbackCancel')];
    return offered.some((title) => title.toLowerCase() === said) || (phoneIn(text, this.options.defaultCountry) !== undefined && !/\p{L}{3}/u.test(text));
  }

  /** The player's answer to the question asked last. */
  answer(conversation: Conversation, text: string): CallbackStep {
    const { locale } = conversation;
    const pending = PendingCallback.parse(JSON.parse(conversation.pendingCallback ?? '{}'));
    if (isLocalized(text, 'actionCallbackCancel') || CANCEL_WORDS.test(matchText(text))) return { kind: 'stop', text: localize(locale, 'callbackCancelled') };
    const retry = { ...pending, attempts: pending.attempts + 1 };
    if (conversation.callbackStep === 'phone') {
      const phone = phoneIn(text, this.options.defaultCountry);
      if (phone) return this.askLanguage(locale, { ...pending, phone: phone.e164, attempts: 0 });
      return retry.attempts >= MAX_ATTEMPTS ? this.giveUp(locale) : this.askPhone(conversation, retry, 'callbackBadPhone');
    }
    if (conversation.callbackStep === 'language') {
      const language = languageIn(text);
      if (language) return this.askWindow(locale, { ...pending, language, attempts: 0 });
      return retry.attempts >= MAX_ATTEMPTS ? this.giveUp(locale) : this.askLanguage(locale, retry);
    }
    const window = this.windowIn(text, pending);
    if (window && pending.phone && pending.language) return this.ready(locale, pending, pending.phone, pending.language, window);
    return retry.attempts >= MAX_ATTEMPTS ? this.giveUp(locale) : this.askWindow(locale, retry);
  }

  private askPhone(conversation: Conversation, pending: PendingCallback, question: MessageKey): CallbackStep {
    const { locale } = conversation;
    const country = this.options.defaultCountry ?? EXAMPLE_COUNTRY[locale];
    const example = getExampleNumber(country, examples)?.formatInternational() ?? '+994 50 123 45 67';
    // On WhatsApp the chat is the number: one tap gives it.
    const known = conversation.channel === 'whatsapp' ? phoneIn(`+${conversation.chatId}`) : undefined;
    const actions = [...(known ? [{ title: known.international, value: known.international }] : []), cancelAction(locale)];
    return { kind: 'ask', step: 'phone', text: localize(locale, question, { example }), actions, pending };
  }

  private askLanguage(locale: Locale, pending: PendingCallback): CallbackStep {
    const order = [locale, ...Locale.options.filter((other) => other !== locale)];
    const actions = [...order.map((code) => ({ title: LANGUAGE_NAMES[code], value: LANGUAGE_NAMES[code] })), cancelAction(locale)];
    return { kind: 'ask', step: 'language', text: localize(locale, 'callbackAskLanguage'), actions, pending };
  }

  private askWindow(locale: Locale, pending: PendingCallback): CallbackStep {
    const { timeZone } = this.options;
    const now = new Date();
    // Soonest first, so tonight comes before tomorrow morning ("as soon as possible" always leads: it starts now).
    const slots = CALL_SLOTS.map((slot) => ({ slot, window: slotWindow(slot, timeZone, now) })).sort((a, b) => Date.parse(a.window.from) - Date.parse(b.window.from));
    const offered: Record<string, OfferedWindow> = {};
    for (const { slot, window } of slots) offered[slotTitle(slot, window, locale, timeZone, now)] = slot === 'asap' ? { ...window, asap: true } : window;
    const actions = [...Object.keys(offered).map((title) => ({ title, value: title })), cancelAction(locale)];
    const zone = zoneLabel(timeZone, now);
    return { kind: 'ask', step: 'window', text: localize(locale, 'callbackAskWindow', { zone }), actions, pending: { ...pending, offered } };
  }

  /** The window tapped (while it is still ahead), or "as soon as possible" in words; an offered "as soon as possible" starts when tapped. */
  private windowIn(text: string, pending: PendingCallback): OfferedWindow | undefined {
    const said = text.trim().toLowerCase();
    const tapped = Object.entries(pending.offered ?? {}).find(([title]) => title.toLowerCase() === said)?.[1];
    if (tapped && !tapped.asap) return Date.parse(tapped.to) > Date.now() ? tapped : undefined;
    return tapped || ASAP_WORDS.test(matchText(text)) ? { ...slotWindow('asap', this.options.timeZone), asap: true } : undefined;
  }

  private ready(locale: Locale, pending: PendingCallback, phone: string, language: Locale, { asap, ...window }: OfferedWindow): CallbackStep {
    return {
      kind: 'ready',
      pending,
      facts: { phone, callbackLanguage: language, callbackWindow: windowFact(window) },
      confirmation: {
        phone: internationalForm(phone),
        window: asap ? localize(locale, 'callbackAsapPhrase') : describeWindow(window, locale, this.options.timeZone),
        language: LANGUAGE_NAMES[language],
      },
    };
  }

  private giveUp(locale: Locale): CallbackStep {
    return { kind: 'stop', text: localize(locale, 'callbackGaveUp') };
  }
}

function cancelAction(locale: Locale): Action {
  return { title: localize(locale, 'actionCallbackCancel'), value: localize(locale, 'actionCallbackCancel') };
}

/** The language an answer names: a button's own name, or a word for it in any of our languages. */
function languageIn(text: string): Locale | undefined {
  const said = text.trim().toLowerCase();
  const named = Locale.options.find((code) => LANGUAGE_NAMES[code].toLowerCase() === said);
  if (named) return named;
  const words = matchText(text);
  const found = Locale.options.filter((code) => LANGUAGE_WORDS[code].test(words));
  return found.length === 1 ? found[0] : undefined;
}
