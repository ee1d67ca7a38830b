import { EventEmitter } from 'node:events';
import type { Logger } from 'pino';
import { type ContentWatcher, watchContent } from './content-watcher.js';
import { IndexBuilder } from './index-builder.js';
import { emptyLanguageResources, type LanguageResources, loadLanguageResources } from './language-resources.js';
import { type Article, KB_LOCALES, type KbLocale } from './schemas.js';
import { KnowledgeFileError, listArticleFiles, loadArticleFile } from './load.js';
import { KnowledgeIndex } from './search-index.js';
import { loadAllTriageExamples, triageFileName, type TriageExamples } from './triage-content.js';

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
  private watcher: ContentWatcher | undefined;
  private reloading: Promise<void> = Promise.resolve();
  private loadedOnce = false;
  private language = new Map<KbLocale, LanguageResources>();
  private readonly builder = new IndexBuilder();
  private triage: TriageExamples[] = [];

  private constructor(private readonly options: KnowledgeBaseOptions) {
    super();
  }

  static async open(options: KnowledgeBaseOptions): Promise<KnowledgeBase> {
    const kb = new KnowledgeBase(options);
    await kb.reload();
    if (options.watch !== false) {
      kb.builder.start();
      await kb.startWatching();
    }
    return kb;
  }

  get index(): KnowledgeIndex {
    return this.current;
  }

  /** Synonyms and small talk of one locale (`knowledge/language/<locale>.yaml`); empty lists when the file is missing. */
  languageResources(locale: KbLocale): LanguageResources {
    return this.language.get(locale) ?? emptyLanguageResources(locale);
  }

  /** The triage classifier's examples (`knowledge/triage/<locale>.yaml`), swapped together with the index. */
  get triageExamples(): TriageExamples[] {
    return this.triage;
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
    const language = new Map<KbLocale, LanguageResources>();
    for (const locale of KB_LOCALES) {
      try {
        language.set(locale, await loadLanguageResources(this.options.dir, locale));
      } catch (error) {
        const problem = error instanceof KnowledgeFileError ? error : new KnowledgeFileError(`language/${locale}.yaml`, String(error));
        errors.push(problem);
        language.set(locale, this.language.get(locale) ?? emptyLanguageResources(locale));
        this.options.logger.error(
          { file: problem.file, problem: problem.message, keptPreviousVersion: this.language.has(locale) },
          'language file rejected; the last good version stays in service',
        );
      }
    }
    const triage = await loadAllTriageExamples(this.options.dir);
    errors.push(...triage.errors);
    for (const problem of triage.errors) {
      this.options.logger.error({ file: problem.file, problem: problem.message }, 'triage file rejected; the last good version stays in service');
    }
    // Said before the (possibly long) index build: what was rejected is known now, and the last good versions stay in service either way.
    if (errors.length > 0) this.emit('rejected', errors);
    const articles = [...this.lastGood.values()];
    // The first load builds in place (nothing is served yet); a reload builds in worker threads, off the event loop.
    const snapshot = this.loadedOnce ? await this.builder.build(articles) : undefined;
    const next = new KnowledgeIndex(articles, Object.fromEntries(language), snapshot);
    // A broken triage file keeps its last good version in service.
    this.triage = [...triage.examples, ...this.triage.filter((kept) => triage.errors.some((e) => e.file === triageFileName(kept.locale)))];
    this.language = language;
    this.current = next;
    this.loadedOnce = true;
    this.options.logger.info(
      { articles: next.articles.length, sections: next.sectionCount, ms: Math.round(performance.now() - started) },
      'knowledge base loaded',
    );
    this.emit('reloaded', next);
  }

  private async startWatching(): Promise<void> {
    // Locale folders only: `replies/` is content of its own (TeamReplies), and an edit there needs no new index.
    this.watcher = await watchContent(this.options.dir, [...KB_LOCALES, 'triage', 'language'], () => void this.reload());
  }

  async close(): Promise<void> {
    await this.watcher?.close();
    await this.reloading;
    await this.builder.close();
  }
}
