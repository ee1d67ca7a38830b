import type { Action, Citation, Locale, Message } from '../core/schemas.js';
import { helpPagePath, publicAddress } from './help/links.js';
import type { KnowledgeRetriever, SectionMetadata } from './retriever.js';
import type { Document } from '@langchain/core/documents';
import { localize } from '../core/messages.js';

export interface Answer {
  /** False below the confidence threshold: the bot says it is not sure instead of guessing. */
  confident: boolean;
  text: string;
  citations: Citation[];
  actions: Action[];
  /** The best match's confidence (0–1), for metrics and evaluation. */
  confidence: number;
  /** The knowledge category of the quoted article. */
  category?: string;
}

export interface AnswererDeps {
  retrieverFor(locale: Locale): KnowledgeRetriever;
  /** Minimum confidence (share of the question the article covers) to answer rather than offer an agent. */
  threshold: number;
}

/** What a model needs to know about the turn it works in (OpenAI mode). */
export interface ModelTurn {
  /** Aborts when the turn's time for model calls is spent: triage and answer share one budget. */
  deadline?: AbortSignal;
  /** The session name: redacted from everything sent to a model. */
  playerName?: string;
}

/** What else an answerer may use: the conversation so far, and a sink for a reply being written. */
export interface AnswerContext extends ModelTurn {
  /** The conversation before this message, oldest first (loaded only by answerers that use it). */
  history?: () => Promise<Message[]>;
  /** The reply so far, as it may be shown while it is written (only text that passed the output policy). */
  onPartial?(text: string): void;
  /** The player showed responsible-gambling signals: no bonus or promotion content at all. */
  noPromotions?: boolean;
}

export type Answerer = (question: string, locale: Locale, context?: AnswerContext) => Promise<Answer>;

export function agentAction(locale: Locale): Action {
  return { title: localize(locale, 'actionAgent'), value: localize(locale, 'actionAgent') };
}

export function answerActions(locale: Locale): Action[] {
  return [{ title: localize(locale, 'actionHelpful'), value: localize(locale, 'actionHelpful') }, agentAction(locale)];
}

/** The honest "I am not sure" reply: the closest topics, if any, and an agent. */
export function notSureAnswer(locale: Locale, topics: string[], confidence: number): Answer {
  return {
    confident: false,
    text: localize(locale, 'notSure', { topics: topics.length }),
    citations: [],
    actions: [...topics.map((title) => ({ title, value: title })), agentAction(locale)],
    confidence,
  };
}

export const citationOf = (doc: Document<SectionMetadata>): Citation => ({
  id: doc.metadata.articleId,
  title: doc.metadata.title,
  locale: doc.metadata.locale as Citation['locale'],
  hash: doc.metadata.hash,
  url: helpPagePath(doc.metadata.locale, doc.metadata.articleId, doc.metadata.heading),
});

/** Citations of every answer link under the public address when one is set (messengers need absolute links). */
export function withPublicLinks(answerer: Answerer, publicUrl: string | undefined): Answerer {
  if (!publicUrl) return answerer;
  return async (question, locale, context) => {
    const answer = await answerer(question, locale, context);
    return { ...answer, citations: answer.citations.map((c) => (c.url ? { ...c, url: publicAddress(c.url, publicUrl) } : c)) };
  };
}

/**
 * Offline answers: quote the best section of the best article, cite it, offer the follow-up
 * actions; below the threshold, say so and offer the closest topics and an agent instead.
 */
export function createOfflineAnswerer(deps: AnswererDeps): Answerer {
  return async (question, locale) => {
    const docs = await deps.retrieverFor(locale).invoke(question);
    const best = docs[0];
    if (!best || best.metadata.confidence < deps.threshold) {
      const topics = docs.filter((doc) => doc.metadata.confidence >= deps.threshold / 2).slice(0, 2);
      return notSureAnswer(locale, topics.map((doc) => doc.metadata.title), best?.metadata.confidence ?? 0);
    }
    const note = best.metadata.locale !== locale ? localize(locale, 'englishFallback') : '';
    const text = [note, best.pageContent].filter(Boolean).join('\n\n');
    return {
      confident: true,
      text,
      citations: [citationOf(best)],
      actions: answerActions(locale),
      confidence: best.metadata.confidence,
      category: best.metadata.category,
    };
  };
}
