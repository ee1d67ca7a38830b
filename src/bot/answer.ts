import type { Action, Citation, Locale } from '../conversation/schemas.js';
import type { KnowledgeRetriever, SectionMetadata } from '../knowledge/retriever.js';
import type { Document } from '@langchain/core/documents';
import { localize } from './messages.js';

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

export type Answerer = (question: string, locale: Locale) => Promise<Answer>;

const citationOf = (doc: Document<SectionMetadata>): Citation => ({
  id: doc.metadata.articleId,
  title: doc.metadata.title,
  locale: doc.metadata.locale as Citation['locale'],
  hash: doc.metadata.hash,
});

/**
 * Offline answers: quote the best section of the best article, cite it, offer the follow-up
 * actions; below the threshold, say so and offer the closest topics and an agent instead.
 */
export function createOfflineAnswerer(deps: AnswererDeps): Answerer {
  return async (question, locale) => {
    const docs = await deps.retrieverFor(locale).invoke(question);
    const best = docs[0];
    const agent = { title: localize(locale, 'actionAgent'), value: localize(locale, 'actionAgent') };
    if (!best || best.metadata.confidence < deps.threshold) {
      const topics = docs
        .filter((doc) => doc.metadata.confidence >= deps.threshold / 2)
        .slice(0, 2)
        .map((doc) => ({ title: doc.metadata.title, value: doc.metadata.title }));
      return { confident: false, text: localize(locale, 'notSure'), citations: [], actions: [...topics, agent], confidence: best?.metadata.confidence ?? 0 };
    }
    const note = best.metadata.locale !== locale ? localize(locale, 'englishFallback') : '';
    const text = [note, best.pageContent].filter(Boolean).join('\n\n');
    return {
      confident: true,
      text,
      citations: [citationOf(best)],
      actions: [{ title: localize(locale, 'actionHelpful'), value: localize(locale, 'actionHelpful') }, agent],
      confidence: best.metadata.confidence,
      category: best.metadata.category,
    };
  };
}
