import type { Document } from '@langchain/core/documents';
import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { type Answer, type AnswerContext, answerActions, citationOf, notSureAnswer } from '../knowledge/answer.js';
import type { Citation, Locale, Message } from '../core/schemas.js';
import type { SectionMetadata } from '../knowledge/retriever.js';
import { UnusableOutputError } from './failures.js';
import { modelTurns, transcriptData } from './model-input.js';
import { OutputPolicy, PolicyGate } from './output-policy.js';
import type { PromptLibrary } from './prompts.js';
import { redact } from './redact.js';
import { LANGUAGE_NAME, numberedSections, policySections } from './sections.js';

export interface GroundedAnswerDeps {
  chat: BaseChatModel;
  prompts: PromptLibrary;
}

export interface GroundedQuestion {
  question: string;
  locale: Locale;
  /** The retrieved sections, numbered from 1 in this order. */
  docs: Document<SectionMetadata>[];
  /** The conversation before the question, oldest first. */
  history: Message[];
  context: AnswerContext;
}

/** One answer being written by the model: streamed through the output policy as it comes. */
export interface GroundedAnswer {
  write(signal: AbortSignal): Promise<Answer>;
  /** The part the player has already seen, as a finished answer; undefined while nothing was shown. */
  shown(): Answer | undefined;
}

/**
 * Answers from the retrieved sections only, with `[n]` markers mapped to citations. The reply is
 * let through to `onPartial` a sentence at a time once it has passed the output policy, so a
 * player never sees text that is later withdrawn; NO_ANSWER counts as not confident.
 */
export function startGroundedAnswer(deps: GroundedAnswerDeps, input: GroundedQuestion): GroundedAnswer {
  const { question, locale, docs, history, context } = input;
  const playerName = context.playerName;
  const policy = new OutputPolicy({
    output: 'answer',
    playerTexts: [question, ...history.filter((m) => m.from === 'player').map((m) => m.text)],
    sections: policySections(docs),
    noPromotions: context.noPromotions,
  });
  const gate = new PolicyGate(policy, { requireBacked: true, onPassed: (text) => context.onPartial?.(text) });

  const answerOf = ({ text, cited }: { text: string; cited: number[] }): Answer => {
    const citations: Citation[] = [];
    for (const n of cited) {
      const citation = citationOf(docs[n - 1]!);
      if (!citations.some((c) => c.id === citation.id && c.locale === citation.locale)) citations.push(citation);
    }
    return { confident: true, text, citations, actions: answerActions(locale), confidence: 1, category: docs[cited[0]! - 1]!.metadata.category };
  };

  return {
    async write(signal) {
      const instructions = deps.prompts.render('answer', { language: LANGUAGE_NAME[locale], sections: numberedSections(docs) });
      const data = { conversation: transcriptData(history.slice(-6), { playerName, maxChars: 500 }), message: redact(question, { playerName }) };
      let written = '';
      const stream = await deps.chat.stream(modelTurns(instructions, data), { signal });
      for await (const chunk of stream) {
        if (typeof chunk.content !== 'string') continue;
        written += chunk.content;
        gate.push(chunk.content);
      }
      const reply = written.trim();
      if (reply === '') throw new UnusableOutputError('malformed', 'the model returned an empty answer');
      if (/^NO_ANSWER\b/.test(reply)) return notSureAnswer(locale, docs.slice(0, 2).map((d) => d.metadata.title), 0);
      return answerOf(gate.finish());
    },
    shown() {
      const shown = gate.shown;
      return shown ? answerOf(shown) : undefined;
    },
  };
}
