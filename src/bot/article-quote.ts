import type { Citation, Locale } from '../core/schemas.js';
import { helpPagePath, publicAddress } from '../knowledge/help/links.js';
import type { Article, Section } from '../knowledge/schemas.js';
import type { KnowledgeIndex } from '../knowledge/search-index.js';

/** The article content staff keep on limits, time-outs and self-exclusion (SPEC §5). */
export const RG_TOOLS_ARTICLE = 'rg-tools';

/** A passage of an article, quoted in a reply and cited like any answer. */
export interface Quote {
  text: string;
  citation: Citation;
}

/** How many articles a question's search looks through for the one a quote must come from. */
const SEARCH_DEPTH = 8;

function quoteOf(article: Article, section: Section, publicUrl: string | undefined): Quote {
  const heading = section === article.sections[0] ? undefined : section.heading;
  return {
    text: section.text,
    citation: { id: article.id, title: article.title, locale: article.locale, hash: article.hash, url: publicAddress(helpPagePath(article.locale, article.id, heading), publicUrl) },
  };
}

/**
 * The responsible-gambling tools as content staff describe them: the lead of the `rg-tools` article
 * in the player's language (English when it is not translated), cited like any answer.
 */
export function rgToolsQuote(index: KnowledgeIndex, locale: Locale, publicUrl?: string): Quote | undefined {
  const article = index.article(RG_TOOLS_ARTICLE, locale);
  const lead = article?.sections[0];
  return article && lead ? quoteOf(article, lead, publicUrl) : undefined;
}

/**
 * The section of one article that best answers the question (its lead when the question finds none
 * of it), in the player's language where the article has it: the policy that goes with a player's
 * own figures.
 */
export function articleQuote(index: KnowledgeIndex, articleId: string, question: string, locale: Locale, publicUrl?: string): Quote | undefined {
  const article = index.article(articleId, locale);
  if (!article) return undefined;
  const hit = index.search(question, locale, SEARCH_DEPTH).find((found) => found.articleId === articleId);
  const section = article.sections.find((s) => s.key === hit?.section.key) ?? article.sections[0];
  return section ? quoteOf(article, section, publicUrl) : undefined;
}
