import { featureCounts, tokens } from './features.js';
import type { TriageLabel } from './training.js';

/** One hand-written example as a vector of its feature counts, for cosine similarity. */
interface ExampleVector {
  counts: Map<number, number>;
  norm: number;
  /** Empty: a plain message (an article question, or a `none` example). */
  labels: readonly TriageLabel[];
}

/** Longer messages are not plain look-alike questions; the classifier alone decides on them. */
const MAX_WORDS = 40;

function norm(counts: Map<number, number>): number {
  let squares = 0;
  for (const count of counts.values()) squares += count * count;
  return Math.sqrt(squares) || 1;
}

/**
 * The examples the classifier learnt from, kept whole for a second opinion on uncertain calls: a
 * question that mentions a withdrawal, an error or a complaint ("can you cancel a withdrawal while
 * it's still pending", "how do I file an official complaint") can score above a reason's bar while
 * reading, word for word, more like a question content staff wrote the answer to than like any
 * example of that reason. Then it is a plain question.
 */
export class LookAlikes {
  private readonly examples: ExampleVector[] = [];

  add(counts: Map<number, number>, labels: readonly TriageLabel[]): void {
    this.examples.push({ counts, norm: norm(counts), labels });
  }

  /** True when the message is more like a plain example than like every example of `reason`. */
  plainRatherThan(text: string, reason: TriageLabel): boolean {
    const words = tokens(text);
    if (words.length > MAX_WORDS) return false;
    const message = featureCounts(words);
    const messageNorm = norm(message);
    let plain = 0;
    let ofReason = 0;
    for (const example of this.examples) {
      const isPlain = example.labels.length === 0;
      if (!isPlain && !example.labels.includes(reason)) continue;
      let dot = 0;
      for (const [feature, count] of example.counts) {
        const other = message.get(feature);
        if (other !== undefined) dot += count * other;
      }
      const similarity = dot / (example.norm * messageNorm);
      if (isPlain) plain = Math.max(plain, similarity);
      else ofReason = Math.max(ofReason, similarity);
    }
    return plain > ofReason;
  }
}
