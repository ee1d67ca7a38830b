import MiniSearch, { type SearchResult } from 'minisearch';
import type { Locale } from '../conversation/schemas.js';
import { analyseQuery, ngrams, type QueryAnalysis, searchablePrefix, terms, termsWithPairs, transliterateToCyrillic } from './analysis.js';
import { type Article, KB_LOCALES, type KbLocale, type Section } from './schemas.js';

export interface RankedArticle {
  articleId: string;
  /** The section to answer with, in the answer locale when the article has it. */
  section: Section;
  /** Relative rank score (comparable within one query only). */
  score: number;
  /** How much of the question the article covers, 0–1 (comparable across queries). */
  confidence: number;
}

interface SectionDoc {
  key: string;
  articleTitle: string;
  heading: string;
  tags: string;
  text: string;
}

const FIELDS = ['articleTitle', 'heading', 'tags', 'text'] as const;
const WORD_BOOST = { articleTitle: 2, heading: 2.5, tags: 3, text: 1 };
const GRAM_BOOST = { articleTitle: 1.5, heading: 1.5, tags: 2, text: 1 };
/** How many top articles are re-ranked by how much of the question they cover, and how much that counts. */
const RERANK_DEPTH = 8;
const COVERAGE_WEIGHT = 0.3;
/** Word matches carry more weight than character n-gram matches. */
const WORD_WEIGHT = 0.6;
/** A typo is one or two letters; each further edit multiplies the work of a fuzzy lookup. */
const MAX_TYPO_EDITS = 2;
/** How many sections of each hit list are blended: the rest cannot reach the re-ranked top. */
const MAX_CANDIDATES = 200;

/** What one search did (for tests and the bench): whatever the question, bounded by `QUERY_LIMITS`. */
export interface SearchWork {
  /** Characters of the question read. */
  chars: number;
  /** Locale indexes searched. */
  indexes: number;
  /** Distinct terms, word pairs and trigrams looked up, over all indexes. */
  terms: number;
  pairs: number;
  grams: number;
  /** Sections scored. */
  candidates: number;
}

/** MiniSearch options for a query already analysed (`analyseQuery`): each distinct token once, weighted by its count. */
function lookups(tokens: string[]) {
  const counts = new Map<string, number>();
  for (const token of tokens) counts.set(token, (counts.get(token) ?? 0) + 1);
  return {
    query: [...counts.keys()].join(' '),
    boostTerm: (term: string) => counts.get(term) ?? 1,
    // Already analysed (`analyseQuery`): handed to MiniSearch as they are.
    tokenize: (query: string) => query.split(' '),
    processTerm: (term: string) => term,
  };
}

/** Which locale indexes a question is searched in, and how much each counts. */
const SEARCH_PLAN: Record<Locale, Array<[KbLocale, number]>> = {
  en: [['en', 1]],
  ru: [['ru', 1], ['en', 0.3]],
  az: [['az', 1], ['en', 0.3]],
  // No Turkish articles: Azerbaijani is lexically closest, English is what we answer in.
  tr: [['az', 0.7], ['en', 1]],
};

class LocaleIndex {
  readonly wordIndex: MiniSearch<SectionDoc>;
  readonly gramIndex: MiniSearch<SectionDoc>;
  readonly sections = new Map<string, Section>();
  /** Every term and trigram of an article, for coverage-based confidence. */
  readonly articleTerms = new Map<string, Set<string>>();
  /** In how many sections each term occurs (for IDF). */
  readonly termDocs = new Map<string, number>();

  constructor(readonly locale: KbLocale, sections: Section[]) {
    this.wordIndex = new MiniSearch<SectionDoc>({
      idField: 'key',
      fields: [...FIELDS],
      tokenize: (text) => termsWithPairs(text, locale),
      processTerm: (term) => term,
    });
    this.gramIndex = new MiniSearch<SectionDoc>({
      idField: 'key',
      fields: [...FIELDS],
      tokenize: (text) => ngrams(text, locale),
      processTerm: (term) => term,
    });
    const docs = sections.map((section) => {
      this.sections.set(section.key, section);
      const doc = { key: section.key, articleTitle: section.articleTitle, heading: section.heading, tags: section.tags.join(' '), text: section.text };
      const sectionTerms = new Set(terms(`${doc.articleTitle} ${doc.heading} ${doc.tags} ${doc.text}`, locale));
      const articleTerms = this.articleTerms.get(section.articleId) ?? new Set();
      for (const term of sectionTerms) {
        articleTerms.add(term);
        this.termDocs.set(term, (this.termDocs.get(term) ?? 0) + 1);
      }
      this.articleTerms.set(section.articleId, articleTerms);
      return doc;
    });
    this.wordIndex.addAll(docs);
    this.gramIndex.addAll(docs);
  }

  /** Section scores, each list scaled to its best hit, blended word + n-gram. */
  score(query: QueryAnalysis): Map<string, number> {
    const { query: words, ...wordLookups } = lookups([...query.terms, ...query.pairs]);
    const wordHits = this.wordIndex.search(words, {
      ...wordLookups,
      boost: WORD_BOOST,
      fuzzy: (term) => (term.length >= 7 ? 0.2 : term.length >= 5 ? 1 : false),
      prefix: (term) => term.length >= 5,
      maxFuzzy: MAX_TYPO_EDITS,
      combineWith: 'OR',
    });
    const { query: grams, ...gramLookups } = lookups(query.grams);
    const gramHits = this.gramIndex.search(grams, { ...gramLookups, boost: GRAM_BOOST, combineWith: 'OR' });
    const blended = new Map<string, number>();
    const add = (hits: SearchResult[], weight: number) => {
      const best = hits[0]?.score ?? 0;
      if (best <= 0) return;
      for (const hit of hits.slice(0, MAX_CANDIDATES)) blended.set(String(hit.id), (blended.get(String(hit.id)) ?? 0) + (weight * hit.score) / best);
    };
    add(wordHits, WORD_WEIGHT);
    add(gramHits, 1 - WORD_WEIGHT);
    return blended;
  }

  /**
   * The share of the question's information (IDF-weighted terms) that the article contains, with
   * near-misses (typos, other word forms) counted: 0 for a question about something else, 1 for
   * a question every word of which the article speaks about.
   */
  coverage(queryTerms: string[], articleId: string): number {
    if (queryTerms.length === 0) return 0;
    const articleTerms = this.articleTerms.get(articleId) ?? new Set<string>();
    let total = 0;
    let matched = 0;
    for (const term of queryTerms) {
      const weight = this.idf(term);
      total += weight;
      if (articleTerms.has(term)) matched += weight;
      else if (term.length >= 4 && someNearMatch(term, articleTerms)) matched += 0.7 * weight;
    }
    return total === 0 ? 0 : matched / total;
  }

  private idf(term: string): number {
    const documents = this.wordIndex.documentCount;
    const df = this.termDocs.get(term) ?? 0;
    return Math.log(1 + (documents + 1) / (df + 0.5));
  }
}

function someNearMatch(term: string, candidates: Set<string>): boolean {
  for (const candidate of candidates) if (nearMatch(term, candidate)) return true;
  return false;
}

/**
 * Same word with another ending or a typo: they share a prefix of at least five letters that covers
 * three quarters of the shorter one ("зарега" ~ "зарегистрир", not "translat" ~ "transact"), or
 * they are one edit apart and long enough for that to mean a typo ("pasword" ~ "password").
 */
function nearMatch(a: string, b: string): boolean {
  let shared = 0;
  while (shared < a.length && shared < b.length && a[shared] === b[shared]) shared++;
  if (shared >= Math.max(5, 0.75 * Math.min(a.length, b.length))) return true;
  return a.length >= 6 && b.length >= 6 && editDistanceAtMostOne(a, b);
}

function editDistanceAtMostOne(a: string, b: string): boolean {
  if (a === b) return true;
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  let j = 0;
  let edits = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      i++;
      j++;
      continue;
    }
    if (++edits > 1) return false;
    if (a.length > b.length) i++;
    else if (b.length > a.length) j++;
    else {
      i++;
      j++;
    }
  }
  return edits + (a.length - i) + (b.length - j) <= 1;
}

/** An immutable hybrid index over one version of the knowledge base; reloads build a new one. */
export class KnowledgeIndex {
  private readonly indexes = new Map<KbLocale, LocaleIndex>();
  private readonly byId = new Map<string, Map<KbLocale, Article>>();

  constructor(readonly articles: Article[]) {
    for (const article of articles) {
      const versions = this.byId.get(article.id) ?? new Map<KbLocale, Article>();
      versions.set(article.locale, article);
      this.byId.set(article.id, versions);
    }
    for (const locale of KB_LOCALES) {
      // Articles missing in a locale are searched (and answered) in English there.
      const sections = [...this.byId.values()].flatMap((versions) => (versions.get(locale) ?? versions.get('en'))?.sections ?? []);
      this.indexes.set(locale, new LocaleIndex(locale, sections));
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
    // A long message is searched by its start; triage still reads all of it.
    const readable = searchablePrefix(question);
    const work: SearchWork = { chars: readable.length, indexes: SEARCH_PLAN[locale].length, terms: 0, pairs: 0, grams: 0, candidates: 0 };
    const answerIn = answerLocale(locale);
    const articleScores = new Map<string, number>();
    const sectionScores = new Map<string, number>();
    for (const [indexLocale, weight] of SEARCH_PLAN[locale]) {
      const index = this.indexes.get(indexLocale)!;
      const query = analyseQuery(queryVariants(readable, indexLocale).join(' '), indexLocale);
      const scores = index.score(query);
      work.terms += new Set(query.terms).size;
      work.pairs += new Set(query.pairs).size;
      work.grams += new Set(query.grams).size;
      work.candidates += scores.size;
      for (const [key, score] of scores) {
        const section = index.sections.get(key)!;
        const weighted = score * weight;
        articleScores.set(section.articleId, Math.max(articleScores.get(section.articleId) ?? 0, weighted));
        sectionScores.set(key, Math.max(sectionScores.get(key) ?? 0, weighted));
      }
    }
    const best = Math.max(0, ...articleScores.values());
    if (best === 0) return { hits: [], work };
    // The question's terms per index and variant, analysed once for all candidate articles.
    const queryTerms = SEARCH_PLAN[locale].flatMap(([indexLocale]) =>
      queryVariants(readable, indexLocale).map((variant) => ({ index: this.indexes.get(indexLocale)!, terms: [...new Set(analyseQuery(variant, indexLocale).terms)] })),
    );
    const hits = [...articleScores.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, RERANK_DEPTH)
      .map(([articleId, score]) => {
        const confidence = Math.max(...queryTerms.map((query) => query.index.coverage(query.terms, articleId)));
        return {
          articleId,
          section: bestSection(this.article(articleId, answerIn)!, sectionScores),
          score: (1 - COVERAGE_WEIGHT) * (score / best) + COVERAGE_WEIGHT * confidence,
          confidence,
        };
      })
      .sort((a, b) => b.score - a.score)
      .slice(0, limit);
    return { hits, work };
  }
}

/** Russian typed on a Latin keyboard is also searched transliterated to Cyrillic. */
function queryVariants(question: string, indexLocale: KbLocale): string[] {
  return indexLocale === 'ru' && /[a-z]{3}/i.test(question) ? [question, transliterateToCyrillic(question)] : [question];
}

/** The article locale a player of `locale` is answered in. */
export function answerLocale(locale: Locale): KbLocale {
  return locale === 'tr' ? 'en' : locale;
}

function bestSection(article: Article, scores: Map<string, number>): Section {
  let best = article.sections[0]!;
  let bestScore = -1;
  for (const section of article.sections) {
    const score = scores.get(section.key) ?? 0;
    if (score > bestScore) {
      best = section;
      bestScore = score;
    }
  }
  return best;
}
