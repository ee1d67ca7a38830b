import type { Article, KbLocale } from '../../knowledge/schemas.js';
import type { TriageExamples } from '../../knowledge/triage-content.js';
import { variants } from './augment.js';
import { featureCounts, tokens, Vocabulary } from './features.js';
import { TRIAGE_LABELS, type TriageLabel } from './labels.js';
import { LookAlikes } from './look-alikes.js';
import type { TrainingSteps } from '../../knowledge/training-steps.js';
import { DEFAULT_TRAINING, type LinearModel, linearModel, type TrainingOptions, type TrainingSample, trainLinearModel } from './linear-model.js';

export interface LabelledText {
  text: string;
  locale: KbLocale;
  /** Empty: a message the bot answers itself. */
  labels: TriageLabel[];
}

/**
 * The examples of the triage files, and the article titles and section questions content staff
 * wrote: plain questions the bot answers, which teach the classifier what an FAQ looks like.
 */
export function labelledExamples(files: TriageExamples[], articles: Article[]): LabelledText[] {
  const out: LabelledText[] = [];
  for (const file of files) {
    const add = (texts: string[], labels: TriageLabel[]) => {
      for (const text of texts) out.push({ text, locale: file.locale, labels });
    };
    for (const [reason, texts] of Object.entries(file.reasons)) add(texts ?? [], [reason as TriageLabel]);
    // Crisis is the gravest responsible-gambling signal: its examples teach both.
    add(file.crisis, ['crisis', 'responsible_gambling']);
    add(file.none, []);
  }
  // Learnt in every spelling like the rest: a plain question typed in Latin letters or with typos is still a plain question.
  for (const article of articles) {
    const questions = [article.title, ...article.sections.flatMap((section) => section.questions)];
    for (const text of questions) out.push({ text, locale: article.locale, labels: [] });
  }
  return out;
}

export interface TrainedTriage {
  vocabulary: Vocabulary;
  /** Words read as if they were not there: the fillers of the triage files ("honestly", "короче"). */
  ignored: ReadonlySet<string>;
  model: LinearModel;
  /** The examples as written, for a second opinion on an uncertain call. */
  lookAlikes: LookAlikes;
}

const bits = (labels: TriageLabel[]) => labels.reduce((mask, label) => mask | (1 << TRIAGE_LABELS.indexOf(label)), 0);

/**
 * A feature must occur in this many different examples to be learnt from: a word only one example
 * uses ("honestly") would otherwise become a reason on its own.
 */
const MIN_EXAMPLES_PER_FEATURE = 2;

/** Examples spelt out and read between two pauses of a training run. */
const EXAMPLES_PER_STEP = 200;

/** The fillers of every triage file as the classifier reads words. */
export function ignoredWords(files: TriageExamples[]): ReadonlySet<string> {
  return new Set(files.flatMap((file) => file.fillers.flatMap((filler) => tokens(filler))));
}

/**
 * Trains the classifier on the examples and their automatic variants (transliterated, folded,
 * misspelt), every `ignored` word left out.
 */
export function* trainTriage(examples: LabelledText[], ignored: ReadonlySet<string>, options: TrainingOptions = DEFAULT_TRAINING): TrainingSteps<TrainedTriage> {
  const spelt: Array<{ example: LabelledText; features: Array<Map<number, number>> }> = [];
  for (const [n, example] of examples.entries()) {
    if (n % EXAMPLES_PER_STEP === EXAMPLES_PER_STEP - 1) yield;
    const spellings = [example.text, ...variants(example.text, example.locale, options.seed + n)];
    spelt.push({ example, features: spellings.map((spelling) => featureCounts(tokens(spelling, ignored))) });
  }
  const examplesWith = new Map<number, number>();
  for (const [n, { features }] of spelt.entries()) {
    if (n % EXAMPLES_PER_STEP === EXAMPLES_PER_STEP - 1) yield;
    for (const feature of new Set(features.flatMap((counts) => [...counts.keys()]))) examplesWith.set(feature, (examplesWith.get(feature) ?? 0) + 1);
  }
  const vocabulary = new Vocabulary([...examplesWith].filter(([, count]) => count >= MIN_EXAMPLES_PER_FEATURE).map(([feature]) => feature));
  yield;
  const samples: TrainingSample[] = [];
  for (const [n, { example, features }] of spelt.entries()) {
    if (n % EXAMPLES_PER_STEP === EXAMPLES_PER_STEP - 1) yield;
    for (const counts of features) samples.push({ ...vocabulary.vector(counts), labels: bits(example.labels) });
  }
  const lookAlikes = new LookAlikes(ignored);
  for (const [n, { example, features }] of spelt.entries()) {
    if (n % EXAMPLES_PER_STEP === EXAMPLES_PER_STEP - 1) yield;
    lookAlikes.add(features[0]!, example.labels);
  }
  return { vocabulary, ignored, model: yield* trainLinearModel(samples, vocabulary.size, TRIAGE_LABELS.length, options), lookAlikes };
}

/** What a trained classifier keeps on disk: the rest is rebuilt from the examples in a fraction of the training time. */
export interface SavedWeights {
  /** The vocabulary's features by vector index. */
  features: Uint32Array;
  weights: Float32Array;
  labels: number;
  intercept: number;
}

export function savedWeights(trained: TrainedTriage): SavedWeights {
  const { model, vocabulary } = trained;
  return { features: vocabulary.features(), weights: model.weights, labels: model.labels, intercept: model.intercept };
}

/** The classifier trained on `examples` before, from its saved weights: the look-alikes are the examples read again. */
export function restoreTriage(examples: LabelledText[], ignored: ReadonlySet<string>, saved: SavedWeights): TrainedTriage {
  const lookAlikes = new LookAlikes(ignored);
  for (const example of examples) lookAlikes.add(featureCounts(tokens(example.text, ignored)), example.labels);
  return { vocabulary: new Vocabulary(saved.features), ignored, model: linearModel(saved.weights, saved.labels, saved.intercept), lookAlikes };
}
