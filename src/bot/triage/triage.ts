import type { HandoffReason } from '../../conversation/schemas.js';
import { normalize } from '../../knowledge/analysis.js';
import { informational, lexicon, technicalFailure } from './lexicon.js';

export interface TriageResult {
  /** The highest-priority handoff reason the message shows, if any. */
  reason: HandoffReason | undefined;
  /** Every reason the message shows (for the agent's summary and for a classifier to combine with). */
  signals: HandoffReason[];
}

/** Highest priority first; 1 is BullMQ's highest priority. */
export const HANDOFF_PRIORITY: Record<HandoffReason, number> = {
  responsible_gambling: 1,
  dispute: 2,
  technical_failure: 3,
  account_specific: 4,
  requested: 5,
  unresolved: 6,
};

const byPriority = (a: HandoffReason, b: HandoffReason) => HANDOFF_PRIORITY[a] - HANDOFF_PRIORITY[b];

/**
 * "What happens if…", "что делать если…": a question about how things work, not a report of the
 * player's own case, so it is left to the knowledge base unless it is clearly personal.
 */
const HYPOTHETICAL = /(?<![\p{L}])(if|what happens|what to do|what should i do|если|что делать|что будет|eger|ne olar|ne etmeli)(?![\p{L}])/u;

export function matchText(text: string): string {
  return normalize(text, 'az').replace(/[’`]/g, "'").replace(/\s+/g, ' ').trim();
}

/** Offline triage of one player message, in any of the supported languages. */
export function triageMessage(text: string): TriageResult {
  const subject = matchText(text);
  const signals: HandoffReason[] = [];
  const hypothetical = HYPOTHETICAL.test(subject);
  for (const reason of ['responsible_gambling', 'dispute', 'account_specific', 'requested', 'unresolved'] as const) {
    if ((reason === 'account_specific' || reason === 'unresolved') && hypothetical) continue;
    if (!lexicon[reason].some((pattern) => pattern.test(subject))) continue;
    if (informational[reason]?.some((pattern) => pattern.test(subject))) continue;
    signals.push(reason);
  }
  const failure = technicalFailure.failure.some((p) => p.test(subject));
  if (failure && !hypothetical && technicalFailure.money.some((p) => p.test(subject))) signals.push('technical_failure');
  signals.sort(byPriority);
  return { reason: signals[0], signals };
}
