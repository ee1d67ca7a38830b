import type { HandoffReason } from '../../core/schemas.js';
import type { Article } from '../../knowledge/schemas.js';
import type { TriageExamples } from '../../knowledge/triage-content.js';
import { TRIAGE_THRESHOLDS, TriageModel } from './triage.js';
import { TRIAGE_REASONS, type TriageReason, type TriageResult } from '../../core/reasons.js';

/** What one reason scores on examples its model never saw. */
export interface ReasonFigures {
  reason: HandoffReason;
  threshold: number;
  /** Held-out examples of this reason. */
  examples: number;
  /** The share of them the classifier gave this reason. */
  recall: number;
  /** The share of held-out plain (`none`) messages it gave this reason by mistake. */
  falseAlarms: number;
}

export interface CrossValidation {
  folds: number;
  /** Held-out plain messages. */
  plain: number;
  /** The share of plain messages handed off for any reason. */
  plainHandedOff: number;
  reasons: ReasonFigures[];
  /** Responsible-gambling and crisis examples caught as a harm signal or at least a check-in. */
  harm: { examples: number; caught: number; checkIns: number };
  crisis: { examples: number; recognised: number };
}

/** Every `folds`-th example of each list is held out in turn (the same split on every run). */
const heldOut = (fold: number, folds: number) => (_: string, i: number) => i % folds === fold;
const kept = (fold: number, folds: number) => (_: string, i: number) => i % folds !== fold;

function split(files: TriageExamples[], pick: (text: string, i: number) => boolean): TriageExamples[] {
  return files.map((file) => ({
    locale: file.locale,
    reasons: Object.fromEntries(Object.entries(file.reasons).map(([reason, texts]) => [reason, (texts ?? []).filter(pick)])),
    crisis: file.crisis.filter(pick),
    none: file.none.filter(pick),
    fillers: file.fillers,
  }));
}

/**
 * How well the triage examples teach: k-fold cross-validation over the triage files. Each fold's
 * model learns from the other folds (and every article question), then classifies the held-out
 * messages at the thresholds in service. A content editor runs it (`kb:eval --triage`) to see
 * whether an edit to `knowledge/triage/` helps on messages the classifier did not learn from.
 */
export function crossValidate(files: TriageExamples[], articles: Article[], folds = 5): CrossValidation {
  const reasons = TRIAGE_REASONS;
  const counts = Object.fromEntries(reasons.map((reason) => [reason, { examples: 0, found: 0, falseAlarms: 0 }]));
  const result = { plain: 0, plainHandedOff: 0, harm: { examples: 0, caught: 0, checkIns: 0 }, crisis: { examples: 0, recognised: 0 } };
  const countHarm = (outcome: TriageResult) => {
    result.harm.examples++;
    if (outcome.signals.includes('responsible_gambling')) result.harm.caught++;
    else if (outcome.checkIn) result.harm.checkIns++;
  };
  for (let fold = 0; fold < folds; fold++) {
    const model = TriageModel.train(split(files, kept(fold, folds)), articles);
    for (const file of split(files, heldOut(fold, folds))) {
      for (const [reason, texts] of Object.entries(file.reasons) as Array<[TriageReason, string[]]>) {
        for (const text of texts) {
          const outcome = model.classify(text);
          counts[reason]!.examples++;
          if (outcome.signals.includes(reason)) counts[reason]!.found++;
          if (reason === 'responsible_gambling') countHarm(outcome);
        }
      }
      for (const text of file.crisis) {
        const outcome = model.classify(text);
        countHarm(outcome);
        result.crisis.examples++;
        if (outcome.crisis) result.crisis.recognised++;
      }
      for (const text of file.none) {
        const outcome = model.classify(text);
        result.plain++;
        if (outcome.reason) result.plainHandedOff++;
        for (const reason of outcome.signals) counts[reason]!.falseAlarms++;
      }
    }
  }
  return {
    folds,
    plain: result.plain,
    plainHandedOff: result.plain === 0 ? 0 : result.plainHandedOff / result.plain,
    reasons: reasons
      .filter((reason) => counts[reason]!.examples > 0)
      .map((reason) => {
        const { examples, found, falseAlarms } = counts[reason]!;
        return { reason, threshold: TRIAGE_THRESHOLDS[reason], examples, recall: found / examples, falseAlarms: result.plain === 0 ? 0 : falseAlarms / result.plain };
      }),
    harm: result.harm,
    crisis: result.crisis,
  };
}
