import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { HumanMessage } from '@langchain/core/messages';
import type { BaseRetriever } from '@langchain/core/retrievers';
import { citationOf } from '../bot/answer.js';
import type { Facts } from '../bot/triage/facts.js';
import type { Citation, Locale, Message } from '../conversation/schemas.js';
import type { SectionMetadata } from '../knowledge/retriever.js';
import type { PromptLibrary } from './prompts.js';
import { redact } from './redact.js';
import { citedNumbers, LANGUAGE_NAME, numberedSections, withoutMarkers } from './sections.js';

export interface AgentAssist {
  summary: string;
  draft: string;
  citations: Citation[];
}


/** A summary of the conversation and a cited draft reply for the agent who holds it. */
export function createAgentAssist(deps: { chat: BaseChatModel; prompts: PromptLibrary; retrieverFor(locale: Locale): BaseRetriever<SectionMetadata>; timeoutMs: number }) {
  const ask = async (prompt: string) => {
    const reply = await deps.chat.invoke([new HumanMessage(prompt)], { signal: AbortSignal.timeout(deps.timeoutMs) });
    return typeof reply.content === 'string' ? reply.content.trim() : '';
  };
  return async (transcript: Message[], facts: Facts, locale: Locale): Promise<AgentAssist> => {
    const lines = transcript.slice(-30).map((m) => `${m.from}${m.author ? ` (${m.author})` : ''}: ${redact(m.text).slice(0, 600)}`).join('\n');
    const factText = Object.entries(facts).map(([k, v]) => `${k}: ${redact(String(v))}`).join('; ') || 'none';
    const lastPlayer = transcript.filter((m) => m.from === 'player').slice(-3).map((m) => m.text).join(' ');
    const docs = lastPlayer ? await deps.retrieverFor(locale).invoke(lastPlayer) : [];
    const sections = numberedSections(docs);
    const [summary, rawDraft] = await Promise.all([
      ask(deps.prompts.render('summary', { transcript: lines, facts: factText })),
      ask(deps.prompts.render('draft', { language: LANGUAGE_NAME[locale], sections, transcript: lines })),
    ]);
    const cited = citedNumbers(rawDraft, docs.length);
    return { summary, draft: withoutMarkers(rawDraft), citations: cited.map((n) => citationOf(docs[n - 1]!)) };
  };
}
