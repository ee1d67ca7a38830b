import type { Document } from '@langchain/core/documents';
import type { Locale } from '../core/schemas.js';
import type { SectionMetadata } from '../knowledge/retriever.js';

/** A section the model was given, as the output policy checks an answer against it. */
export interface PolicySection {
  text: string;
  category?: string;
}

/** How the prompts name the player's language. */
export const LANGUAGE_NAME: Record<Locale, string> = { en: 'English', ru: 'Russian', az: 'Azerbaijani', tr: 'Turkish' };

/** A `[n]` citation marker (with the space before it, so removing it leaves clean text). */
export const CITATION_MARKER = /\s?\[(\d{1,3})\]/g;

/** Retrieved sections as the numbered list the prompts cite from. */
export function numberedSections(docs: Document<SectionMetadata>[]): string {
  return docs.map((doc, i) => `[${i + 1}] ${doc.metadata.title} — ${doc.pageContent}`).join('\n\n') || '(none)';
}

/** The same sections as the output policy checks citations against them. */
export function policySections(docs: Document<SectionMetadata>[]): PolicySection[] {
  return docs.map((doc) => ({ text: `${doc.metadata.title}\n${doc.pageContent}`, category: doc.metadata.category }));
}

export function withoutMarkers(text: string): string {
  return text.replace(CITATION_MARKER, '').replace(/[ \t]+\n/g, '\n').trim();
}
