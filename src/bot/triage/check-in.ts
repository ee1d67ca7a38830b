import type { Citation, Locale } from '../../core/schemas.js';
import { helpPagePath, publicAddress } from '../../knowledge/help/links.js';
import type { KnowledgeIndex } from '../../knowledge/search-index.js';

/** The article content staff keep on limits, time-outs and self-exclusion (SPEC §5). */
export const RG_TOOLS_ARTICLE = 'rg-tools';

export interface Quote {
  text: string;
  citation: Citation;
}

/**
 * The responsible-gambling tools as content staff describe them: the lead of the `rg-tools` article
 * in the player's language (English when it is not translated), cited like any answer.
 */
export function rgToolsQuote(index: KnowledgeIndex, locale: Locale, publicUrl?: string): Quote | undefined {
  const article = index.article(RG_TOOLS_ARTICLE, locale);
  const lead = article?.sections[0];
  if (!article || !lead) return undefined;
  return {
    text: lead.text,
    citation: { id: article.id, title: article.title, locale: article.locale, hash: article.hash, url: publicAddress(helpPagePath(article.locale, article.id), publicUrl) },
  };
}
