import { EventEmitter } from 'node:events';
import { join } from 'node:path';
import { type FSWatcher, watch } from 'chokidar';
import type { Logger } from 'pino';
import { type Article, KB_LOCALES } from './schemas.js';
import { KnowledgeFileError, listArticleFiles, loadArticleFile } from './load.js';
import { KnowledgeIndex } from './search-index.js';

const RELOAD_DEBOUNCE_MS = 100;

export interface KnowledgeBaseOptions {
  dir: string;
  logger: Logger;
  /** Watch the folder and reload on every edit (on by default). */
  watch?: boolean;
}

/**
 * The live knowledge base: loads `knowledge/`, serves an immutable index, and on every edit builds
 * a new index and swaps it in one assignment, so a request sees either the old or the new version,
 * never a mix. A file that breaks keeps its last good version in service.
 */
export class KnowledgeBase extends EventEmitter<{ reloaded: [KnowledgeIndex]; rejected: [KnowledgeFileError[]] }> {
  private current: KnowledgeIndex = new KnowledgeIndex([]);
  private readonly lastGood = new Map<string, Article>();
  private watcher: FSWatcher | undefined;
  private timer: NodeJS.Timeout | undefined;
  private reloading: Promise<void> = Promise.resolve();
  private loadedOnce = false;

  private constructor(private readonly options: KnowledgeBaseOptions) {
    super();
  }

  static async open(options: KnowledgeBaseOptions): Promise<KnowledgeBase> {
    const kb = new KnowledgeBase(options);
    await kb.reload();
    if (options.watch !== false) await kb.startWatching();
    return kb;
  }

  get index(): KnowledgeIndex {
    return this.current;
  }

  get ready(): boolean {
    return this.loadedOnce && this.current.articles.length > 0;
  }

  /** Reloads every file; concurrent calls run one after another, and a failed reload never blocks the next. */
  reload(): Promise<void> {
    const run = this.reloading.then(() => this.reloadNow());
    this.reloading = run.catch((error: unknown) => this.options.logger.error({ err: error }, 'knowledge reload failed; still serving the previous index'));
    return run;
  }

  private async reloadNow(): Promise<void> {
    const started = performance.now();
    const files = await listArticleFiles(this.options.dir);
    const errors: KnowledgeFileError[] = [];
    for (const file of this.lastGood.keys()) if (!files.includes(file)) this.lastGood.delete(file);
    for (const file of files) {
      try {
        this.lastGood.set(file, await loadArticleFile(this.options.dir, file));
      } catch (error) {
        const problem = error instanceof KnowledgeFileError ? error : new KnowledgeFileError(file, String(error));
        errors.push(problem);
        this.options.logger.error(
          { file, problem: problem.message, keptPreviousVersion: this.lastGood.has(file) },
          'knowledge file rejected; the last good version stays in service',
        );
      }
    }
    const next = new KnowledgeIndex([...this.lastGood.values()]);
    this.current = next;
    this.loadedOnce = true;
    this.options.logger.info(
      { articles: next.articles.length, sections: next.sectionCount, ms: Math.round(performance.now() - started) },
      'knowledge base loaded',
    );
    if (errors.length > 0) this.emit('rejected', errors);
    this.emit('reloaded', next);
  }

  private async startWatching(): Promise<void> {
    this.watcher = watch(
      KB_LOCALES.map((locale) => join(this.options.dir, locale)),
      { ignoreInitial: true, depth: 0 },
    );
    this.watcher.on('all', (_event, path) => {
      if (!path.endsWith('.md')) return;
      clearTimeout(this.timer);
      this.timer = setTimeout(() => void this.reload(), RELOAD_DEBOUNCE_MS);
    });
    await new Promise<void>((resolve) => this.watcher!.once('ready', () => resolve()));
  }

  async close(): Promise<void> {
    clearTimeout(this.timer);
    await this.watcher?.close();
    await this.reloading;
  }
}
