import { type QueryAnalysis, type TextTokens, textTokens } from './analysis.js';
import { buildNearTerms, NearTerms, type NearTermsData } from './near-terms.js';
import { Postings, PostingsBuilder, type PostingsData, Touched } from './postings.js';
import type { KbLocale, Section } from './schemas.js';
import type { Synonyms } from './synonyms.js';

/**
 * The search index of one locale: sections scored by words (stems and neighbour pairs, with
 * prefix, typo and synonym expansions) and by character trigrams, each list scaled to its best
 * hit and blended; articles ranked by their best section.
 */

/**
 * Section fields in builder order, and how much a match in each counts. `questions` are the
 * phrasings content staff give a section: boosted, but not above the heading, since questions of
 * one article share many words and cross-validation on them (half indexed, half asked) answers
 * with the wrong sibling section more often when they count for more. The intro's heading is the
 * article title, which `title` already counts for every section: `lead` counts it once more, gently,
 * for the intro alone, so a question about the article's topic gets the lead paragraph.
 */
const FIELDS = ['title', 'heading', 'questions', 'tags', 'text', 'lead'] as const;
const WORD_BOOST = [2, 2.5, 2, 3, 1, 1];
const GRAM_BOOST = [1.5, 1.5, 1.5, 2, 1, 1];
/** Word matches carry more weight than character n-gram matches. */
const WORD_WEIGHT = 0.6;
/** Near-term expansions, as MiniSearch weighs them: a prefix or a typo counts less than the word itself. */
const PREFIX_WEIGHT = 0.375;
const TYPO_WEIGHT = 0.45;
const PREFIX_FROM = 5;
const MAX_PREFIX_EXPANSIONS = 32;
/** A phrase of the same synonym group counts this much of the player's own word. */
const SYNONYM_WEIGHT = 0.8;
/** A trigram found in more than this share of the sections says nothing about any of them. */
const GRAM_DF_CUTOFF = 0.25;
/** A near match (another form of the word, a typo) covers this much of a question word. */
const NEAR_COVERAGE = 0.7;
/** Per-index caches of expansions and near matches; an attacker's endless new words only restart them. */
const CACHE_SIZE = 20_000;

export interface LocaleIndexData {
  words: PostingsData;
  grams: PostingsData<number>;
  near: NearTermsData;
}

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
  /** Postings read (the work that grows with the size of the knowledge base). */
  postings: number;
  /** Sections scored. */
  candidates: number;
}

const isWord = (term: string) => !term.includes('+');


/** What indexing reads of a section (all a worker is sent). */
export type IndexedSection = Pick<Section, 'articleTitle' | 'heading' | 'questions' | 'tags' | 'text'>;

export const indexedFields = ({ articleTitle, heading, questions, tags, text }: Section): IndexedSection => ({ articleTitle, heading, questions, tags, text });

/** Builds the index data of `sections` (pure data: runs in a worker as well as in place). */
export function buildLocaleIndexData(sections: readonly IndexedSection[], locale: KbLocale): LocaleIndexData {
  const words = new PostingsBuilder<string>(WORD_BOOST);
  const grams = new PostingsBuilder<number>(GRAM_BOOST, true);
  // Several short texts (questions, tags) are analysed one by one: no pair across two of them.
  const tokensOf = (texts: readonly string[]): TextTokens => {
    const each = texts.map((text) => textTokens(text, locale));
    return { terms: each.flatMap((t) => t.terms), grams: each.flatMap((t) => t.grams) };
  };
  const none: TextTokens = { terms: [], grams: [] };
  // Every section repeats its article's title: analysed once per article.
  let title = { text: '', tokens: none };
  for (const section of sections) {
    if (title.text !== section.articleTitle) title = { text: section.articleTitle, tokens: textTokens(section.articleTitle, locale) };
    const intro = section.heading === section.articleTitle;
    const fields: Record<(typeof FIELDS)[number], TextTokens> = {
      title: title.tokens,
      heading: intro ? none : textTokens(section.heading, locale),
      questions: tokensOf(section.questions),
      tags: tokensOf(section.tags),
      text: textTokens(section.text, locale),
      lead: intro ? title.tokens : none,
    };
    words.addSection();
    grams.addSection();
    FIELDS.forEach((name, field) => {
      words.field(field, [fields[name].terms]);
      grams.field(field, fields[name].grams);
    });
  }
  const wordData = words.build();
  return { words: wordData, grams: grams.build(), near: buildNearTerms(wordData.terms, isWord) };
}

interface Expansion {
  ids: number[];
  factors: number[];
}

/** One word of the question for coverage: its weight, how informative it is, and what in an article counts as it. */
interface Concept {
  weight: number;
  idf: number;
  /** Term ids any of which covers the word (the word itself, one-word synonyms). */
  same: number[];
  /** Synonym phrases: every term id of one of them covers the word. */
  phrases: number[][];
  /** Other forms and typos of the word. */
  near: number[];
}

export type Concepts = Concept[];

function remember<V>(cache: Map<string, V>, key: string, value: V): V {
  if (cache.size >= CACHE_SIZE) cache.clear();
  cache.set(key, value);
  return value;
}

export class LocaleIndex {
  private readonly words: Postings;
  private readonly grams: Postings<number>;
  private readonly near: NearTerms;
  /** Article `a` holds sections `[articleStart[a], articleStart[a + 1])`. */
  private readonly articleStart: Int32Array;
  private readonly sectionArticle: Int32Array;
  readonly articleIds: string[] = [];
  private readonly ordinals = new Map<string, number>();
  private readonly wordScores: Float32Array;
  private readonly gramScores: Float32Array;
  private readonly blended: Float32Array;
  private readonly wordTouched: Touched;
  private readonly gramTouched: Touched;
  private readonly expansions = new Map<string, Expansion>();
  private readonly nearMatches = new Map<string, number[]>();

  constructor(
    readonly locale: KbLocale,
    readonly sections: readonly Section[],
    data: LocaleIndexData,
    private readonly synonyms: Synonyms,
  ) {
    this.words = new Postings(data.words);
    this.grams = new Postings(data.grams);
    this.near = new NearTerms(data.words.terms, data.near);
    this.sectionArticle = new Int32Array(sections.length);
    const starts: number[] = [];
    sections.forEach((section, i) => {
      if (i === 0 || section.articleId !== sections[i - 1]!.articleId) {
        this.ordinals.set(section.articleId, this.articleIds.length);
        this.articleIds.push(section.articleId);
        starts.push(i);
      }
      this.sectionArticle[i] = this.articleIds.length - 1;
    });
    this.articleStart = Int32Array.from([...starts, sections.length]);
    this.wordScores = new Float32Array(sections.length);
    this.gramScores = new Float32Array(sections.length);
    this.blended = new Float32Array(sections.length);
    this.wordTouched = new Touched(sections.length);
    this.gramTouched = new Touched(sections.length);
  }

  /**
   * Scores every section for the question, each list (words, trigrams) scaled to its best hit and
   * blended; the scores stay readable (`topArticles`, `sectionScore`) until `reset`.
   */
  score(query: QueryAnalysis, work: SearchWork): void {
    const terms = new Map<string, number>();
    for (const { term, weight } of query.terms) terms.set(term, (terms.get(term) ?? 0) + weight);
    work.terms += terms.size;
    work.pairs += query.pairs.size;
    for (const [term, weight] of terms) {
      const { ids, factors } = this.expand(term);
      for (let i = 0; i < ids.length; i++) work.postings += this.words.accumulate(ids[i]!, weight * factors[i]!, this.wordScores, this.wordTouched);
    }
    for (const [pair, weight] of query.pairs) {
      const id = this.words.id(pair);
      if (id !== undefined) work.postings += this.words.accumulate(id, weight, this.wordScores, this.wordTouched);
    }
    for (const [term, weight] of this.synonymTerms(query, terms)) {
      const id = this.words.id(term);
      if (id !== undefined) work.postings += this.words.accumulate(id, weight, this.wordScores, this.wordTouched);
    }
    const gramLimit = Math.max(1, GRAM_DF_CUTOFF * this.sections.length);
    for (const [gram, weight] of query.grams) {
      work.grams++;
      const id = this.grams.id(gram);
      if (id !== undefined && this.grams.df(id) <= gramLimit) work.postings += this.grams.accumulate(id, weight, this.gramScores, this.gramTouched);
    }
    this.blend(this.wordScores, this.wordTouched, WORD_WEIGHT);
    this.blend(this.gramScores, this.gramTouched, 1 - WORD_WEIGHT);
    work.candidates += Math.max(this.wordTouched.size, this.gramTouched.size);
  }

  private blend(scores: Float32Array, touched: Touched, weight: number): void {
    let best = 0;
    for (let i = 0; i < touched.size; i++) best = Math.max(best, scores[touched.list[i]!]!);
    if (best <= 0) return;
    for (let i = 0; i < touched.size; i++) {
      const doc = touched.list[i]!;
      this.blended[doc]! += (weight * scores[doc]!) / best;
    }
  }

  /** The `k` best articles by their best section, best first (partial selection, ties to the earlier article). */
  topArticles(k: number): Array<{ articleId: string; score: number }> {
    const top: Array<{ article: number; score: number }> = [];
    const consider = (touched: Touched) => {
      for (let i = 0; i < touched.size; i++) {
        const doc = touched.list[i]!;
        const article = this.sectionArticle[doc]!;
        const score = this.blended[doc]!;
        const existing = top.findIndex((entry) => entry.article === article);
        if (existing >= 0) {
          if (score <= top[existing]!.score) continue;
          top.splice(existing, 1);
        } else if (top.length === k && !outranks(score, article, top[k - 1]!)) continue;
        let at = top.length;
        while (at > 0 && outranks(score, article, top[at - 1]!)) at--;
        top.splice(at, 0, { article, score });
        if (top.length > k) top.pop();
      }
    };
    consider(this.wordTouched);
    consider(this.gramTouched);
    return top.map(({ article, score }) => ({ articleId: this.articleIds[article]!, score }));
  }

  /** The article's sections with their blended scores (zero when a section matched nothing). */
  sectionScores(articleId: string): Array<{ section: Section; score: number }> {
    const article = this.ordinals.get(articleId);
    if (article === undefined) return [];
    const scored: Array<{ section: Section; score: number }> = [];
    for (let doc = this.articleStart[article]!; doc < this.articleStart[article + 1]!; doc++) scored.push({ section: this.sections[doc]!, score: this.blended[doc]! });
    return scored;
  }

  reset(): void {
    for (const touched of [this.wordTouched, this.gramTouched]) {
      for (let i = 0; i < touched.size; i++) this.blended[touched.list[i]!] = 0;
    }
    this.wordTouched.clear(this.wordScores);
    this.gramTouched.clear(this.gramScores);
  }

  /** The words of a question as coverage needs them (computed once per question, used for every candidate). */
  concepts(query: QueryAnalysis): Concepts {
    const weights = new Map<string, number>();
    for (const { term, weight } of query.terms) weights.set(term, Math.max(weights.get(term) ?? 0, weight));
    const phrases = new Map<string, string[][]>();
    const sequence = query.terms.map((t) => t.term);
    for (const match of this.synonyms.find(sequence)) {
      for (const at of match.at) phrases.set(sequence[at]!, [...(phrases.get(sequence[at]!) ?? []), ...match.alternatives]);
    }
    const documents = this.sections.length;
    return [...weights].map(([term, weight]) => {
      const id = this.words.id(term);
      const df = id === undefined ? 0 : this.words.df(id);
      const ids = (phrase: string[]) => phrase.map((t) => this.words.id(t) ?? -1);
      const alternatives = (phrases.get(term) ?? []).map(ids).filter((phrase) => phrase.every((i) => i >= 0));
      return {
        weight,
        idf: Math.log(1 + (documents + 1) / (df + 0.5)),
        same: [...(id === undefined ? [] : [id]), ...alternatives.filter((p) => p.length === 1).map((p) => p[0]!)],
        phrases: alternatives.filter((p) => p.length > 1),
        near: this.nearMatchesOf(term),
      };
    });
  }

  /**
   * The share of the question's information (IDF-weighted words) that the article contains, with
   * near-misses (typos, other word forms) partly counted: 0 for a question about something else, 1
   * for a question every word of which the article speaks about.
   */
  coverage(concepts: Concepts, articleId: string): number {
    const article = this.ordinals.get(articleId);
    if (article === undefined || concepts.length === 0) return 0;
    const first = this.articleStart[article]!;
    const end = this.articleStart[article + 1]!;
    const occurs = (id: number) => this.words.occursIn(id, first, end);
    let total = 0;
    let matched = 0;
    for (const concept of concepts) {
      const weight = concept.idf * concept.weight;
      total += weight;
      if (concept.same.some(occurs) || concept.phrases.some((phrase) => phrase.every(occurs))) matched += weight;
      else if (concept.near.some(occurs)) matched += NEAR_COVERAGE * weight;
    }
    return total === 0 ? 0 : matched / total;
  }

  /** The term itself, its longer forms (prefix) and its typos (edit distance), with MiniSearch's weights. */
  private expand(term: string): Expansion {
    const cached = this.expansions.get(term);
    if (cached) return cached;
    const expansion: Expansion = { ids: [], factors: [] };
    const exact = this.words.id(term);
    if (exact !== undefined) {
      expansion.ids.push(exact);
      expansion.factors.push(1);
    }
    const seen = new Set<number>(exact === undefined ? [] : [exact]);
    if (term.length >= PREFIX_FROM) {
      for (const id of this.near.withPrefix(term, MAX_PREFIX_EXPANSIONS + 1)) {
        if (seen.has(id)) continue;
        seen.add(id);
        const length = this.words.data.terms[id]!.length;
        expansion.ids.push(id);
        expansion.factors.push((PREFIX_WEIGHT * length) / (length + 0.3 * (length - term.length)));
      }
    }
    const maxEdits = term.length >= 8 ? 2 : term.length >= 5 ? 1 : 0;
    if (maxEdits > 0) {
      for (const [id, distance] of this.near.withinEdits(term, maxEdits)) {
        if (seen.has(id)) continue;
        const length = this.words.data.terms[id]!.length;
        expansion.ids.push(id);
        expansion.factors.push((TYPO_WEIGHT * length) / (length + distance));
      }
    }
    return remember(this.expansions, term, expansion);
  }

  /**
   * Terms of the index that are the same word with another ending or a typo: they share a prefix of
   * at least five letters that covers three quarters of the shorter one ("зарега" ~ "зарегистрир",
   * not "translat" ~ "transact"), or they are one edit apart and long enough for that to mean a
   * typo ("pasword" ~ "password").
   */
  private nearMatchesOf(term: string): number[] {
    const cached = this.nearMatches.get(term);
    if (cached) return cached;
    const found = new Set<number>();
    if (term.length >= 5) {
      for (const id of this.near.withPrefix(term.slice(0, 5), CACHE_SIZE)) {
        const other = this.words.data.terms[id]!;
        let shared = 5;
        while (shared < term.length && shared < other.length && term[shared] === other[shared]) shared++;
        if (other !== term && shared >= 0.75 * Math.min(term.length, other.length)) found.add(id);
      }
    }
    if (term.length >= 6) for (const [id] of this.near.withinEdits(term, 1)) if (this.words.data.terms[id]!.length >= 6) found.add(id);
    return remember(this.nearMatches, term, [...found].sort((a, b) => a - b));
  }

  /** Terms (and pairs) of the synonym phrases the question uses, not already in it, with their weights. */
  private synonymTerms(query: QueryAnalysis, own: Map<string, number>): Map<string, number> {
    const added = new Map<string, number>();
    const sequence = query.terms.map((t) => t.term);
    for (const match of this.synonyms.find(sequence)) {
      const weight = SYNONYM_WEIGHT * Math.max(...match.at.map((at) => query.terms[at]!.weight));
      for (const phrase of match.alternatives) {
        const share = weight / phrase.length;
        for (const term of phrase) if (!own.has(term)) added.set(term, Math.max(added.get(term) ?? 0, share));
        for (let i = 1; i < phrase.length; i++) {
          const [a, b] = [phrase[i - 1]!, phrase[i]!].sort();
          if (a !== b) added.set(`${a}+${b}`, Math.max(added.get(`${a}+${b}`) ?? 0, weight));
        }
      }
    }
    return added;
  }
}

const outranks = (score: number, article: number, other: { article: number; score: number }) =>
  score > other.score || (score === other.score && article < other.article);
