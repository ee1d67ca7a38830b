import { createHash } from 'node:crypto';
import type { EmbeddingsInterface } from '@langchain/core/embeddings';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { KbLocale, Section } from '../knowledge/schemas.js';
import type { KnowledgeIndex } from '../knowledge/search-index.js';

const BATCH = 64;

export interface SemanticHit {
  section: Section;
  score: number;
}

function textOf(section: Section): string {
  return `${section.articleTitle}\n${section.heading}\n${section.text}`;
}

function cosine(a: Float32Array, b: Float32Array): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i]! * b[i]!;
    na += a[i]! * a[i]!;
    nb += b[i]! * b[i]!;
  }
  return na === 0 || nb === 0 ? 0 : dot / Math.sqrt(na * nb);
}

/**
 * Section embeddings for the current knowledge base, cached in Redis by model and content hash:
 * a restart or an edit embeds only the sections whose text changed.
 */
export class SemanticIndex {
  private vectors = new Map<string, { section: Section; vector: Float32Array }>();

  constructor(
    private readonly embeddings: EmbeddingsInterface,
    private readonly redis: Redis,
    private readonly cacheKey: (textHash: string) => string,
    private readonly logger: Logger,
  ) {}

  /** Brings the vectors in line with a knowledge index; returns how many sections had to be embedded. */
  async sync(index: KnowledgeIndex): Promise<number> {
    const sections = index.articles.flatMap((article) => article.sections);
    const hashes = sections.map((section) => createHash('sha256').update(textOf(section)).digest('hex').slice(0, 24));
    const cached = sections.length === 0 ? [] : await this.redis.mgetBuffer(...hashes.map((hash) => this.cacheKey(hash)));
    const missing = sections.map((_, i) => i).filter((i) => !cached[i]);
    for (let start = 0; start < missing.length; start += BATCH) {
      const batch = missing.slice(start, start + BATCH);
      const vectors = await this.embeddings.embedDocuments(batch.map((i) => textOf(sections[i]!)));
      const multi = this.redis.multi();
      batch.forEach((i, j) => {
        const buffer = Buffer.from(new Float32Array(vectors[j]!).buffer);
        cached[i] = buffer;
        multi.set(this.cacheKey(hashes[i]!), buffer);
      });
      await multi.exec();
    }
    const next = new Map<string, { section: Section; vector: Float32Array }>();
    sections.forEach((section, i) => {
      const buffer = cached[i]!;
      next.set(section.key, { section, vector: new Float32Array(buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength)) });
    });
    this.vectors = next;
    this.logger.info({ sections: sections.length, embedded: missing.length }, 'section embeddings ready');
    return missing.length;
  }

  /** The sections closest in meaning to the question, among the given locales. */
  async search(question: string, locales: KbLocale[], k: number): Promise<SemanticHit[]> {
    if (this.vectors.size === 0) return [];
    const query = new Float32Array(await this.embeddings.embedQuery(question));
    const hits: SemanticHit[] = [];
    for (const { section, vector } of this.vectors.values()) {
      if (locales.includes(section.locale)) hits.push({ section, score: cosine(query, vector) });
    }
    return hits.sort((a, b) => b.score - a.score).slice(0, k);
  }
}
