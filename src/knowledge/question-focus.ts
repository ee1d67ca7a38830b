import type { Locale } from '../core/schemas.js';
import { isStopWord, QUERY_LIMITS, type QueryPart, searchablePrefix, words } from './analysis.js';
import type { Section } from './schemas.js';

/** How much a sentence that asks nothing counts next to the one that asks (it still gives context). */
const CONTEXT_WEIGHT = 0.35;
/** A word opens questions if it opens at least this many of the content's questions… */
const MIN_OPENINGS = 3;
/** …and opens questions this many times more often than it opens the articles' statements. */
const OPENER_RATIO = 4;

/** Sections whose sentences are counted as statements: how often a word opens a statement is known long before the end of a large base. */
const STATEMENT_SAMPLE = 2000;

const SENTENCE_END = /(?<=[.!?…。？！])\s+|\n+/u;
/** Sentences of one message looked at (a message of thousands of one-word sentences costs no more). */
const MAX_SENTENCES = 64;
const QUESTION_MARK = /[?？¿]/u;

/**
 * The words that open a question in one language, learned from the knowledge base itself: the
 * first words of the questions content staff wrote (`questions:`, headings that end in "?")
 * against the first words of the articles' own sentences. "how", "сколько", "necə" come out;
 * "you", "the", "your" do not.
 */
export function learnQuestionOpeners(sections: readonly Pick<Section, 'questions' | 'heading' | 'text'>[], locale: Locale): Set<string> {
  const asked = new Map<string, number>();
  const stated = new Map<string, number>();
  let questions = 0;
  let statements = 0;
  const count = (into: Map<string, number>, sentence: string) => {
    const first = words(sentence.slice(0, 40), locale)[0];
    if (first !== undefined) into.set(first, (into.get(first) ?? 0) + 1);
  };
  sections.forEach((section, i) => {
    const phrasings = [...section.questions, ...(QUESTION_MARK.test(section.heading) ? [section.heading] : [])];
    for (const question of phrasings) count(asked, question);
    questions += phrasings.length;
    if (i >= STATEMENT_SAMPLE) return;
    for (const sentence of section.text.split(SENTENCE_END)) {
      if (QUESTION_MARK.test(sentence)) continue;
      count(stated, sentence);
      statements++;
    }
  });
  const openers = new Set<string>();
  for (const [word, n] of asked) {
    const questionShare = n / Math.max(1, questions);
    const statementShare = ((stated.get(word) ?? 0) + 1) / Math.max(1, statements);
    if (n >= MIN_OPENINGS && isStopWord(word, locale) && questionShare >= OPENER_RATIO * statementShare) openers.add(word);
  }
  return openers;
}

/**
 * What search reads of a message (SPEC §8.6: the answer goes to the sentence that asks something):
 * when some sentences ask (a question mark, or a word that opens questions) and others do not, the
 * asking ones come first at full weight and the rest follow as context; otherwise the message as
 * it is. Either way at most `QUERY_LIMITS.chars` characters.
 */
export function questionParts(message: string, locale: Locale, openers: ReadonlySet<string>): QueryPart[] {
  const sentences = message
    .split(SENTENCE_END, MAX_SENTENCES)
    .filter((sentence) => sentence.trim() !== '');
  if (sentences.length > 1) {
    const asks = (sentence: string) => QUESTION_MARK.test(sentence) || openers.has(words(sentence.slice(0, 40), locale)[0] ?? '');
    const asking = sentences.filter(asks);
    if (asking.length > 0 && asking.length < sentences.length) {
      const parts: QueryPart[] = [];
      let budget = QUERY_LIMITS.chars;
      for (const [sentence, weight] of [...asking.map((s) => [s, 1] as const), ...sentences.filter((s) => !asks(s)).map((s) => [s, CONTEXT_WEIGHT] as const)]) {
        if (budget <= 0) break;
        const text = sentence.length <= budget ? sentence : searchablePrefix(sentence, budget);
        parts.push({ text, weight });
        budget -= text.length + 1;
      }
      return parts;
    }
  }
  return [{ text: searchablePrefix(message), weight: 1 }];
}

/** Characters a search reads of its parts. */
export const partsLength = (parts: readonly QueryPart[]) => parts.reduce((sum, part) => sum + part.text.length, 0);
