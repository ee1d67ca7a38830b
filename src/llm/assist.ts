import type { Document } from '@langchain/core/documents';
import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { citationOf } from '../knowledge/answer.js';
import type { Facts } from '../core/facts.js';
import type { Citation, Locale, Message } from '../core/schemas.js';
import type { SectionMetadata } from '../knowledge/retriever.js';
import { modelTurns, transcriptData } from './model-input.js';
import { OutputPolicy, type PolicyContext, PolicyGate, PolicyViolation } from './output-policy.js';
import type { PromptLibrary } from './prompts.js';
import { redact } from './redact.js';
import { LANGUAGE_NAME, numberedSections, policySections } from './sections.js';

export interface AgentAssist {
  summary: string;
  draft: string;
  citations: Citation[];
}

export interface AgentAssistDeps {
  chats: { summary: BaseChatModel; draft: BaseChatModel };
  prompts: PromptLibrary;
}

export interface AssistInput {
  transcript: Message[];
  facts: Facts;
  locale: Locale;
  /** Sections retrieved for the player's last messages, numbered from 1 in this order. */
  docs: Document<SectionMetadata>[];
  playerName?: string;
}

/** Model text through the output policy as a whole: what passed, or a `PolicyViolation` (nothing passed is one too). */
function checked(text: string, context: PolicyContext): { text: string; cited: number[] } {
  const gate = new PolicyGate(new OutputPolicy(context), { requireBacked: false });
  gate.push(text);
  const passed = gate.finish();
  if (passed.text === '') throw new PolicyViolation(context.output, 'ungrounded');
  return passed;
}

/**
 * A summary of the conversation and a cited draft reply for the agent who holds it, both checked
 * by the output policy like answers to players (a draft may go to the player as it is).
 */
export function createAgentAssist(deps: AgentAssistDeps) {
  return async ({ transcript, facts, locale, docs, playerName }: AssistInput, signal: AbortSignal): Promise<AgentAssist> => {
    const ask = async (chat: BaseChatModel, messages: ReturnType<typeof modelTurns>) => {
      const reply = await chat.invoke(messages, { signal });
      return typeof reply.content === 'string' ? reply.content.trim() : '';
    };
    const recent = transcript.slice(-30);
    const data = { transcript: transcriptData(recent, { playerName, maxChars: 600 }) };
    const factData = Object.fromEntries(Object.entries(facts).map(([key, value]) => [key, redact(String(value), { playerName })]));
    const playerTexts = transcript.filter((m) => m.from === 'player').map((m) => m.text);
    const [summary, draft] = await Promise.all([
      ask(deps.chats.summary, modelTurns(deps.prompts.render('summary', {}), { ...data, facts: factData })),
      ask(deps.chats.draft, modelTurns(deps.prompts.render('draft', { language: LANGUAGE_NAME[locale], sections: numberedSections(docs) }), data)),
    ]);
    const checkedSummary = checked(summary, { output: 'summary', playerTexts });
    const checkedDraft = checked(draft, { output: 'draft', playerTexts, sections: policySections(docs) });
    return { summary: checkedSummary.text, draft: checkedDraft.text, citations: checkedDraft.cited.map((n) => citationOf(docs[n - 1]!)) };
  };
}
