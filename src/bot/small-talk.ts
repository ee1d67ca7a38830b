import type { LanguageResources, SmallTalkKind } from '../knowledge/language-resources.js';
import { normalize } from '../knowledge/analysis.js';

export type { SmallTalkKind };

/** "What can you do" in every supported language (letters folded as in `normalize(…, 'az')`): answered like a greeting. */
const HELP = [
  /^(help|start|menu|помощь|помогите|меню|старт|komek|menyu|yardim)$/,
  /^(what|how) can (you|u) (do|help( me)?( with)?)$/,
  /^(что|чем) (ты |вы )?(умеешь|умеете|можешь|можете|поможешь|поможете)$/,
  /^(ne|nece) (komek )?ede biler(sen|siniz|siz)$/,
];
/** Words that only address the bot ("hello there", "thanks bot"). */
const FILLER = new Set(['there', 'please', 'pls', 'bot', 'пожалуйста', 'бот']);
/** Emoji a player sends on their own; any other emoji-only message is not small talk. */
const EMOJI: Record<string, SmallTalkKind> = {
  '👍': 'ok', '👌': 'ok', '✅': 'ok', '✔': 'ok', '☑': 'ok', '🆗': 'ok', '👏': 'ok', '💯': 'ok', '🤙': 'ok',
  '🙂': 'ok', '😊': 'ok', '😀': 'ok', '😃': 'ok', '😄': 'ok', '😁': 'ok',
  '🙏': 'thanks', '❤': 'thanks', '♥': 'thanks', '💚': 'thanks', '💙': 'thanks', '🥰': 'thanks', '😘': 'thanks', '🤗': 'thanks', '💐': 'thanks', '🌹': 'thanks',
  '👋': 'greeting',
};
/** When a message combines kinds ("ok thanks", "hi, are you a bot?"), the reply answers the first of these. */
const PRECEDENCE: SmallTalkKind[] = ['bot', 'bye', 'thanks', 'greeting', 'ok'];
/** A longer message is a question or a story, not small talk (and bounds the work). */
const MAX_WORDS = 12;
/** Variation selectors, skin tones and joiners: 👍🏽 is 👍. */
const EMOJI_MODIFIERS = /[\u{FE0E}\u{FE0F}\u{1F3FB}-\u{1F3FF}\u{200D}]/gu;

function clean(text: string): string {
  return normalize(text, 'az')
    .replace(/[^\p{L}\p{N}\s]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

interface PhraseTable {
  kinds: Map<string, SmallTalkKind>;
  /** Words in the longest phrase. */
  longest: number;
}

const phraseTables = new WeakMap<LanguageResources, PhraseTable>();

/** The language file's small-talk phrases, normalised like messages are. */
function phrasesOf(resources: LanguageResources): PhraseTable {
  let table = phraseTables.get(resources);
  if (!table) {
    const kinds = new Map<string, SmallTalkKind>();
    for (const [kind, phrases] of Object.entries(resources.smallTalk) as [SmallTalkKind, string[]][]) {
      for (const phrase of phrases) {
        const key = clean(phrase);
        if (key && !kinds.has(key)) kinds.set(key, kind);
      }
    }
    table = { kinds, longest: Math.max(0, ...[...kinds.keys()].map((key) => key.split(' ').length)) };
    phraseTables.set(resources, table);
  }
  return table;
}

function emojiKind(text: string): SmallTalkKind | undefined {
  const symbols = [...text.replace(EMOJI_MODIFIERS, '').replace(/[\s\p{P}]+/gu, '')];
  if (symbols.length === 0) return undefined;
  const kinds = symbols.map((symbol) => EMOJI[symbol]);
  return kinds.every((kind) => kind !== undefined) ? PRECEDENCE.find((kind) => kinds.includes(kind)) : undefined;
}

/**
 * The kind of small talk a whole message is ("thanks", "ok", "👍", "hi, are you a bot?"), or
 * undefined for anything else. Phrases come from the language files (`smallTalk:`), matched in every
 * language, on the normalised message with punctuation and emoji ignored; a greeting followed by
 * "what can you do" is a greeting too.
 */
export function smallTalkKind(text: string, languages: readonly LanguageResources[]): SmallTalkKind | undefined {
  const words = clean(text).split(' ').filter(Boolean);
  if (words.length === 0) return emojiKind(text);
  if (words.length > MAX_WORDS) return undefined;
  const tables = languages.map(phrasesOf);
  const longest = Math.max(0, ...tables.map((table) => table.longest));
  const found = new Set<SmallTalkKind>();
  let at = 0;
  while (at < words.length) {
    const rest = words.slice(at).join(' ');
    if (HELP.some((pattern) => pattern.test(rest))) {
      found.add('greeting');
      break;
    }
    let matched = 0;
    for (let length = Math.min(longest, words.length - at); length > 0 && matched === 0; length--) {
      const phrase = words.slice(at, at + length).join(' ');
      const kind = tables.map((table) => table.kinds.get(phrase)).find(Boolean);
      if (kind) {
        found.add(kind);
        matched = length;
      }
    }
    if (matched === 0 && !FILLER.has(words[at]!)) return undefined;
    at += Math.max(matched, 1);
  }
  return PRECEDENCE.find((kind) => found.has(kind));
}
