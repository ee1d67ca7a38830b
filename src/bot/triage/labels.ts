import type { HandoffReason } from '../../core/schemas.js';

/** What the classifier learns to tell apart: every handoff reason a message can show, and crisis. */
export const TRIAGE_LABELS = ['responsible_gambling', 'crisis', 'dispute', 'technical_failure', 'account_specific', 'requested', 'unresolved'] as const satisfies ReadonlyArray<
  HandoffReason | 'crisis'
>;
export type TriageLabel = (typeof TRIAGE_LABELS)[number];
