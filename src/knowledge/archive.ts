import type { Redis } from 'ioredis';
import type { Citation } from '../core/schemas.js';
import type { KnowledgeBase } from './knowledge-base.js';

export interface ArticleVersion {
  id: string;
  locale: string;
  title: string;
  hash: string;
  sections: Array<{ heading: string; markdown: string }>;
}

/**
 * Keeps every article version the bot has cited, by content hash, for as long as Redis keeps data:
 * a disputed answer can be traced to the exact text the player saw even after the article changed.
 */
export class ArticleArchive {
  /** Versions this process has archived: a version's text never changes, so it is written once. */
  private readonly archived = new Set<string>();

  constructor(
    private readonly redis: Redis,
    private readonly key: (id: string, hash: string) => string,
    private readonly knowledge: KnowledgeBase,
  ) {}

  async remember(citations: Citation[]): Promise<void> {
    for (const citation of citations) {
      if (!citation.hash) continue;
      const key = this.key(citation.id, citation.hash);
      if (this.archived.has(key)) continue;
      const article = this.knowledge.index.article(citation.id, citation.locale);
      if (!article || article.hash !== citation.hash) continue;
      const version: ArticleVersion = {
        id: article.id,
        locale: article.locale,
        title: article.title,
        hash: article.hash,
        sections: article.sections.map((section) => ({ heading: section.heading, markdown: section.markdown })),
      };
      await this.redis.set(key, JSON.stringify(version), 'NX');
      this.archived.add(key);
    }
  }

  async get(id: string, hash: string): Promise<ArticleVersion | undefined> {
    const raw = await this.redis.get(this.key(id, hash));
    return raw ? (JSON.parse(raw) as ArticleVersion) : undefined;
  }
}
