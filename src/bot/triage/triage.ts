import { createHash } from 'node:crypto';
import type { HandoffReason } from '../../core/schemas.js';
import { HANDOFF_PRIORITY, TRIAGE_REASONS, type TriageReason, type TriageResult } from '../../core/reasons.js';
import type { Article } from '../../knowledge/schemas.js';
import type { TriageExamples } from '../../knowledge/triage-content.js';
import type { TrainingOptions } from './linear-model.js';
import type { Nearest } from './look-alikes.js';
import { TriageScorer } from './scorer.js';
import { RecentValues } from '../../knowledge/recent-values.js';
import { runToEnd, type TrainingSteps } from '../../knowledge/training-steps.js';
import { TRIAGE_LABELS, type TriageLabel } from './labels.js';
import type { TriageModelFolder } from './model-folder.js';
import { ignoredWords, labelledExamples, restoreTriage, savedWeights, type TrainedTriage, trainTriage } from './training.js';

/**
 * Models already trained in this process, by what they learnt from. Training is seeded, so the same
 * examples give the same model: a second app in one process (the test suite starts dozens) or a
 * reload that changed nothing the classifier reads takes it from here instead of spending seconds
 * of CPU again. A few at most; the oldest goes first.
 */
const trainedByContent = new RecentValues<TriageModel>(4);

/**
 * How sure the classifier must be, per label. Cost-sensitive: missing a player in trouble costs far
 * more than asking one gently, so responsible gambling has the lowest bar and a check-in band below
 * it; a needless handoff of a plain question costs the player an answer, so the other reasons ask
 * for more. Chosen with `kb:eval --triage` (cross-validation on the triage files) and checked on the
 * dev set.
 */
export const TRIAGE_THRESHOLDS = {
  crisis: 0.4,
  responsible_gambling: 0.3,
  /** From here up to the responsible-gambling bar: a gentle check-in instead of silence. */
  checkIn: 0.18,
  dispute: 0.35,
  technical_failure: 0.35,
  account_specific: 0.35,
  requested: 0.35,
  unresolved: 0.4,
} as const satisfies Record<TriageLabel | 'checkIn', number>;

/** From this probability on, a reason other than harm is taken without a second opinion (`LookAlikes`). */
const SURE = 0.6;

const byPriority = (a: HandoffReason, b: HandoffReason) => HANDOFF_PRIORITY[a] - HANDOFF_PRIORITY[b];

/** The triage classifier trained on one version of the content. */
export class TriageModel {
  private readonly scorer: TriageScorer;

  private constructor(
    private readonly trained: TrainedTriage,
    /** How many labelled messages (before augmentation) it learnt from. */
    readonly examples: number,
    /** Read back from a saved model rather than trained in this process. */
    readonly restored = false,
  ) {
    this.scorer = new TriageScorer(trained);
  }

  static train(files: TriageExamples[], articles: Article[], options?: TrainingOptions): TriageModel {
    return runToEnd(TriageModel.training(files, articles, { options }));
  }

  /**
   * `train` as steps, to be run between requests (see `TrainingSteps`). With a `folder`, a model
   * saved there for the same content is read back instead, and a newly trained one is saved.
   */
  static *training(files: TriageExamples[], articles: Article[], { options, folder }: { options?: TrainingOptions; folder?: TriageModelFolder } = {}): TrainingSteps<TriageModel> {
    const examples = labelledExamples(files, articles);
    const ignored = ignoredWords(files);
    const key = createHash('sha256')
      .update(JSON.stringify([examples, [...ignored], options ?? null]))
      .digest('hex');
    const known = trainedByContent.get(key);
    if (known) return known;
    const saved = folder?.load(key);
    const model = saved
      ? new TriageModel(restoreTriage(examples, ignored, saved), examples.length, true)
      : new TriageModel(yield* trainTriage(examples, ignored, options), examples.length);
    if (!saved) folder?.save(key, savedWeights(model.trained));
    return trainedByContent.keep(key, model);
  }

  /** Offline triage of one player message, in any of the supported languages. */
  classify(text: string): TriageResult {
    const read = this.scorer.read(text);
    const score = (label: TriageLabel) => read.probabilities[TRIAGE_LABELS.indexOf(label)]!;
    // Harm said in passing, in one clause of a sentence: crisis language still counts in full; any
    // other harm there is probable but uncertain, so it gets the gentle check-in.
    const inClauses = (label: TriageLabel) => read.harmInClauses[TRIAGE_LABELS.indexOf(label)]!;
    const crisis = Math.max(score('crisis'), inClauses('crisis')) >= TRIAGE_THRESHOLDS.crisis;
    let nearest: Nearest | undefined;
    const plainRatherThan = (reason: TriageReason) => {
      nearest ??= this.trained.lookAlikes.nearest(text);
      return nearest.plain > (nearest.of.get(reason) ?? 0);
    };
    const signals = TRIAGE_REASONS.filter(
      (reason) =>
        score(reason) >= TRIAGE_THRESHOLDS[reason] &&
        // Harm is never second-guessed; an uncertain other reason is, against the plain questions.
        (reason === 'responsible_gambling' || score(reason) >= SURE || !plainRatherThan(reason)),
    );
    if (crisis && !signals.includes('responsible_gambling')) signals.push('responsible_gambling');
    signals.sort(byPriority);
    const result: TriageResult = { reason: signals[0], signals };
    if (crisis) result.crisis = true;
    else if (!signals.includes('responsible_gambling') && Math.max(score('responsible_gambling'), inClauses('responsible_gambling')) >= TRIAGE_THRESHOLDS.checkIn) {
      result.checkIn = true;
    }
    return result;
  }
}
