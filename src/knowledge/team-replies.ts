
import type { Logger } from 'pino';
import { type ContentWatcher, watchContent } from './content-watcher.js';
import { KB_LOCALES, type KbLocale } from './schemas.js';
import { listReplyFiles, loadReplyFile, REPLIES_FOLDER, type TeamReply } from './team-reply-files.js';

export interface TeamRepliesOptions {
  dir: string;
  logger: Logger;
  /** Watch `replies/` and reload on every edit (on by default). */
  watch?: boolean;
}

const byLocaleThenShortcut = (a: TeamReply, b: TeamReply) =>
  KB_LOCALES.indexOf(a.locale) - KB_LOCALES.indexOf(b.locale) || a.shortcut.localeCompare(b.shortcut) || a.name.localeCompare(b.name);

/**
 * The team's canned replies (`knowledge/replies/<locale>/<name>.md`), live: every edit swaps in the
 * new list in one assignment, and a file that breaks keeps its last good version in service.
 */
export class TeamReplies {
  private current: TeamReply[] = [];
  private readonly lastGood = new Map<string, TeamReply>();
  private watcher: ContentWatcher | undefined;
  private reloading: Promise<void> = Promise.resolve();

  private constructor(private readonly options: TeamRepliesOptions) {}

  static async open(options: TeamRepliesOptions): Promise<TeamReplies> {
    const replies = new TeamReplies(options);
    await replies.reload();
    if (options.watch !== false) {
      replies.watcher = await watchContent(
        options.dir,
        KB_LOCALES.map((locale) => `${REPLIES_FOLDER}/${locale}`),
        () => void replies.reload(),
      );
    }
    return replies;
  }

  /** The replies of one locale, or of all of them, by locale then shortcut. */
  list(locale?: KbLocale): TeamReply[] {
    return locale ? this.current.filter((reply) => reply.locale === locale) : this.current;
  }

  /** Reloads every reply file; concurrent calls run one after another, and a failed reload never blocks the next. */
  private reload(): Promise<void> {
    const run = this.reloading.then(() => this.reloadNow());
    this.reloading = run.catch((error: unknown) => this.options.logger.error({ err: error }, 'team replies reload failed; still serving the previous ones'));
    return run;
  }

  private async reloadNow(): Promise<void> {
    const { dir, logger } = this.options;
    const files = await listReplyFiles(dir);
    const present = new Set(files.map(({ file }) => file));
    for (const file of this.lastGood.keys()) if (!present.has(file)) this.lastGood.delete(file);
    for (const { file, locale } of files) {
      try {
        this.lastGood.set(file, await loadReplyFile(dir, file, locale));
      } catch (error) {
        logger.error(
          { file, problem: error instanceof Error ? error.message : String(error), keptPreviousVersion: this.lastGood.has(file) },
          'team reply rejected; the last good version stays in service',
        );
      }
    }
    this.current = [...this.lastGood.values()].sort(byLocaleThenShortcut);
    logger.info({ replies: this.current.length }, 'team replies loaded');
  }

  async close(): Promise<void> {
    await this.watcher?.close();
    await this.reloading;
  }
}
