import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { z } from 'zod';
import type { Facts } from '../bot/triage/facts.js';
import { HANDOFF_PRIORITY, type TriageResult } from '../bot/triage/triage.js';
import { HandoffReason, type Message } from '../conversation/schemas.js';
import type { PromptLibrary } from './prompts.js';
import { redact } from './redact.js';

export const Classification = z.object({
  reason: z.enum([...HandoffReason.options, 'none']),
  confidence: z.number().min(0).max(1),
  language: z.enum(['en', 'ru', 'az', 'tr']),
  facts: z.object({ amount: z.string().nullable(), reference: z.string().nullable(), when: z.string().nullable(), game: z.string().nullable() }),
});
export type Classification = z.infer<typeof Classification>;

/** How sure the model must be before its reason is added to the offline ones. */
const MIN_CONFIDENCE = 0.75;

export interface LlmTriage extends TriageResult {
  facts?: Facts;
}

/**
 * The offline triage and the model's classification together: the model can add a reason or raise
 * the priority, but never take away what the offline rules found — a responsible-gambling or
 * dispute signal is never talked down to "no handoff".
 */
export function combineTriage(offline: TriageResult, model: Classification): LlmTriage {
  const signals = new Set(offline.signals);
  if (model.reason !== 'none' && model.reason !== 'unresolved' && model.confidence >= MIN_CONFIDENCE) signals.add(model.reason);
  const ordered = [...signals].sort((a, b) => HANDOFF_PRIORITY[a] - HANDOFF_PRIORITY[b]);
  const facts = Object.fromEntries(Object.entries(model.facts).filter(([, value]) => value)) as Facts;
  return { reason: ordered[0], signals: ordered, facts };
}

export function createClassifier(chat: BaseChatModel, prompts: PromptLibrary, timeoutMs: number) {
  const structured = chat.withStructuredOutput(Classification, { name: 'triage' });
  return async (text: string, history: Message[]): Promise<Classification> => {
    const recent = history.slice(-4).map((m) => `${m.from}: ${redact(m.text).slice(0, 300)}`).join('\n') || '(none)';
    const prompt = prompts.render('triage', { history: recent, message: redact(text) });
    return Classification.parse(await structured.invoke(prompt, { signal: AbortSignal.timeout(timeoutMs) }));
  };
}
