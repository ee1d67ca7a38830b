import { type BaseRetrieverInput, BaseRetriever } from '@langchain/core/retrievers';
import { Document } from '@langchain/core/documents';
import type { Locale } from '../core/schemas.js';
import type { KnowledgeBase } from './knowledge-base.js';
import type { Section } from './schemas.js';
import type { RankedArticle } from './search-index.js';

export interface SectionMetadata {
  articleId: string;
  locale: string;
  title: string;
  heading: string;
  category: string;
  hash: string;
  sectionKey: string;
  score: number;
  confidence: number;
}

export interface KnowledgeRetrieverInput extends BaseRetrieverInput {
  knowledge: KnowledgeBase;
  locale: Locale;
  k?: number;
}

/**
 * The offline hybrid search as a LangChain retriever, so OpenAI mode can fuse embeddings into it
 * (e.g. with an ensemble retriever) and chains can consume it like any other.
 */
export class KnowledgeRetriever extends BaseRetriever<SectionMetadata> {
  lc_namespace = ['pitboss', 'knowledge'];
  private readonly knowledge: KnowledgeBase;
  private readonly locale: Locale;
  private readonly k: number;

  constructor(input: KnowledgeRetrieverInput) {
    super(input);
    this.knowledge = input.knowledge;
    this.locale = input.locale;
    this.k = input.k ?? 3;
  }

  override async _getRelevantDocuments(query: string): Promise<Document<SectionMetadata>[]> {
    return this.knowledge.index.search(query, this.locale, this.k).map(toDocument);
  }
}

const quotable = (section: Section) => `${section.heading}\n${section.text}`;

export function toDocument(hit: RankedArticle): Document<SectionMetadata> {
  const document = sectionDocument(hit.section, hit.score, hit.confidence);
  if (hit.lead) document.pageContent = `${quotable(hit.lead)}\n\n${document.pageContent}`;
  return document;
}

/** A knowledge section as a LangChain document (the shape every retriever here returns). */
export function sectionDocument(section: Section, score: number, confidence: number): Document<SectionMetadata> {
  return new Document({
    pageContent: quotable(section),
    metadata: {
      articleId: section.articleId,
      locale: section.locale,
      title: section.articleTitle,
      heading: section.heading,
      category: section.category,
      hash: section.articleHash,
      sectionKey: section.key,
      score,
      confidence,
    },
  });
}
