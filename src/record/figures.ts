import { type SQL, sql } from 'drizzle-orm';
import type { DayFigures, Durations, SupervisorFigures } from '../core/figures.js';
import { ServiceUnavailableError } from '../errors.js';
import type { RecordDb } from './database.js';

interface Bounds {
  day: string;
  from: string | Date;
  to: string | Date;
}

interface DurationRow {
  count: number;
  median: number | null;
  average: number | null;
}

const iso = (value: string | Date) => new Date(value).toISOString();

/**
 * A supervisor's day from the system of record, counted in SQL: the day's bounds come from the time
 * zone in the database itself (so a day with a daylight-saving change has its 23 or 25 hours), then
 * each figure is one query over the rows written within them. See `DayFigures` for what each means.
 */
export class RecordFigures implements SupervisorFigures {
  constructor(private readonly db: RecordDb) {}

  async day(query: { day?: string; timeZone: string }): Promise<DayFigures> {
    const [bounds] = await this.rows<Bounds>(sql`
      SELECT to_char(d, 'YYYY-MM-DD') AS day, d::timestamp AT TIME ZONE ${query.timeZone} AS "from", (d + 1)::timestamp AT TIME ZONE ${query.timeZone} AS "to"
      FROM (SELECT COALESCE(${query.day ?? null}::date, (now() AT TIME ZONE ${query.timeZone})::date) AS d) chosen`);
    if (!bounds) throw unavailable('it returned no day');
    const from = iso(bounds.from);
    const to = iso(bounds.to);
    const within = (column: SQL) => sql`${column} >= ${from}::timestamptz AND ${column} < ${to}::timestamptz`;
    const [opened, firstResponse, handleTime, [csat], [deflection]] = await Promise.all([
      this.rows<{ by_language: number; reason: string | null; locale: string | null; count: number }>(sql`
        SELECT GROUPING(reason) AS by_language, reason, locale, count(*)::int AS count FROM tickets
        WHERE ${within(sql`created_at`)}
        GROUP BY GROUPING SETS ((reason), (locale)) ORDER BY count DESC, reason, locale`),
      this.durations(sql`first_reply_at - created_at`, within(sql`first_reply_at`)),
      this.durations(sql`resolved_at - claimed_at`, sql`claimed_at IS NOT NULL AND ${within(sql`resolved_at`)}`),
      this.rows<{ ratings: number; average: number | null; satisfied: number | null }>(sql`
        SELECT count(*)::int AS ratings, avg(rating)::float8 AS average, (count(*) FILTER (WHERE rating >= 4))::float8 / NULLIF(count(*), 0) AS satisfied
        FROM tickets WHERE rating IS NOT NULL AND ${within(sql`resolved_at`)}`),
      // A conversation with a player message that day was last updated that day or later: its index narrows the messages read.
      this.rows<{ conversations: number; deflected: number }>(sql`
        WITH active AS (
          SELECT m.conversation_key AS key, min(m.at) AS first_at
          FROM conversations c JOIN messages m ON m.conversation_key = c.key
          WHERE c.updated_at >= ${from}::timestamptz AND m."from" = 'player' AND ${within(sql`m.at`)}
          GROUP BY m.conversation_key
        )
        SELECT count(*)::int AS conversations, (count(*) FILTER (WHERE
          EXISTS (SELECT 1 FROM messages b WHERE b.conversation_key = a.key AND b."from" = 'bot' AND b.at > a.first_at AND b.at < ${to}::timestamptz)
          AND NOT EXISTS (SELECT 1 FROM tickets t WHERE t.conversation_key = a.key AND ${within(sql`t.created_at`)})
        ))::int AS deflected
        FROM active a`),
    ]);
    const byReason = opened.filter((row) => Number(row.by_language) === 0);
    const conversations = deflection?.conversations ?? 0;
    const deflected = deflection?.deflected ?? 0;
    return {
      day: bounds.day,
      timeZone: query.timeZone,
      from,
      to,
      opened: {
        total: byReason.reduce((sum, row) => sum + row.count, 0),
        byReason: byReason.map((row) => ({ reason: row.reason ?? '', count: row.count })),
        byLanguage: opened.filter((row) => Number(row.by_language) === 1).map((row) => ({ locale: row.locale ?? '', count: row.count })),
      },
      firstResponse,
      handleTime,
      csat: { ratings: csat?.ratings ?? 0, average: csat?.average ?? null, satisfiedShare: csat?.satisfied ?? null },
      deflection: { conversations, deflected, rate: conversations > 0 ? deflected / conversations : null },
    };
  }

  /** The median and average of an interval, in seconds, over the tickets `where` picks. */
  private async durations(interval: SQL, where: SQL): Promise<Durations> {
    const [row] = await this.rows<DurationRow>(sql`
      SELECT count(*)::int AS count, percentile_cont(0.5) WITHIN GROUP (ORDER BY seconds) AS median, avg(seconds) AS average
      FROM (SELECT extract(epoch FROM ${interval})::float8 AS seconds FROM tickets WHERE ${where}) measured`);
    return { count: row?.count ?? 0, medianSeconds: row?.median ?? null, averageSeconds: row?.average ?? null };
  }

  private async rows<T>(query: SQL): Promise<T[]> {
    try {
      return ((await this.db.execute(query)) as unknown as { rows: T[] }).rows;
    } catch (error) {
      // A query we wrote does not fail on its own: the database is away (or restarting).
      throw unavailable(error instanceof Error ? error.message : 'the database does not answer');
    }
  }
}

function unavailable(cause: string): ServiceUnavailableError {
  return new ServiceUnavailableError(
    `The day's figures are unavailable right now: the system of record did not answer (${cause}). The queue and the agents are live; try again shortly.`,
    5,
    'record_unavailable',
  );
}
