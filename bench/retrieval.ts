import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { Locale } from '../src/core/schemas.js';
import { readEvalFiles } from '../src/knowledge/evaluate.js';
import { IndexBuilder } from '../src/knowledge/index-builder.js';
import { loadKnowledge, parseArticle } from '../src/knowledge/load.js';
import type { Article } from '../src/knowledge/schemas.js';
import { KnowledgeIndex } from '../src/knowledge/search-index.js';
import { percentile } from './load.js';

export interface RetrievalFigures {
  label: string;
  articles: number;
  sections: number;
  /** Building the index in place (what a start-up costs). */
  buildMs: number;
  /** Building it in the worker as a reload does, and the longest the event loop waited meanwhile. */
  workerBuildMs: number;
  eventLoopMaxMs: number;
  /** Heap and typed arrays the index holds (the articles themselves not counted). */
  memoryMb: number;
  queries: number;
  p50Ms: number;
  p99Ms: number;
}

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

function memoryMb(): number {
  // A second collection frees what the first one's finalisers released (array buffers behind typed arrays).
  gc();
  gc();
  const { heapUsed, arrayBuffers } = process.memoryUsage();
  return (heapUsed + arrayBuffers) / 1e6;
}

async function measure(label: string, articles: Article[], questions: Array<[string, Locale]>): Promise<RetrievalFigures> {
  const before = memoryMb();
  const started = performance.now();
  const index = new KnowledgeIndex(articles);
  const buildMs = performance.now() - started;
  const memory = memoryMb() - before;

  const builder = new IndexBuilder();
  const delay = monitorEventLoopDelay({ resolution: 1 });
  const workerStarted = performance.now();
  delay.enable();
  await builder.build(articles);
  delay.disable();
  const workerBuildMs = performance.now() - workerStarted;
  await builder.close();

  for (let round = 0; round < 2; round++) for (const [q, locale] of questions) index.search(q, locale); // warm-up
  const latencies = questions
    .map(([q, locale]) => {
      const t0 = performance.now();
      index.search(q, locale);
      return performance.now() - t0;
    })
    .sort((a, b) => a - b);
  return {
    label,
    articles: articles.length,
    sections: index.sectionCount,
    buildMs,
    workerBuildMs,
    eventLoopMaxMs: delay.max / 1e6,
    memoryMb: memory,
    queries: questions.length,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
  };
}

/** A synthetic base of `count` articles per locale made by recombining the shipped sections' sentences. */
export function generatedBase(shipped: Article[], count: number): Article[] {
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
  const shipped = await measure('shipped base', articles, questions);
  const generated = await measure('generated 10,000 articles', generatedBase(articles, 10_000), questions);
  return [shipped, generated];
}
