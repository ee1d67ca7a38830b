import { beforeDeadline } from '../core/deadline.js';
import type { DayFigures, SupervisorFigures } from '../core/figures.js';
import { HANDOFF_PRIORITY } from '../core/reasons.js';
import type { HandoffReason } from '../core/schemas.js';
import { AppError, ForbiddenError, ServiceUnavailableError } from '../errors.js';
import type { AgentIdentity } from './schemas.js';
import type { HandoffService, TeamMember } from './service.js';

/** The tickets of one reason and language: waiting (and the longest waiting for how long), and with an agent. */
export interface QueueGroup {
  reason: string;
  locale: string;
  waiting: number;
  /** Since the oldest waiting ticket was opened; null when none waits. */
  oldestWaitSeconds: number | null;
  withAgents: number;
}

export interface SupervisorOverview {
  queue: { waiting: number; withAgents: number; oldestWaitSeconds: number | null; groups: QueueGroup[] };
  /** Every agent, those online first; `load` is the share of their max chats they hold. */
  agents: Array<TeamMember & { load: number }>;
  /** The day's figures; null while the system of record is away (then `figuresUnavailable` says why). */
  figures: DayFigures | null;
  figuresUnavailable?: { error: string; message: string };
}

export interface SupervisorViewDeps {
  service: Pick<HandoffService, 'profile' | 'queueView' | 'team'>;
  figures: SupervisorFigures;
  /** The day is counted in the support hours' time zone (UTC without SUPPORT_HOURS). */
  timeZone: string;
}

/** A record that has not answered by then is treated as away: the live queue and agents do not wait for it. */
const FIGURES_DEADLINE_MS = 3000;
const FIGURES_UNAVAILABLE = 'record_unavailable';

/** What the supervisor view shows: the live queue and agents from Redis, and the day's figures from the record. */
export class SupervisorView {
  constructor(private readonly deps: SupervisorViewDeps) {}

  async overview(agent: AgentIdentity, day?: string): Promise<SupervisorOverview> {
    const { service } = this.deps;
    const profile = await service.profile(agent);
    if (profile.role !== 'supervisor') {
      throw new ForbiddenError('The supervisor view is for supervisors only; ask a supervisor to give you the role (npm run agent:add -- --role supervisor).', 'supervisors_only');
    }
    // Asked first, read last: the record answers while the live state is read.
    const figures = this.figures(day);
    const [queue, team] = await Promise.all([service.queueView(agent), service.team()]);
    const groups = new Map<string, QueueGroup>();
    for (const { ticket, waitingSeconds } of queue) {
      const key = `${ticket.reason}.${ticket.locale}`;
      const group = groups.get(key) ?? { reason: ticket.reason, locale: ticket.locale, waiting: 0, oldestWaitSeconds: null, withAgents: 0 };
      if (ticket.status === 'queued') {
        group.waiting += 1;
        group.oldestWaitSeconds = Math.max(group.oldestWaitSeconds ?? 0, waitingSeconds);
      } else group.withAgents += 1;
      groups.set(key, group);
    }
    const ordered = [...groups.values()].sort((a, b) => priority(a.reason) - priority(b.reason) || a.locale.localeCompare(b.locale));
    const waits = ordered.flatMap((group) => (group.oldestWaitSeconds === null ? [] : [group.oldestWaitSeconds]));
    return {
      queue: {
        waiting: ordered.reduce((sum, group) => sum + group.waiting, 0),
        withAgents: ordered.reduce((sum, group) => sum + group.withAgents, 0),
        oldestWaitSeconds: waits.length > 0 ? Math.max(...waits) : null,
        groups: ordered,
      },
      agents: team
        .map((member) => ({ ...member, load: member.holding / member.maxChats }))
        .sort((a, b) => Number(b.online) - Number(a.online) || a.name.localeCompare(b.name)),
      ...(await figures),
    };
  }

  private async figures(day: string | undefined): Promise<Pick<SupervisorOverview, 'figures' | 'figuresUnavailable'>> {
    const late = (): never => {
      throw new ServiceUnavailableError(`The day's figures are unavailable right now: the system of record did not answer within ${FIGURES_DEADLINE_MS / 1000} s. The queue and the agents are live.`, 5, FIGURES_UNAVAILABLE);
    };
    try {
      return { figures: await beforeDeadline(this.deps.figures.day({ day, timeZone: this.deps.timeZone }), FIGURES_DEADLINE_MS, late) };
    } catch (error) {
      if (error instanceof AppError && error.code === FIGURES_UNAVAILABLE) return { figures: null, figuresUnavailable: { error: error.code, message: error.message } };
      throw error;
    }
  }
}

/** Highest priority first; a reason this version does not know goes last. */
function priority(reason: string): number {
  return HANDOFF_PRIORITY[reason as HandoffReason] ?? Number.MAX_SAFE_INTEGER;
}
