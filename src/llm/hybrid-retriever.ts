import { type BaseRetrieverInput, BaseRetriever } from '@langchain/core/retrievers';
import type { Document } from '@langchain/core/documents';
import type { Locale } from '../core/schemas.js';
import type { KnowledgeBase } from '../knowledge/knowledge-base.js';
import { type SectionMetadata, sectionDocument } from '../knowledge/retriever.js';
import type { KbLocale, Section } from '../knowledge/schemas.js';
import { answerLocale } from '../knowledge/search-index.js';
import type { SemanticHit } from './semantic-index.js';

/** Reciprocal rank fusion's damping constant (the usual 60). */
const RRF_K = 60;

export interface HybridRetrieverInput extends BaseRetrieverInput {
  knowledge: KnowledgeBase;
  /** Embedding similarity search; empty when embeddings are unavailable (retrieval then stays offline). */
  semantic(question: string, locales: KbLocale[], k: number): Promise<SemanticHit[]>;
  locale: Locale;
  k?: number;
}

/**
 * The offline hybrid ranking fused with embedding similarity by reciprocal rank fusion, over
 * sections in the language the player is answered in (English where an article is missing).
 */
export class HybridRetriever extends BaseRetriever<SectionMetadata> {
  lc_namespace = ['pitboss', 'llm'];
  private readonly input: HybridRetrieverInput;

  constructor(input: HybridRetrieverInput) {
    super(input);
    this.input = input;
  }

  override async _getRelevantDocuments(question: string): Promise<Document<SectionMetadata>[]> {
    const { knowledge, semantic, locale, k = 4 } = this.input;
    const target = answerLocale(locale);
    const offline = knowledge.index.search(question, locale, 8);
    const available = new Set(knowledge.index.articles.filter((a) => a.locale === target).map((a) => a.id));
    const semanticHits = (await semantic(question, [...new Set([target, 'en' as const])], 16)).filter(
      (hit) => hit.section.locale === target || !available.has(hit.section.articleId),
    );

    const fused = new Map<string, { section: Section; score: number; confidence: number }>();
    const add = (section: Section, rank: number, confidence: number) => {
      const entry = fused.get(section.key) ?? { section, score: 0, confidence: 0 };
      entry.score += 1 / (RRF_K + rank + 1);
      entry.confidence = Math.max(entry.confidence, confidence);
      fused.set(section.key, entry);
    };
    for (const [rank, hit] of offline.entries()) add(hit.section, rank, hit.confidence);
    for (const [rank, hit] of semanticHits.entries()) add(hit.section, rank, hit.score);
    return [...fused.values()]
      .sort((a, b) => b.score - a.score)
      .slice(0, k)
      .map((entry) => sectionDocument(entry.section, entry.score, entry.confidence));
  }
}
