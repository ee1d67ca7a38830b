import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { z } from 'zod';
import type { Facts } from '../core/facts.js';
import { HANDOFF_PRIORITY, TRIAGE_REASONS, type TriageResult } from '../core/reasons.js';
import { matchText } from '../knowledge/analysis.js';
import type { Message } from '../core/schemas.js';
import { modelTurns, transcriptData } from './model-input.js';
import type { PromptLibrary } from './prompts.js';
import { redact } from './redact.js';

export const Classification = z.object({
  reason: z.enum([...TRIAGE_REASONS, 'none']),
  confidence: z.number().min(0).max(1),
  language: z.enum(['en', 'ru', 'az', 'tr']),
  facts: z.object({ amount: z.string().nullable(), reference: z.string().nullable(), when: z.string().nullable(), game: z.string().nullable() }),
});
export type Classification = z.infer<typeof Classification>;

/** How sure the model must be before its reason is added to the offline ones. */
const MIN_CONFIDENCE = 0.75;
/** Units a model adds to an amount the player wrote as a bare number ("200" → "200 EUR"). */
const CURRENCY_WORD = /^(?:eur|euros?|usd|dollars?|azn|manat|avro|rub|tl|евро|доллар\p{L}*|манат\p{L}*|рубл\p{L}*)$/u;

export interface LlmTriage extends TriageResult {
  facts?: Facts;
}

const wordsOf = (text: string) => matchText(text).match(/[\p{L}\p{N}]+/gu) ?? [];

/**
 * A fact the model extracted, kept only if the player wrote it: every word of it (a currency unit
 * aside) occurs in the player's own messages. What the model invents never reaches the agent.
 */
function writtenIn(value: string, written: ReadonlySet<string>): boolean {
  const words = wordsOf(value).filter((word) => !CURRENCY_WORD.test(word));
  return words.length > 0 && words.every((word) => written.has(word));
}

/**
 * The offline triage and the model's classification together: the model can add a reason or raise
 * the priority, but never take away what the offline rules found — a responsible-gambling or
 * dispute signal is never talked down to "no handoff".
 */
export function combineTriage(offline: TriageResult, model: Classification, playerTexts: string[]): LlmTriage {
  const signals = new Set(offline.signals);
  if (model.reason !== 'none' && model.reason !== 'unresolved' && model.confidence >= MIN_CONFIDENCE) signals.add(model.reason);
  const ordered = [...signals].sort((a, b) => HANDOFF_PRIORITY[a] - HANDOFF_PRIORITY[b]);
  const written = new Set(playerTexts.flatMap(wordsOf));
  const facts = Object.fromEntries(Object.entries(model.facts).filter(([, value]) => value && writtenIn(value, written))) as Facts;
  return { ...offline, reason: ordered[0], signals: ordered, facts };
}

export function createClassifier(chat: BaseChatModel, prompts: PromptLibrary) {
  const structured = chat.withStructuredOutput(Classification, { name: 'triage' });
  return async (text: string, history: Message[], signal: AbortSignal, playerName?: string): Promise<Classification> => {
    const data = { conversation: transcriptData(history.slice(-4), { playerName, maxChars: 300 }), message: redact(text, { playerName }) };
    return Classification.parse(await structured.invoke(modelTurns(prompts.render('triage', {}), data), { signal }));
  };
}
