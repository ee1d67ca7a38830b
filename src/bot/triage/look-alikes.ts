import { featureCounts, tokens } from './features.js';
import type { TriageLabel } from './labels.js';

/** Longer messages are not plain look-alike questions; the classifier alone decides on them. */
const MAX_WORDS = 40;

function norm(counts: Map<number, number>): number {
  let squares = 0;
  for (const count of counts.values()) squares += count * count;
  return Math.sqrt(squares) || 1;
}

/** A message's closeness to the nearest plain example and to the nearest example of each label. */
export interface Nearest {
  plain: number;
  of: Map<TriageLabel, number>;
}

/** The examples that have one feature, with how often it occurs in each. */
interface Postings {
  examples: number[];
  counts: number[];
}

/**
 * The examples the classifier learnt from, kept whole for a second opinion on uncertain calls: a
 * question that mentions a withdrawal, an error or a complaint ("can you cancel a withdrawal while
 * it's still pending", "how do I file an official complaint") can score above a reason's bar while
 * reading, word for word, more like a question content staff wrote the answer to than like any
 * example of that reason. Then it is a plain question. Similarity is the cosine of feature counts,
 * summed through an inverted index, so a question costs its own features' postings, not a pass over
 * every example.
 */
export class LookAlikes {
  private readonly postings = new Map<number, Postings>();
  private readonly norms: number[] = [];
  private readonly labels: Array<readonly TriageLabel[]> = [];
  /** Dot products of the message being compared, one per example (reused: a scratch buffer). */
  private dots = new Float64Array(0);

  /** `ignored`: words read as if they were not there (the triage files' fillers). */
  constructor(private readonly ignored: ReadonlySet<string>) {}

  add(counts: Map<number, number>, labels: readonly TriageLabel[]): void {
    const id = this.norms.length;
    this.norms.push(norm(counts));
    this.labels.push(labels);
    for (const [feature, count] of counts) {
      const list = this.postings.get(feature) ?? { examples: [], counts: [] };
      if (list.examples.length === 0) this.postings.set(feature, list);
      list.examples.push(id);
      list.counts.push(count);
    }
  }

  /**
   * How like the message the closest plain example is, and the closest example of each label. A
   * message too long to be a plain look-alike question is like no plain example at all.
   */
  nearest(text: string): Nearest {
    const nearest: Nearest = { plain: 0, of: new Map() };
    const words = tokens(text, this.ignored);
    if (words.length > MAX_WORDS) return nearest;
    if (this.dots.length !== this.norms.length) this.dots = new Float64Array(this.norms.length);
    const dots = this.dots;
    const touched: number[] = [];
    for (const [feature, count] of featureCounts(words)) {
      const list = this.postings.get(feature);
      if (!list) continue;
      for (let i = 0; i < list.examples.length; i++) {
        const id = list.examples[i]!;
        if (dots[id] === 0) touched.push(id);
        dots[id] = dots[id]! + count * list.counts[i]!;
      }
    }
    // Every similarity shares the message's own length, so it need not divide them to compare.
    for (const id of touched) {
      const similarity = dots[id]! / this.norms[id]!;
      dots[id] = 0;
      const labels = this.labels[id]!;
      if (labels.length === 0) nearest.plain = Math.max(nearest.plain, similarity);
      for (const label of labels) nearest.of.set(label, Math.max(nearest.of.get(label) ?? 0, similarity));
    }
    return nearest;
  }
}
