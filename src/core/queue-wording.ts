// How each language says a player's place in the waiting line and the expected wait: one wording for
// the bot's messages (core/messages.ts) and the chat page's banner, which bundles only this file.
import { formatMessage } from './message-format.js';
import type { Locale } from './schemas.js';

/**
 * A place in the line ("number 3", "на 3-м месте", "3-cü", "3."), an ICU pattern fragment with a
 * `{position}` argument. Azerbaijani picks the ordinal suffix by vowel harmony, which CLDR's ordinal
 * categories encode.
 */
export const QUEUE_PLACE = {
  en: 'number {position, number}',
  ru: 'на {position, number}-м месте',
  az: '{position, number}-{position, selectordinal, one {ci} few {cü} many {cı} other {cu}}',
  tr: '{position, number}.',
} satisfies Record<Locale, string>;

// Russian: genitive after «около» (около 1 минуты, 2 минут, 21 минуты); Azerbaijani and Turkish nouns stay singular after a number.
const ETA = {
  underMinute: { en: 'under a minute', ru: 'меньше минуты', az: 'bir dəqiqədən az', tr: 'bir dakikadan az' },
  minutes: {
    en: 'about {minutes, plural, one {# minute} other {# minutes}}',
    ru: 'около {minutes, plural, one {# минуты} few {# минут} many {# минут} other {# минуты}}',
    az: 'təxminən {minutes, number} dəqiqə',
    tr: 'yaklaşık {minutes, number} dakika',
  },
  hours: {
    en: 'about {hours, plural, one {# hour} other {# hours}}',
    ru: 'около {hours, plural, one {# часа} few {# часов} many {# часов} other {# часа}}',
    az: 'təxminən {hours, number} saat',
    tr: 'yaklaşık {hours, number} saat',
  },
} satisfies Record<string, Record<Locale, string>>;

/** The expected wait in words: under a minute, minutes up to an hour and a half, then hours. */
export function formatEta(locale: Locale, seconds: number): string {
  if (seconds < 60) return formatMessage(locale, ETA.underMinute[locale]);
  if (seconds < 90 * 60) return formatMessage(locale, ETA.minutes[locale], { minutes: Math.round(seconds / 60) });
  return formatMessage(locale, ETA.hours[locale], { hours: Math.round(seconds / 3600) });
}
