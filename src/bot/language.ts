import type { Locale } from '../core/schemas.js';
import type { LanguageGuess } from '../knowledge/language-id.js';

/**
 * Which language a conversation speaks. The conversation's locale (the widget's or messenger's
 * language, then what the player wrote) is a prior: one message moves it only when its language is
 * clear and it is long enough; two messages in a row that lean the same way move it too. A short
 * word that several languages use ("ok", "bonus", "cashout", "?") never does: players mix English
 * casino words into Russian and Azerbaijani. A word in an alphabet the conversation's language is
 * not written in ("Здравствуйте!" in an English chat) is not such a word.
 */

/** A message's language is clear when it is this many nats (log-likelihood) ahead of every other one. */
const CLEAR_MARGIN = 20;
/** A clear message moves the conversation when it has this many words… */
const SWITCH_WORDS = 3;
/** …or this many letters, each this much less likely in the conversation's language (another alphabet). */
const OTHER_ALPHABET = { letters: 5, marginPerLetter: 20 };
/** A message that leans this way, with at least two words, is a vote: two votes in a row move it. */
const VOTE = { words: 2, letters: 6, margin: 8 };

export interface ConversationLanguage {
  locale: Locale;
  /** The language the previous message leaned to without being enough on its own. */
  vote?: Locale;
  /** `locale` is a default nobody told us (no widget or messenger language): it is no prior. */
  assumed?: boolean;
}

/** The conversation's language after one more player message. */
export function followLanguage(current: ConversationLanguage, guess: LanguageGuess): ConversationLanguage {
  const lead = Math.min(...Object.values(guess.scores).filter((score) => score < 0).map((score) => -score));
  if (current.assumed) {
    // No prior to weigh against: the first message that leans clearly says which language this is.
    const leans = guess.words >= VOTE.words && guess.letters >= VOTE.letters && lead >= VOTE.margin;
    return leans ? { locale: guess.locale } : current;
  }
  if (guess.locale === current.locale) return { locale: current.locale };
  const margin = -guess.scores[current.locale];
  const otherAlphabet = guess.letters >= OTHER_ALPHABET.letters && margin >= OTHER_ALPHABET.marginPerLetter * guess.letters;
  if (lead >= CLEAR_MARGIN && (guess.words >= SWITCH_WORDS || otherAlphabet)) return { locale: guess.locale };
  const votes = guess.words >= VOTE.words && guess.letters >= VOTE.letters && margin >= VOTE.margin;
  if (!votes) return { locale: current.locale };
  return current.vote === guess.locale ? { locale: guess.locale } : { locale: current.locale, vote: guess.locale };
}
