import { performance } from 'node:perf_hooks';
import type { Locale } from '../src/conversation/schemas.js';
import { readEvalFiles } from '../src/knowledge/evaluate.js';
import { loadKnowledge, parseArticle } from '../src/knowledge/load.js';
import type { Article } from '../src/knowledge/schemas.js';
import { KnowledgeIndex } from '../src/knowledge/search-index.js';
import { percentile } from './load.js';

export interface RetrievalFigures {
  label: string;
  articles: number;
  sections: number;
  buildMs: number;
  queries: number;
  p50Ms: number;
  p99Ms: number;
}

function time<T>(fn: () => T): [T, number] {
  const started = performance.now();
  const result = fn();
  return [result, performance.now() - started];
}

function measure(label: string, articles: Article[], questions: Array<[string, Locale]>): RetrievalFigures {
  const [index, buildMs] = time(() => new KnowledgeIndex(articles));
  for (const [q, locale] of questions.slice(0, 20)) index.search(q, locale); // warm-up
  const latencies = questions.map(([q, locale]) => time(() => index.search(q, locale))[1]).sort((a, b) => a - b);
  return { label, articles: articles.length, sections: index.sectionCount, buildMs, queries: questions.length, p50Ms: percentile(latencies, 50), p99Ms: percentile(latencies, 99) };
}

/** A synthetic base of `count` articles per locale made by recombining the shipped sections' sentences. */
function generatedBase(shipped: Article[], count: number): Article[] {
  const sentences = shipped.flatMap((a) => a.sections.flatMap((s) => s.text.split(/(?<=[.!?])\s+/).map((text) => ({ locale: a.locale, text }))));
  const byLocale = new Map<string, string[]>();
  for (const { locale, text } of sentences) byLocale.set(locale, [...(byLocale.get(locale) ?? []), text]);
  let seed = 42;
  const random = () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  const pick = (list: string[]) => list[Math.floor(random() * list.length)]!;
  const articles: Article[] = [];
  for (const [locale, pool] of byLocale) {
    for (let i = 0; i < count / byLocale.size; i++) {
      const sections = Array.from({ length: 5 }, (_, s) => `## ${pick(pool).slice(0, 60)} ${s}\n${pick(pool)} ${pick(pool)} ${pick(pool)}`);
      const source = `---\nid: generated-${i}\nlocale: ${locale}\ntitle: Generated article ${i}\ncategory: rules\ntags: [generated]\nupdated: 2026-11-01\n---\n${pick(pool)}\n\n${sections.join('\n\n')}\n`;
      articles.push(parseArticle(`${locale}/generated-${i}.md`, source));
    }
  }
  return articles;
}

export async function benchRetrieval(): Promise<RetrievalFigures[]> {
  const { articles } = await loadKnowledge('knowledge');
  const questions = (await readEvalFiles('knowledge/eval/dev')).flatMap((file) => file.questions.map((q) => [q.q, file.locale] as [string, Locale]));
  const shipped = measure('shipped base', articles, questions);
  const generated = measure('generated 10,000 articles', generatedBase(articles, 10_000), questions);
  return [shipped, generated];
}
