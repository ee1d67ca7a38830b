import type { HandoffReason } from './schemas.js';

export interface TriageResult {
  /** The highest-priority handoff reason the message shows, if any. */
  reason: HandoffReason | undefined;
  /** Every reason the message shows (for the agent's summary and for a classifier to combine with). */
  signals: HandoffReason[];
  /** A probable but uncertain harm signal: ask gently and show the tools; no handoff, no lasting flag. */
  checkIn?: boolean;
  /** Crisis language (suicide, "don't want to live"): crisis resources and a person at once. */
  crisis?: boolean;
}

/** Highest priority first; 1 is BullMQ's highest priority. */
export const HANDOFF_PRIORITY: Record<HandoffReason, number> = {
  responsible_gambling: 1,
  dispute: 2,
  technical_failure: 3,
  account_specific: 4,
  requested: 5,
  callback: 5,
  unresolved: 6,
};

/** The reasons triage reads from a player's words; a callback comes from its own questions. */
export const TRIAGE_REASONS = ['responsible_gambling', 'dispute', 'technical_failure', 'account_specific', 'requested', 'unresolved'] as const satisfies readonly HandoffReason[];
export type TriageReason = (typeof TRIAGE_REASONS)[number];
