import { buildLocaleIndexData, type IndexedSection, type LocaleIndexData } from './locale-index.js';
import { learnQuestionOpeners } from './question-focus.js';
import type { KbLocale } from './schemas.js';

/** Everything built for one locale index, as transferable data (typed arrays and term lists). */
export interface LocaleSnapshot {
  data: LocaleIndexData;
  /** Words that open a question in that locale (learned from its content). */
  openers: string[];
}

/** Builds one locale index: the CPU-heavy part, which `KnowledgeBase` runs off the event loop. */
export function buildLocaleSnapshot(sections: readonly IndexedSection[], locale: KbLocale): LocaleSnapshot {
  return { data: buildLocaleIndexData(sections, locale), openers: [...learnQuestionOpeners(sections, locale)] };
}

/** The typed arrays of a locale snapshot, to transfer rather than copy between threads. */
export function snapshotBuffers({ data: { words, grams, near } }: LocaleSnapshot): ArrayBuffer[] {
  return [words.offsets, words.docs, words.weights, grams.offsets, grams.docs, grams.weights, near.sorted, near.keys, near.keyTerms].map((array) => array.buffer as ArrayBuffer);
}
