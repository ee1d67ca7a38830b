import type { TrainingSteps } from '../../knowledge/training-steps.js';

/**
 * One-vs-rest logistic regression over sparse features: one independent yes/no model per label, so
 * a message can show several reasons at once and each reason gets a probability of its own that a
 * cost-sensitive threshold can be set on.
 *
 * Why not a library: the features are tens of thousands of sparse character n-grams, and the
 * JavaScript regression packages (ml-logistic-regression and friends) work on dense matrices, which
 * would need gigabytes here; this is the textbook algorithm (Adagrad SGD with L2), deterministic for
 * the same examples, with the weights of a few independently shuffled runs averaged.
 */

/** A feature vector: indices into the vocabulary with their values. */
export interface SparseVector {
  indices: Int32Array;
  values: Float32Array;
}

export interface TrainingSample extends SparseVector {
  /** Bit k set: the sample is a positive example of label k. */
  labels: number;
}

export interface TrainingOptions {
  epochs: number;
  /** Adagrad step size. */
  learningRate: number;
  /** L2 penalty. */
  l2: number;
  /**
   * The fixed intercept: the log-odds of a label for a text with no known feature. It is not learnt,
   * so "no evidence" always means "not this reason", however the examples are balanced.
   */
  intercept: number;
  seed: number;
  /**
   * Independent runs (each its own shuffle) whose weights are averaged: one run's model depends on
   * the order it saw the examples in, so adding one example elsewhere would flip borderline messages.
   */
  runs: number;
}

export const DEFAULT_TRAINING: TrainingOptions = { epochs: 3, learningRate: 0.5, l2: 3e-4, intercept: -3, seed: 17, runs: 3 };

export interface LinearModel {
  labels: number;
  /** The log-odds of every label for a text with no known feature. */
  intercept: number;
  /** Every feature's weights, its labels side by side (what a saved model keeps). */
  weights: Float32Array;
  /** Adds one feature's weight for every label to `out` (the parts of a log-odds sum). */
  addWeights(feature: number, out: Float64Array): void;
}

/** The model of these weights: trained just now, or read back from a saved one. */
export function linearModel(weights: Float32Array, labels: number, intercept: number): LinearModel {
  return {
    labels,
    intercept,
    weights,
    addWeights(feature, out) {
      const base = feature * labels;
      for (let k = 0; k < labels; k++) out[k] = out[k]! + weights[base + k]!;
    },
  };
}

/** A small seeded generator (mulberry32): the same examples always give the same model. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A sample a label already gets right teaches it nothing worth the work. */
const NEGLIGIBLE_GRADIENT = 1e-3;
export const sigmoid = (z: number) => (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)));

/** Samples learnt from between two pauses of a training run (see `TrainingSteps`). */
const SAMPLES_PER_STEP = 500;

/** Trains `labels` one-vs-rest models over a vocabulary of `features` features, averaged over `options.runs` runs. */
export function* trainLinearModel(
  samples: TrainingSample[],
  features: number,
  labels: number,
  options: TrainingOptions = DEFAULT_TRAINING,
): TrainingSteps<LinearModel> {
  const averaged = new Float32Array(features * labels);
  for (let run = 0; run < options.runs; run++) {
    const weights = yield* oneRun(samples, features, labels, options, options.seed + run);
    for (let i = 0; i < weights.length; i++) averaged[i] = averaged[i]! + weights[i]! / options.runs;
  }
  return linearModel(averaged, labels, options.intercept);
}

/** One Adagrad run over the samples in its own seeded order: the weights, a feature's labels side by side. */
function* oneRun(samples: TrainingSample[], features: number, labels: number, options: TrainingOptions, seed: number): TrainingSteps<Float32Array> {
  const learner = new AdagradLearner(features, labels, options);
  const random = seededRandom(seed);
  const order = samples.map((_, i) => i);
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    for (let step = 0; step < order.length; step++) {
      if (step % SAMPLES_PER_STEP === SAMPLES_PER_STEP - 1) yield;
      learner.learn(samples[order[step]!]!);
    }
  }
  return learner.weights;
}

/**
 * The arithmetic of one run, kept out of the generator above: V8 optimises a generator's body far
 * less than a plain method's, and this is where training spends its time.
 */
class AdagradLearner {
  readonly weights: Float32Array;
  private readonly squares: Float32Array;
  private readonly z: Float64Array;
  /** Each label's error on the sample; 0 where it is negligible and the label is left alone. */
  private readonly errors: Float64Array;

  constructor(
    features: number,
    private readonly labels: number,
    private readonly options: TrainingOptions,
  ) {
    this.weights = new Float32Array(features * labels);
    this.squares = new Float32Array(features * labels).fill(1e-8);
    this.z = new Float64Array(labels);
    this.errors = new Float64Array(labels);
  }

  learn(sample: TrainingSample): void {
    const { weights, squares, z, errors, labels } = this;
    const { intercept, l2, learningRate } = this.options;
    const { indices, values } = sample;
    z.fill(intercept);
    for (let f = 0; f < indices.length; f++) {
      const base = indices[f]! * labels;
      const value = values[f]!;
      for (let k = 0; k < labels; k++) z[k] = z[k]! + weights[base + k]! * value;
    }
    let learns = false;
    for (let k = 0; k < labels; k++) {
      const g = sigmoid(z[k]!) - ((sample.labels >> k) & 1);
      errors[k] = Math.abs(g) < NEGLIGIBLE_GRADIENT ? 0 : g;
      learns ||= errors[k] !== 0;
    }
    if (!learns) return;
    // Feature by feature, its labels side by side: each (feature, label) weight is updated once per
    // sample in any order, and this one reads memory in a row.
    for (let f = 0; f < indices.length; f++) {
      const base = indices[f]! * labels;
      const value = values[f]!;
      for (let k = 0; k < labels; k++) {
        const g = errors[k]!;
        if (g === 0) continue;
        const at = base + k;
        const grad = g * value + l2 * weights[at]!;
        squares[at] = squares[at]! + grad * grad;
        weights[at] = weights[at]! - (learningRate * grad) / Math.sqrt(squares[at]!);
      }
    }
  }
}
