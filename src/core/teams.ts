import { z } from 'zod';
import { HandoffReason } from './schemas.js';

/** A team's name: what `--teams`, `HANDOFF_TEAMS` and a transfer's `to` use. */
export const TeamName = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,31}$/, 'a team is 1–32 lower-case letters, digits, "_" or "-"');

/** Which team serves each reason (`HANDOFF_TEAMS`); a reason without one goes to any agent. */
export type ReasonTeams = Partial<Record<HandoffReason, string>>;

/** Reads `responsible_gambling:rg,dispute:complaints`; an error names the pair that is wrong. */
export function parseReasonTeams(text: string): { teams: ReasonTeams } | { error: string } {
  const teams: ReasonTeams = {};
  for (const pair of text.split(',').map((part) => part.trim()).filter(Boolean)) {
    const [reason = '', team = '', extra] = pair.split(':').map((part) => part.trim());
    const parsedReason = HandoffReason.safeParse(reason);
    if (!parsedReason.success) return { error: `"${reason}" is not a handoff reason (${HandoffReason.options.join(', ')})` };
    const parsedTeam = TeamName.safeParse(team);
    if (!parsedTeam.success || extra !== undefined) return { error: `"${pair}": ${parsedTeam.error?.issues[0]?.message ?? 'write reason:team'}` };
    teams[parsedReason.data] = parsedTeam.data;
  }
  return { teams };
}
