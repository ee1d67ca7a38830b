import { sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { RecordDb } from './database.js';

const HOUR_MS = 3600 * 1000;

/**
 * Players' data protection: a conversation whose last activity is older than `RETENTION_DAYS` is
 * deleted from the system of record with everything of it (messages, tickets, their events and
 * notes go with it by cascade). Runs at start and then every hour on every replica; a repeat finds
 * nothing left to delete.
 */
export class RecordRetention {
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly db: RecordDb,
    private readonly retentionDays: number,
    private readonly logger: Logger,
  ) {}

  start(): void {
    void this.sweep();
    this.timer = setInterval(() => void this.sweep(), HOUR_MS);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /** Deletes what is past retention; returns how many conversations went. */
  async sweep(): Promise<number> {
    try {
      const result = (await this.db.execute(
        sql`DELETE FROM conversations WHERE updated_at < now() - make_interval(days => ${this.retentionDays}) RETURNING key`,
      )) as unknown as { rows: unknown[] };
      if (result.rows.length > 0) this.logger.info({ conversations: result.rows.length, retentionDays: this.retentionDays }, 'deleted conversations past retention');
      return result.rows.length;
    } catch (error) {
      this.logger.warn({ err: error }, 'retention sweep failed; the next one retries');
      return 0;
    }
  }
}
