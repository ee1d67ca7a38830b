import type { Locale } from '../core/schemas.js';
import { runToEnd, type TrainingSteps } from './training-steps.js';

/**
 * Language identification learned from our own text: a naive Bayes model over character n-grams
 * (1–4 letters, word boundaries marked). Each locale is learned as one or more writing variants
 * (Russian in Cyrillic and in Latin letters, Azerbaijani with and without its special letters…),
 * and a locale scores as its best variant, so "skolko idet vyvod" is Russian.
 */

/** The ways of writing each locale that the model tells apart, and the locale each belongs to. */
export const VARIANT_LOCALES = {
  en: 'en',
  ru: 'ru',
  'ru-Latn': 'ru',
  az: 'az',
  /** Without ə, ı, ö, ü, ş, ç, ğ. */
  'az-ascii': 'az',
  'az-Cyrl': 'az',
  tr: 'tr',
  'tr-ascii': 'tr',
} as const satisfies Record<string, Locale>;
export type Variant = keyof typeof VARIANT_LOCALES;
const VARIANTS = Object.keys(VARIANT_LOCALES) as Variant[];
const WIDTH = VARIANTS.length;

/** One training text and the way it is written. */
export interface LanguageExample {
  variant: Variant;
  text: string;
}

export interface LanguageGuess {
  /** The most likely locale. */
  locale: Locale;
  /**
   * Each locale's log-likelihood minus the best one's (the best is 0, the others negative): how
   * much the message's letters speak for the best locale against each other one, in nats.
   */
  scores: Record<Locale, number>;
  /** Words of two or more letters in the part of the message read. */
  words: number;
  letters: number;
}

/**
 * Dirichlet smoothing: each variant's n-gram frequencies are pulled towards those of all our text
 * as if this many more n-grams had been seen, so a variant with little text (Turkish) is neither
 * sure of nor deaf to the n-grams it has not seen, and one with much text is not favoured for it.
 */
const SMOOTHING = 1000;
/** N-grams seen only once in all our text are mostly names and typos: left out of the model. */
const MIN_COUNT = 2;
/** A message's language shows in its first sentences; the rest of a long message adds no evidence. */
const MAX_CHARS = 400;
const LOCALES: readonly Locale[] = ['en', 'ru', 'az', 'tr'];

/** Lowercase words of letters only: digits, punctuation and emoji say nothing about the language. */
function wordsOf(text: string): string[] {
  return (
    text
      .slice(0, MAX_CHARS)
      .normalize('NFKC')
      .replace(/İ/g, 'i')
      .toLowerCase()
      .replace(/ё/g, 'е')
      .match(/\p{L}+/gu) ?? []
  );
}

/** An n-gram is its letters' codes as digits in this base: four codes fit a small integer. */
const BASE = 128;
const BOUNDARY = 1;
/** Letters the training text never showed (other scripts, rare accents) share one code. */
const UNKNOWN_LETTER = BASE - 1;

/** Small codes for the letters of our training text, assigned in order of first sight. */
class Alphabet {
  private readonly codes = new Map<number, number>();

  /** The letter's code; while learning, a new letter gets the next free one. */
  code(codePoint: number, learn: boolean): number {
    const known = this.codes.get(codePoint);
    if (known !== undefined) return known;
    if (!learn || this.codes.size + 2 >= UNKNOWN_LETTER) return UNKNOWN_LETTER;
    const next = this.codes.size + 2;
    this.codes.set(codePoint, next);
    return next;
  }
}

/**
 * Calls `visit` with each character n-gram (1–4 letters, word boundaries included) of each word
 * as a number: no strings are built while scoring. Codes are never 0, so n-grams of different
 * lengths never share a number.
 */
function forEachGram(words: string[], alphabet: Alphabet, learn: boolean, visit: (gram: number) => void): void {
  for (const word of words) {
    // The codes of the last three characters, most recent first.
    let c1 = BOUNDARY;
    let c2 = 0;
    let c3 = 0;
    for (let i = 0; i <= word.length; i++) {
      const codePoint = i < word.length ? word.codePointAt(i)! : 0;
      if (codePoint > 0xffff) i++;
      const c0 = codePoint === 0 ? BOUNDARY : alphabet.code(codePoint, learn);
      if (c0 !== BOUNDARY) visit(c0);
      visit(c1 * BASE + c0);
      if (c2) visit((c2 * BASE + c1) * BASE + c0);
      if (c3) visit(((c3 * BASE + c2) * BASE + c1) * BASE + c0);
      c3 = c2;
      c2 = c1;
      c1 = c0;
    }
  }
}

/** Training examples counted between two yields to the event loop (a few milliseconds of work). */
const EXAMPLES_PER_STEP = 200;

/** How often each n-gram occurs in each variant's text: one growing table, a row per n-gram. */
class GramCounts {
  readonly alphabet = new Alphabet();
  private readonly rows = new Map<number, number>();
  private table = new Float64Array(1 << 16);

  add({ variant, text }: LanguageExample): void {
    const column = VARIANTS.indexOf(variant);
    forEachGram(wordsOf(text), this.alphabet, true, (gram) => {
      let row = this.rows.get(gram);
      if (row === undefined) {
        row = this.rows.size;
        this.rows.set(gram, row);
        if ((row + 1) * WIDTH > this.table.length) this.grow();
      }
      this.table[row * WIDTH + column]! += 1;
    });
  }

  private grow(): void {
    const bigger = new Float64Array(this.table.length * 2);
    bigger.set(this.table);
    this.table = bigger;
  }

  private rowSum(row: number): number {
    let sum = 0;
    for (let v = 0; v < WIDTH; v++) sum += this.table[row * WIDTH + v]!;
    return sum;
  }

  /**
   * Smoothed log P(gram | variant) of every n-gram seen at least `MIN_COUNT` times, and which
   * variants had any text at all (the others cannot be told, so they never win).
   */
  model(): LanguageModel {
    const { table } = this;
    const totals = new Float64Array(WIDTH);
    let keptRows = 0;
    for (const row of this.rows.values()) {
      if (this.rowSum(row) < MIN_COUNT) continue;
      keptRows++;
      for (let v = 0; v < WIDTH; v++) totals[v]! += table[row * WIDTH + v]!;
    }
    const all = totals.reduce((sum, total) => sum + total, 0);
    const rows = new Map<number, number>();
    const logProbs = new Float32Array(keptRows * WIDTH);
    for (const [gram, from] of this.rows) {
      const sum = this.rowSum(from);
      if (sum < MIN_COUNT) continue;
      const to = rows.size;
      rows.set(gram, to);
      const background = sum / all;
      for (let v = 0; v < WIDTH; v++) logProbs[to * WIDTH + v] = Math.log((table[from * WIDTH + v]! + SMOOTHING * background) / (totals[v]! + SMOOTHING));
    }
    const learned = VARIANTS.filter((_, v) => totals[v]! > 0);
    return new LanguageModel(rows, logProbs, learned, this.alphabet);
  }
}

export class LanguageModel {
  /** @internal Built by `GramCounts.model()`. */
  constructor(
    /** N-gram → its row in `logProbs`. */
    private readonly rows: Map<number, number>,
    /** log P(gram | variant): one row per n-gram, one column per variant of `VARIANTS`. */
    private readonly logProbs: Float32Array,
    /** The variants with training text: only these can win. */
    private readonly learned: Variant[],
    private readonly alphabet: Alphabet,
  ) {}

  static train(examples: Iterable<LanguageExample>): LanguageModel {
    return runToEnd(LanguageModel.training(examples));
  }

  /** `train` as steps, to be run between requests (see `TrainingSteps`). */
  static *training(examples: Iterable<LanguageExample>): TrainingSteps<LanguageModel> {
    const counts = new GramCounts();
    let counted = 0;
    for (const example of examples) {
      counts.add(example);
      if (++counted % EXAMPLES_PER_STEP === 0) yield;
    }
    return counts.model();
  }

  identify(text: string): LanguageGuess {
    const words = wordsOf(text);
    const totals = new Float64Array(WIDTH);
    forEachGram(words, this.alphabet, false, (gram) => {
      const row = this.rows.get(gram);
      if (row !== undefined) for (let v = 0; v < WIDTH; v++) totals[v]! += this.logProbs[row * WIDTH + v]!;
    });
    const best = Object.fromEntries(LOCALES.map((locale) => [locale, Number.NEGATIVE_INFINITY])) as Record<Locale, number>;
    for (const variant of this.learned) {
      const locale = VARIANT_LOCALES[variant];
      best[locale] = Math.max(best[locale], totals[VARIANTS.indexOf(variant)]!);
    }
    const winner = LOCALES.reduce((a, b) => (best[b] > best[a] ? b : a));
    const top = best[winner];
    const scores = Object.fromEntries(LOCALES.map((locale) => [locale, best[locale] - top])) as Record<Locale, number>;
    return {
      locale: winner,
      scores,
      words: words.filter((word) => word.length >= 2).length,
      letters: words.reduce((sum, word) => sum + word.length, 0),
    };
  }
}
