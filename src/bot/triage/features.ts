import { normalize } from '../../knowledge/analysis.js';
import type { SparseVector } from './linear-model.js';

/**
 * What the triage classifier sees of a text: word unigrams and bigrams of the normalised text, and
 * character n-grams (3–5 letters) of each word, which carry typos, Russian and Azerbaijani endings and
 * half-remembered slang ("otygratsya", "отыграюсь", "отыграться" share most of theirs).
 */

/** Longer "words" (a pasted hash, a run of letters) are cut: the n-grams of a word stay bounded. */
const MAX_WORD_CHARS = 24;
/** Character n-grams of every length from the shortest to the longest. */
const SHORTEST_GRAM = 3;
const LONGEST_GRAM = 5;

/**
 * The words of a text as the classifier reads them: letters only, apostrophes dropped ("can't" is
 * "cant"), and without the `ignored` words (the triage files' fillers).
 */
export function tokens(text: string, ignored: ReadonlySet<string> = NOTHING): string[] {
  return wordsOfNormalized(normalize(text, 'az'), ignored);
}

const NOTHING: ReadonlySet<string> = new Set();

function wordsOfNormalized(normalized: string, ignored: ReadonlySet<string>): string[] {
  // Numbers are left out: an amount or a round id alone says nothing about why a player writes.
  const words = normalized.replace(/['’`]/g, '').replace(/[€$₼£₽]/g, ' ¤ ').match(/[\p{L}¤]+/gu) ?? [];
  return words.filter((word) => !ignored.has(word)).map((word) => word.slice(0, MAX_WORD_CHARS));
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
/** Distinguishes a word from the same letters as a character n-gram, and a bigram from both. */
const KIND = { word: 1, bigram: 2, gram: 3 } as const;

function hashChars(text: string, from: number, to: number, seed: number): number {
  let hash = Math.imul(FNV_OFFSET ^ seed, FNV_PRIME);
  for (let i = from; i < to; i++) hash = Math.imul(hash ^ text.charCodeAt(i), FNV_PRIME);
  return hash >>> 0;
}

/** The hash of a word as a feature of its own. */
export function wordHash(word: string): number {
  return hashChars(word, 0, word.length, KIND.word);
}

/** The feature "these two words in a row", from the two words' hashes. */
export function bigramFeature(previous: number, next: number): number {
  return Math.imul(Math.imul(previous ^ KIND.bigram, FNV_PRIME) ^ next, FNV_PRIME) >>> 0;
}

/**
 * The features of one word, each as a 32-bit hash of its kind and text: the word itself and its
 * character n-grams (hashing instead of building a string per n-gram keeps training fast; at this
 * vocabulary size two features share a hash about once in a hundred thousand). The n-grams starting
 * at one letter are hashed in one pass, each longer one continuing the shorter one's hash (FNV reads
 * left to right). An n-gram a word repeats ("lalala") counts each time.
 */
export function wordFeatures(word: string): number[] {
  const features = [wordHash(word)];
  const padded = ` ${word} `;
  for (let at = 0; at + SHORTEST_GRAM <= padded.length; at++) {
    let hash = Math.imul(FNV_OFFSET ^ KIND.gram, FNV_PRIME);
    for (let n = 1; n <= LONGEST_GRAM && at + n <= padded.length; n++) {
      hash = Math.imul(hash ^ padded.charCodeAt(at + n - 1), FNV_PRIME);
      if (n >= SHORTEST_GRAM) features.push(hash >>> 0);
    }
  }
  return features;
}

/**
 * The features of one token list with their counts: each distinct word brings its own features and
 * each distinct pair of neighbouring words one bigram. A word repeated counts once; an n-gram two
 * different words share counts twice. This is what lets the classifier score a text as the sum of
 * its words, each word worked out once (see `TriageScorer`), so a long message costs one pass.
 */
export function featureCounts(words: string[]): Map<number, number> {
  const counts = new Map<number, number>();
  const add = (feature: number) => counts.set(feature, (counts.get(feature) ?? 0) + 1);
  for (const word of new Set(words)) for (const feature of wordFeatures(word)) add(feature);
  const bigrams = new Set<number>();
  for (let i = 1; i < words.length; i++) bigrams.add(bigramFeature(wordHash(words[i - 1]!), wordHash(words[i]!)));
  for (const bigram of bigrams) add(bigram);
  return counts;
}

/** About the features of one short word ("agent" has 11): fewer say too little to weigh fully. */
export const MIN_FEATURES = 20;

/**
 * Feature hashes to vector indices; built once from the training texts. An open-addressing table in
 * two typed arrays rather than a Map: scoring a long message looks up thousands of n-grams, and this
 * is where that time goes.
 */
export class Vocabulary {
  /** The hash in each slot, and its vector index + 1 (0: an empty slot). */
  private readonly keys: Uint32Array;
  private readonly slots: Int32Array;
  private readonly mask: number;
  readonly size: number;

  constructor(features: Iterable<number>) {
    const distinct = [...new Set(features)];
    let capacity = 1024;
    while (capacity < distinct.length * 2) capacity *= 2;
    this.keys = new Uint32Array(capacity);
    this.slots = new Int32Array(capacity);
    this.mask = capacity - 1;
    this.size = distinct.length;
    distinct.forEach((feature, index) => {
      let at = this.home(feature);
      while (this.slots[at] !== 0) at = (at + 1) & this.mask;
      this.keys[at] = feature;
      this.slots[at] = index + 1;
    });
  }

  /** The features by vector index: what rebuilds this vocabulary (`new Vocabulary(features)`). */
  features(): Uint32Array {
    const out = new Uint32Array(this.size);
    for (let at = 0; at < this.slots.length; at++) if (this.slots[at] !== 0) out[this.slots[at]! - 1] = this.keys[at]!;
    return out;
  }

  /** The vector index of a feature, or undefined for one no training text had. */
  indexOf(feature: number): number | undefined {
    for (let at = this.home(feature); this.slots[at] !== 0; at = (at + 1) & this.mask) {
      if (this.keys[at] === feature) return this.slots[at]! - 1;
    }
    return undefined;
  }

  /** FNV hashes are well mixed already; a multiply spreads their low bits once more. */
  private home(feature: number): number {
    return Math.imul(feature, 0x9e3779b1) >>> 0 & this.mask;
  }

  /**
   * Feature counts scaled by the text's total. Features the vocabulary has never seen still count in
   * the total: a text made mostly of unfamiliar words weighs little, whatever the few familiar ones
   * say; and a text shorter than one real word ("a", "5", "one") weighs as little as it says.
   */
  vector(counts: Map<number, number>): SparseVector {
    const indices: number[] = [];
    const values: number[] = [];
    let total = 0;
    for (const [feature, count] of counts) {
      total += count;
      const at = this.indexOf(feature);
      if (at === undefined) continue;
      indices.push(at);
      values.push(count);
    }
    const scale = 1 / Math.sqrt(Math.max(total, MIN_FEATURES));
    return { indices: Int32Array.from(indices), values: Float32Array.from(values, (count) => count * scale) };
  }
}

/** Sentences longer than this many words are read in overlapping windows of this size. */
const WINDOW_WORDS = 30;
/** In a message of several sentences, a shorter one is read only together with its neighbours. */
const MIN_SENTENCE_WORDS = 4;
/** A message of at most this many words is also read whole. */
const WHOLE_MESSAGE_WORDS = 60;

/** Where a sentence ends: a line break, or end punctuation before a space ("5.5 EUR" is one sentence). */
const SENTENCE_END = /\n+|(?<=[.!?…])\s+/u;
/** Where a clause ends inside a sentence: a comma, semicolon or colon, or a dash between spaces. */
const CLAUSE_END = /[,;:]|\s[-–—]\s/u;
/** A clause shorter than this says too little alone ("pls", "thanks a lot"). */
const MIN_CLAUSE_WORDS = 4;

/** What the classifier reads of a message, each word as `read` returned it. */
export interface Reading<T> {
  /**
   * Each sentence (a long one in overlapping windows), each pair of neighbouring sentences (a signal
   * can span two), and a short message whole.
   */
  units: T[][];
  /**
   * The clauses of the sentences that have more than one ("took a payday loan to deposit 300, does
   * the first deposit bonus count"): harm said in passing inside a plain question, undiluted by the
   * question around it.
   */
  clauses: T[][];
}

/**
 * Reads a message once: it is normalised and split into sentences once, and each word is passed
 * through `read` once per sentence or clause it is in. Every word is read a bounded number of times,
 * so the work grows with the length of the message and no faster, and nothing is skipped: a signal
 * in the last sentence of a long message counts like one in the first.
 */
export function readingUnits<T>(text: string, read: (word: string) => T, ignored: ReadonlySet<string> = NOTHING): Reading<T> {
  const parts: T[][] = [];
  const clauses: T[][] = [];
  for (const sentence of normalize(text, 'az').split(SENTENCE_END)) {
    const words = wordsOfNormalized(sentence, ignored).map(read);
    if (words.length === 0) continue;
    if (words.length <= WINDOW_WORDS) parts.push(words);
    else for (let at = 0; at < words.length - WINDOW_WORDS / 2; at += WINDOW_WORDS / 2) parts.push(words.slice(at, at + WINDOW_WORDS));
    const pieces = sentence.split(CLAUSE_END);
    if (pieces.length < 2) continue;
    for (const piece of pieces) {
      const clause = wordsOfNormalized(piece, ignored);
      if (clause.length >= MIN_CLAUSE_WORDS) clauses.push(clause.map(read));
    }
  }
  // A fragment ("days or hours?") says too little alone; it is read with its neighbours.
  const units = parts.length === 1 ? [...parts] : parts.filter((part) => part.length >= MIN_SENTENCE_WORDS);
  for (let i = 1; i < parts.length; i++) units.push([...parts[i - 1]!, ...parts[i]!]);
  const whole = parts.flat();
  if (parts.length > 1 && whole.length <= WHOLE_MESSAGE_WORDS) units.push(whole);
  return { units, clauses };
}
