import type { Locale } from '../core/schemas.js';
import { analyseQuery, type QueryPart, transliterateToCyrillic } from './analysis.js';
import type { LanguageResources } from './language-resources.js';
import { type Concepts, type IndexedSection, indexedFields, LocaleIndex, type SearchWork } from './locale-index.js';
import { buildLocaleSnapshot, type LocaleSnapshot } from './locale-snapshot.js';
import { partsLength, questionParts } from './question-focus.js';
import { type Article, KB_LOCALES, type KbLocale, type Section } from './schemas.js';
import { Synonyms } from './synonyms.js';

export type { SearchWork } from './locale-index.js';

export interface RankedArticle {
  articleId: string;
  /** The section to answer with, in the answer locale when the article has it. */
  section: Section;
  /** The article's lead paragraph, quoted before `section` when it matched the question best: never the whole answer while a section has something to say. */
  lead?: Section;
  /** Relative rank score (comparable within one query only). */
  score: number;
  /** How much of the question the article covers, 0–1 (comparable across queries). */
  confidence: number;
}

/** How many top articles are re-ranked by how much of the question they cover, and how much that counts. */
const RERANK_DEPTH = 8;
const COVERAGE_WEIGHT = 0.4;

/** Which locale indexes a question is searched in, and how much each counts. */
const SEARCH_PLAN: Record<Locale, Array<[KbLocale, number]>> = {
  en: [['en', 1]],
  ru: [['ru', 1], ['en', 0.3]],
  az: [['az', 1], ['en', 0.3]],
  // No Turkish articles: Azerbaijani is lexically closest, English is what we answer in.
  tr: [['az', 0.7], ['en', 1]],
};

/** Synonyms and small talk per locale, as far as search uses them. */
export type LanguageSet = Partial<Record<KbLocale, Pick<LanguageResources, 'synonyms'>>>;

export type IndexSnapshot = Record<KbLocale, LocaleSnapshot>;

/** The sections each locale index holds: every article in that locale, else in English (searched and answered in English there). */
function localeSections(byId: Map<string, Map<KbLocale, Article>>, locale: KbLocale): Section[] {
  return [...byId.values()].flatMap((versions) => (versions.get(locale) ?? versions.get('en'))?.sections ?? []);
}

function groupById(articles: readonly Article[]): Map<string, Map<KbLocale, Article>> {
  const byId = new Map<string, Map<KbLocale, Article>>();
  for (const article of articles) {
    const versions = byId.get(article.id) ?? new Map<KbLocale, Article>();
    versions.set(article.locale, article);
    byId.set(article.id, versions);
  }
  return byId;
}

/** The sections of every locale index, in index order (what a build needs to know). */
export function indexedSections(articles: readonly Article[]): Record<KbLocale, IndexedSection[]> {
  const byId = groupById(articles);
  return Object.fromEntries(KB_LOCALES.map((locale) => [locale, localeSections(byId, locale).map(indexedFields)])) as Record<KbLocale, IndexedSection[]>;
}

export function buildIndexSnapshot(articles: readonly Article[]): IndexSnapshot {
  const sections = indexedSections(articles);
  return Object.fromEntries(KB_LOCALES.map((locale) => [locale, buildLocaleSnapshot(sections[locale], locale)])) as IndexSnapshot;
}

/** An immutable index over one version of the knowledge base; reloads build a new one. */
export class KnowledgeIndex {
  private readonly indexes = new Map<KbLocale, LocaleIndex>();
  private readonly byId: Map<string, Map<KbLocale, Article>>;
  private readonly openers = new Map<Locale, Set<string>>();

  /** Builds the index in place unless given the `snapshot` a worker built (the live knowledge base's reloads). */
  constructor(
    readonly articles: Article[],
    language: LanguageSet = {},
    snapshot: IndexSnapshot = buildIndexSnapshot(articles),
  ) {
    this.byId = groupById(articles);
    for (const locale of KB_LOCALES) {
      const synonyms = new Synonyms(language[locale]?.synonyms ?? [], locale);
      this.indexes.set(locale, new LocaleIndex(locale, localeSections(this.byId, locale), snapshot[locale].data, synonyms));
    }
    for (const [locale, plan] of Object.entries(SEARCH_PLAN) as Array<[Locale, Array<[KbLocale, number]>]>) {
      this.openers.set(locale, new Set(plan.flatMap(([indexLocale]) => snapshot[indexLocale].openers)));
    }
  }

  get sectionCount(): number {
    return this.articles.reduce((sum, article) => sum + article.sections.length, 0);
  }

  /** The article in the wanted locale, else in English. */
  article(id: string, locale: Locale): Article | undefined {
    const versions = this.byId.get(id);
    if (!versions) return undefined;
    return versions.get(locale as KbLocale) ?? versions.get('en') ?? [...versions.values()][0];
  }

  /** Articles best answering the question, best first; each with the section to quote. */
  search(question: string, locale: Locale, limit = 3): RankedArticle[] {
    return this.searchCounted(question, locale, limit).hits;
  }

  /** `search`, and how much work it took (bounded by `QUERY_LIMITS` whatever the question). */
  searchCounted(question: string, locale: Locale, limit = 3): { hits: RankedArticle[]; work: SearchWork } {
    // A long message is searched by the sentences that ask, within a bounded number of characters; triage still reads all of it.
    const parts = questionParts(question, locale, this.openers.get(locale)!);
    const plan = SEARCH_PLAN[locale];
    const work: SearchWork = { chars: partsLength(parts), indexes: plan.length, terms: 0, pairs: 0, grams: 0, postings: 0, candidates: 0 };
    const answerIn = answerLocale(locale);
    const articleScores = new Map<string, number>();
    const coverageQueries: Array<{ index: LocaleIndex; concepts: Concepts }> = [];
    try {
      for (const [indexLocale, weight] of plan) {
        const index = this.indexes.get(indexLocale)!;
        const variants = queryVariants(parts, indexLocale);
        const asked = analyseQuery(variants.flat(), indexLocale);
        index.score(asked, work);
        for (const { articleId, score } of index.topArticles(RERANK_DEPTH)) {
          articleScores.set(articleId, Math.max(articleScores.get(articleId) ?? 0, score * weight));
        }
        // With one variant the question scored is the question covered: analysed once.
        for (const variant of variants) coverageQueries.push({ index, concepts: index.concepts(variants.length === 1 ? asked : analyseQuery(variant, indexLocale)) });
      }
      const best = Math.max(0, ...articleScores.values());
      if (best === 0) return { hits: [], work };
      const answerIndex = this.indexes.get(answerIn)!;
      const hits = [...articleScores]
        .sort((a, b) => b[1] - a[1])
        .slice(0, RERANK_DEPTH)
        .map(([articleId, score]) => {
          const confidence = Math.max(...coverageQueries.map((query) => query.index.coverage(query.concepts, articleId)));
          return {
            articleId,
            ...answerSections(answerIndex, this.article(articleId, answerIn)!),
            score: (1 - COVERAGE_WEIGHT) * (score / best) + COVERAGE_WEIGHT * confidence,
            confidence,
          };
        })
        .sort((a, b) => b.score - a.score)
        .slice(0, limit);
      return { hits, work };
    } finally {
      for (const [indexLocale] of plan) this.indexes.get(indexLocale)!.reset();
    }
  }
}

/** Russian typed on a Latin keyboard is also searched transliterated to Cyrillic. */
function queryVariants(parts: QueryPart[], indexLocale: KbLocale): QueryPart[][] {
  if (indexLocale !== 'ru' || !parts.some((part) => /[a-z]{3}/i.test(part.text))) return [parts];
  return [parts, parts.map((part) => ({ ...part, text: transliterateToCyrillic(part.text) }))];
}

/** The article locale a player of `locale` is answered in. */
export function answerLocale(locale: Locale): KbLocale {
  return locale === 'tr' ? 'en' : locale;
}

/**
 * What to quote of an article: the section that matched the question best. When that is the lead
 * paragraph, it is kept in front of the best-matching other section, so that a question about the
 * article's topic gets the overview and the specifics; the lead alone only when no section matched.
 */
function answerSections(index: LocaleIndex, article: Article): { section: Section; lead?: Section } {
  const scored = index.sectionScores(article.id);
  const best = (candidates: typeof scored) => candidates.reduce<(typeof scored)[number] | undefined>((top, entry) => (entry.score > (top?.score ?? 0) ? entry : top), undefined);
  const top = best(scored);
  if (!top) return { section: article.sections[0]! };
  if (top.section.heading !== article.title) return { section: top.section };
  const next = best(scored.filter((entry) => entry !== top));
  return next ? { section: next.section, lead: top.section } : { section: top.section };
}
