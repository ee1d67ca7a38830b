import { setImmediate as nextTurn } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { AppError } from '../errors.js';
import type { IndexWorkerRequest } from './index-worker.js';
import type { IndexedSection } from './locale-index.js';
import { type Article, KB_LOCALES, type KbLocale } from './schemas.js';
import type { LocaleSnapshot } from './locale-snapshot.js';
import { type IndexSnapshot, indexedSections } from './search-index.js';

/** Sections per message to a worker: each message is copied on the main thread, so none blocks it for long. */
const CHUNK = 500;

export class IndexBuildError extends AppError {
  constructor(problem: string) {
    super('index_build_failed', `Building the search index failed (${problem}); the previous index stays in service.`);
  }
}

let sourceBundle: Promise<string> | undefined;

/**
 * The worker: the compiled JavaScript next to this file, or (running from TypeScript sources in
 * development and tests) those sources bundled in memory with esbuild, which starts far faster
 * than a TypeScript loader in a new thread.
 */
async function startWorker(): Promise<Worker> {
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL('./index-worker.js', import.meta.url));
  // Loaded here only: a build (`node dist/main.js`) runs without esbuild installed.
  const { build } = await import('esbuild');
  sourceBundle ??= build({
    entryPoints: [fileURLToPath(new URL('./index-worker.ts', import.meta.url))],
    bundle: true,
    write: false,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
  }).then(
    (result) => result.outputFiles[0]!.text,
    (error: unknown) => {
      sourceBundle = undefined;
      throw error;
    },
  );
  return new Worker(await sourceBundle, { eval: true });
}

/**
 * Builds search indexes in a worker thread, so that a reload of a large knowledge base never blocks
 * the event loop: the sections go over in small chunks, the typed arrays come back transferred (not
 * copied). The worker starts with `start` (or the first build) and stays until `close`.
 */
export class IndexBuilder {
  private current: Promise<Worker> | undefined;
  private nextId = 0;

  /** Starts the worker ahead of the first build (its start-up is most of a small base's reload). */
  start(): void {
    this.worker().catch(() => undefined);
  }

  async build(articles: readonly Article[]): Promise<IndexSnapshot> {
    const sections = indexedSections(articles);
    const built = await Promise.all(KB_LOCALES.map((locale) => this.buildLocale(locale, sections[locale])));
    return Object.fromEntries(KB_LOCALES.map((locale, i) => [locale, built[i]!])) as IndexSnapshot;
  }

  private async buildLocale(locale: KbLocale, sections: IndexedSection[]): Promise<LocaleSnapshot> {
    const worker = await this.worker();
    const id = ++this.nextId;
    const result = new Promise<LocaleSnapshot>((resolve, reject) => {
      const onMessage = (reply: { id: number; snapshot?: LocaleSnapshot; error?: string }) => {
        if (reply.id !== id) return;
        done();
        if (reply.snapshot) resolve(reply.snapshot);
        else reject(new IndexBuildError(reply.error ?? 'no result'));
      };
      const onExit = (code: number) => {
        done();
        reject(new IndexBuildError(`worker stopped with code ${code}`));
      };
      const done = () => {
        worker.off('message', onMessage);
        worker.off('exit', onExit);
      };
      worker.on('message', onMessage);
      worker.on('exit', onExit);
    });
    for (let start = 0; start < sections.length; start += CHUNK) {
      worker.postMessage({ id, sections: sections.slice(start, start + CHUNK) } satisfies IndexWorkerRequest);
      await nextTurn();
    }
    worker.postMessage({ id, build: locale } satisfies IndexWorkerRequest);
    return result;
  }

  private worker(): Promise<Worker> {
    if (this.current) return this.current;
    const started: Promise<Worker> = startWorker().then(
      (worker) => {
        // A crashed worker fails its build (the previous index stays) and is replaced by the next one.
        worker.on('error', () => undefined);
        worker.on('exit', () => {
          if (this.current === started) this.current = undefined;
        });
        worker.unref();
        return worker;
      },
      (error: unknown) => {
        if (this.current === started) this.current = undefined;
        throw new IndexBuildError(`the worker did not start: ${error instanceof Error ? error.message : String(error)}`);
      },
    );
    this.current = started;
    return started;
  }

  async close(): Promise<void> {
    const worker = this.current;
    this.current = undefined;
    await (await worker)?.terminate();
  }
}
