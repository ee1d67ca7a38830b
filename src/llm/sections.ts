import type { Document } from '@langchain/core/documents';
import type { Locale } from '../conversation/schemas.js';
import type { SectionMetadata } from '../knowledge/retriever.js';

/** How the prompts name the player's language. */
export const LANGUAGE_NAME: Record<Locale, string> = { en: 'English', ru: 'Russian', az: 'Azerbaijani', tr: 'Turkish' };

/** A `[n]` citation marker (with the space before it, so removing it leaves clean text). */
export const CITATION_MARKER = /\s?\[(\d{1,2})\]/g;

/** Retrieved sections as the numbered list the prompts cite from. */
export function numberedSections(docs: Document<SectionMetadata>[]): string {
  return docs.map((doc, i) => `[${i + 1}] ${doc.metadata.title} — ${doc.pageContent}`).join('\n\n') || '(none)';
}

/** The section numbers a reply cites that exist in the list, in order of first use. */
export function citedNumbers(reply: string, available: number): number[] {
  return [...new Set([...reply.matchAll(CITATION_MARKER)].map((m) => Number(m[1])))].filter((n) => n >= 1 && n <= available);
}

export function withoutMarkers(text: string): string {
  return text.replace(CITATION_MARKER, '').replace(/[ \t]+\n/g, '\n').trim();
}
