import { normalize } from '../../knowledge/analysis.js';
import type { SparseVector } from './linear-model.js';

/**
 * What the triage classifier sees of a text: word unigrams and bigrams of the normalised text, and
 * character n-grams (3–5) of each word, which carry typos, Russian and Azerbaijani endings and
 * half-remembered slang ("otygratsya", "отыграюсь", "отыграться" share most of theirs).
 */

/** Longer "words" (a pasted hash, a run of letters) are cut: the n-grams of a word stay bounded. */
const MAX_WORD_CHARS = 24;
const CHAR_GRAMS = [3, 4, 5] as const;

/** Lower case, ё → е, Azerbaijani letters folded to ASCII, quotes and apostrophes as "'". */
export function matchText(text: string): string {
  return normalize(text, 'az').replace(/[’`]/g, "'").replace(/\s+/g, ' ').trim();
}

/** The words of a text as the classifier reads them: letters only, apostrophes dropped ("can't" is "cant"). */
export function tokens(text: string): string[] {
  // Numbers are left out: an amount or a round id alone says nothing about why a player writes.
  const words = matchText(text).replace(/'/g, '').replace(/[€$₼£₽]/g, ' ¤ ').match(/[\p{L}¤]+/gu) ?? [];
  return words.map((word) => word.slice(0, MAX_WORD_CHARS));
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

/**
 * The distinct features of one token list, each as a 32-bit hash of its kind and text (hashing
 * instead of building a string per n-gram keeps training fast; at this vocabulary size two features
 * share a hash about once in a hundred thousand).
 */
export function featuresOf(words: string[]): Set<number> {
  const features = new Set<number>();
  let previous = 0;
  for (const word of words) {
    const hash = hashChars(word, 0, word.length, KIND.word);
    features.add(hash);
    if (previous !== 0) features.add(Math.imul(Math.imul(previous ^ KIND.bigram, FNV_PRIME) ^ hash, FNV_PRIME) >>> 0);
    previous = hash;
    const padded = ` ${word} `;
    for (const n of CHAR_GRAMS) for (let at = 0; at + n <= padded.length; at++) features.add(hashChars(padded, at, at + n, KIND.gram));
  }
  return features;
}

/** About the features of one short word ("agent" has 11): fewer say too little to weigh fully. */
const MIN_FEATURES = 20;

/** Feature hashes to vector indices; built once from the training texts. */
export class Vocabulary {
  private readonly index = new Map<number, number>();

  get size(): number {
    return this.index.size;
  }

  add(features: Iterable<number>): void {
    for (const feature of features) if (!this.index.has(feature)) this.index.set(feature, this.index.size);
  }

  /**
   * Binary features scaled to unit length. Features the vocabulary has never seen still count in the
   * length: a text made mostly of unfamiliar words weighs little, whatever the few familiar ones say;
   * and a text shorter than one real word ("a", "5", "one") weighs as little as it says.
   */
  vector(features: Set<number>): SparseVector {
    const known: number[] = [];
    for (const feature of features) {
      const at = this.index.get(feature);
      if (at !== undefined) known.push(at);
    }
    const value = 1 / Math.sqrt(Math.max(features.size, MIN_FEATURES));
    return { indices: Int32Array.from(known), values: new Float32Array(known.length).fill(value) };
  }
}

/** Sentences longer than this many words are read in overlapping windows of this size. */
const WINDOW_WORDS = 30;
/** In a message of several sentences, a shorter one is read only together with its neighbours. */
const MIN_SENTENCE_WORDS = 4;
/** A message of at most this many words is also read whole. */
const WHOLE_MESSAGE_WORDS = 60;

const sentences = new Intl.Segmenter('en', { granularity: 'sentence' });

/**
 * The parts of a message the classifier reads: each sentence (a long one in overlapping windows),
 * each pair of neighbouring sentences (a signal can span two), and a short message whole. Every word
 * is read a bounded number of times, so the work grows with the length of the message and no faster,
 * and nothing is skipped: a signal in the last sentence of a long message counts like one in the first.
 */
export function readingUnits(text: string): string[][] {
  const parts: string[][] = [];
  for (const { segment } of sentences.segment(text)) {
    for (const line of segment.split(/\n+/)) {
      const words = tokens(line);
      if (words.length === 0) continue;
      if (words.length <= WINDOW_WORDS) parts.push(words);
      else for (let at = 0; at < words.length - WINDOW_WORDS / 2; at += WINDOW_WORDS / 2) parts.push(words.slice(at, at + WINDOW_WORDS));
    }
  }
  // A fragment ("days or hours?") says too little alone; it is read with its neighbours.
  const units = parts.length === 1 ? [...parts] : parts.filter((part) => part.length >= MIN_SENTENCE_WORDS);
  for (let i = 1; i < parts.length; i++) units.push([...parts[i - 1]!, ...parts[i]!]);
  const whole = parts.flat();
  if (parts.length > 1 && whole.length <= WHOLE_MESSAGE_WORDS) units.push(whole);
  return units;
}
