import { bigramFeature, MIN_FEATURES, readingUnits, wordFeatures, wordHash } from './features.js';
import { sigmoid } from './linear-model.js';
import { TRIAGE_LABELS } from './labels.js';
import type { TrainedTriage } from './training.js';

const ALL_LABELS = TRIAGE_LABELS.map((_, k) => k);
const HARM_LABELS = [TRIAGE_LABELS.indexOf('responsible_gambling'), TRIAGE_LABELS.indexOf('crisis')];

/** What one word adds to the log-odds of any text it is in, worked out once. */
interface WordEvidence {
  hash: number;
  /** The weights of its known features, summed per label. */
  weights: Float64Array;
  /** How many features it has, known or not: they all count in the text's total (see `Vocabulary.vector`). */
  features: number;
  /** The last reading unit it was counted in: a word repeated in a unit counts once. */
  countedIn: number;
}

/** Past this many remembered words the memory is emptied and refilled, so it stays bounded. */
const MAX_REMEMBERED_WORDS = 20_000;

/**
 * Scores a text with the trained classifier as the sum of its words. A word's n-grams are hashed and
 * looked up once, however many reading units it is in and however many messages use it; a reading
 * unit then costs a few additions per word. So a 4,000-character message is read whole, every
 * sentence of it, for about the price of hashing its distinct words once.
 */
export class TriageScorer {
  private readonly remembered = new Map<string, WordEvidence>();
  private units = 0;
  /** Working space of one reading unit, reused: a long message has many. */
  private readonly logOdds: Float64Array;
  private readonly bigrams = new Set<number>();

  constructor(private readonly trained: TrainedTriage) {
    this.logOdds = new Float64Array(trained.model.labels);
  }

  /**
   * Each label's probability, the highest over the message's reading units; and harm (responsible
   * gambling, crisis) read clause by clause, the other labels left at 0 there.
   */
  read(text: string): { probabilities: Float64Array; harmInClauses: Float64Array } {
    const probabilities = new Float64Array(this.trained.model.labels);
    const harmInClauses = new Float64Array(this.trained.model.labels);
    const { units, clauses } = readingUnits(text, (word) => this.evidence(word), this.trained.ignored);
    for (const unit of units) this.scoreUnit(unit, probabilities, ALL_LABELS);
    for (const clause of clauses) this.scoreUnit(clause, harmInClauses, HARM_LABELS);
    return { probabilities, harmInClauses };
  }

  /** Raises `best[k]` to the unit's probability of label k, for each k in `labels`. */
  private scoreUnit(unit: WordEvidence[], best: Float64Array, labels: readonly number[]): void {
    const { model, vocabulary } = this.trained;
    const id = ++this.units;
    const z = this.logOdds.fill(0);
    const bigrams = this.bigrams;
    bigrams.clear();
    let total = 0;
    let previous: WordEvidence | undefined;
    for (const evidence of unit) {
      if (evidence.countedIn !== id) {
        evidence.countedIn = id;
        for (let k = 0; k < z.length; k++) z[k] = z[k]! + evidence.weights[k]!;
        total += evidence.features;
      }
      if (previous) {
        const bigram = bigramFeature(previous.hash, evidence.hash);
        if (!bigrams.has(bigram)) {
          bigrams.add(bigram);
          total++;
          const at = vocabulary.indexOf(bigram);
          if (at !== undefined) model.addWeights(at, z);
        }
      }
      previous = evidence;
    }
    const scale = 1 / Math.sqrt(Math.max(total, MIN_FEATURES));
    for (const k of labels) best[k] = Math.max(best[k]!, sigmoid(model.intercept + z[k]! * scale));
  }

  private evidence(word: string): WordEvidence {
    const known = this.remembered.get(word);
    if (known) return known;
    const { model, vocabulary } = this.trained;
    const features = wordFeatures(word);
    const weights = new Float64Array(model.labels);
    for (const feature of features) {
      const at = vocabulary.indexOf(feature);
      if (at !== undefined) model.addWeights(at, weights);
    }
    const evidence = { hash: wordHash(word), weights, features: features.length, countedIn: 0 };
    if (this.remembered.size >= MAX_REMEMBERED_WORDS) this.remembered.clear();
    this.remembered.set(word, evidence);
    return evidence;
  }
}
