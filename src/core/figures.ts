import { z } from 'zod';

/** How long something took, over the tickets it applies to: null while there are none. */
export const Durations = z.object({
  count: z.number().int(),
  medianSeconds: z.number().nullable(),
  averageSeconds: z.number().nullable(),
});
export type Durations = z.infer<typeof Durations>;

const Count = z.number().int();

/**
 * One day of support, in a time zone, from the system of record (every time a ticket or message
 * was written there):
 * - `opened`: tickets opened that day, by reason and by language;
 * - `firstResponse`: from the ticket's opening (the player waiting starts then) to the first agent
 *   reply, over the tickets first answered that day;
 * - `handleTime`: from the (last) claim to the resolution, over the tickets resolved that day;
 * - `csat`: the ratings of the tickets resolved that day, 1–5, and the share of 4s and 5s;
 * - `deflection`: of the conversations in which a player wrote that day, those the bot answered
 *   (after the player's first message of the day) and in which no ticket was opened that day.
 */
export const DayFigures = z.object({
  /** YYYY-MM-DD in `timeZone`. */
  day: z.string(),
  timeZone: z.string(),
  /** The day's bounds, as instants. */
  from: z.string(),
  to: z.string(),
  opened: z.object({
    total: Count,
    byReason: z.array(z.object({ reason: z.string(), count: Count })),
    byLanguage: z.array(z.object({ locale: z.string(), count: Count })),
  }),
  firstResponse: Durations,
  handleTime: Durations,
  csat: z.object({ ratings: Count, average: z.number().nullable(), satisfiedShare: z.number().nullable() }),
  deflection: z.object({ conversations: Count, deflected: Count, rate: z.number().nullable() }),
});
export type DayFigures = z.infer<typeof DayFigures>;

/** Which day: a calendar date, or (absent) today in the time zone. */
export const FiguresDay = z.iso.date('must be a date like 2026-03-31');

/** The supervisor's figures port: implemented over the system of record; fails with `record_unavailable` while it is away. */
export interface SupervisorFigures {
  day(query: { day?: string; timeZone: string }): Promise<DayFigures>;
}
