import type { Redis } from 'ioredis';
import { LuaScript } from '../redis.js';
import { localize } from '../core/messages.js';
import { formatEta } from '../core/queue-wording.js';
import type { Handoff, Locale } from '../core/schemas.js';
import type { SupportHours } from '../core/support-hours.js';
import type { Ticket } from '../core/ticket.js';
import type { Delivery } from '../conversation/delivery.js';
import type { AgentStore } from './agents.js';
import type { HandoffKeys } from './keys.js';
import type { TicketStore } from './tickets.js';
import { serves } from './routing.js';
import type { WaitingLines } from './waiting-line.js';

/** Assumed seconds per ticket ahead when there is no pickup history yet. */
const DEFAULT_WAIT_SECONDS = 120;
/**
 * Players this near the front hear when their place improves. Everyone hears their place and wait
 * when queued and can ask (`status`) at any time; telling every waiting player about every claim
 * would cost the length of the queue per claim and flood a long queue with messages.
 */
const ANNOUNCED_PLACES = 3;

/** A player hears of a better place at most this often — except the move to the front. */
const ANNOUNCE_EVERY_MS = 2 * 60 * 1000;

/**
 * Records the player's place (ARGV[1]) and says whether to announce it, in one step: only an
 * improvement, and only if the player heard nothing for ARGV[3] ms, unless they are now next.
 * ARGV[4] '1': the player was just told in another message (counts as an announcement).
 */
const PLACE_CHANGED = new LuaScript(`
local previous = tonumber(redis.call('HGET', KEYS[1], 'lastPosition'))
local heardAt = tonumber(redis.call('HGET', KEYS[1], 'announcedAt') or '0')
local position = tonumber(ARGV[1])
redis.call('HSET', KEYS[1], 'lastPosition', position)
if ARGV[4] == '1' then
  redis.call('HSET', KEYS[1], 'announcedAt', ARGV[2])
  return 0
end
if previous == nil or position >= previous then return 0 end
if position > 1 and tonumber(ARGV[2]) - heardAt < tonumber(ARGV[3]) then return 0 end
redis.call('HSET', KEYS[1], 'announcedAt', ARGV[2])
return 1
`);

/**
 * A waiting player's place and expected wait, read from their waiting line, announced when it
 * improves. A wait is promised only while an agent who serves the ticket is online within support
 * hours; otherwise the player hears so, with no time.
 */
export class QueuePositions {
  constructor(
    private readonly deps: { redis: Redis; keys: HandoffKeys; lines: WaitingLines; tickets: TicketStore; agents: AgentStore; delivery: Delivery; hours: SupportHours },
  ) {}

  /** Where a ticket stands, as the player sees it. */
  async status(ticketId: string): Promise<Handoff> {
    const ticket = await this.deps.tickets.require(ticketId);
    if (ticket.status !== 'queued') return { reason: ticket.reason, status: ticket.status, ticketId };
    const position = (await this.deps.lines.position(ticket)) ?? 1;
    return { reason: ticket.reason, status: 'queued', ticketId, position, ...(await this.wait(ticket, position)) };
  }

  /** The expected wait at this place, or that nobody who can help is online (outside hours, or none of the ticket's language and team). */
  async wait(ticket: Pick<Ticket, 'locale' | 'team'>, position: number): Promise<{ agentsOnline: boolean; etaSeconds?: number }> {
    if (!this.deps.hours.isOpen()) return { agentsOnline: false };
    const online = (await this.deps.agents.online()).filter((agent) => serves(agent, ticket)).length;
    if (online === 0) return { agentsOnline: false };
    const perTicket = (await this.deps.tickets.typicalWait()) ?? DEFAULT_WAIT_SECONDS;
    return { agentsOnline: true, etaSeconds: Math.max(30, Math.round((perTicket * Math.max(1, position)) / online)) };
  }

  /** The wait as the player reads it after their place: "expected wait about 4 minutes", or that nobody who can help is online now, and why. */
  waitText(locale: Locale, handoff: Handoff): string {
    if (handoff.agentsOnline !== false) return localize(locale, 'expectedWait', { eta: formatEta(locale, handoff.etaSeconds ?? 0) });
    return this.deps.hours.isOpen() ? localize(locale, 'noAgentsOnline') : localize(locale, 'outsideHours', { hours: this.deps.hours.describe(locale) });
  }

  /** The player was just told their place in another message: remember it, so it is not announced again. */
  async told(ticketId: string, position: number): Promise<void> {
    await this.placeChanged(ticketId, position, true);
  }

  /**
   * Tells the players near the front whose place improved (`ANNOUNCED_PLACES`), each at most once
   * per `ANNOUNCE_EVERY_MS` unless they are now next; `skip` was just told in another message. A
   * place lost to a more urgent ticket is remembered but not announced.
   */
  async announce(line: Pick<Ticket, 'locale' | 'team'>, skip?: string): Promise<void> {
    for (const [index, id] of (await this.deps.lines.front(line, ANNOUNCED_PLACES)).entries()) {
      const position = index + 1;
      if (!(await this.placeChanged(id, position, id === skip))) continue;
      const ticket = await this.deps.tickets.get(id);
      if (!ticket) continue;
      const handoff: Handoff = { reason: ticket.reason, status: 'queued', ticketId: id, position, ...(await this.wait(ticket, position)) };
      await this.deps.delivery.post(ticket.conversationKey, {
        from: 'system',
        text: localize(ticket.locale, 'positionUpdate', { ticketId: id, position, wait: this.waitText(ticket.locale, handoff) }),
        locale: ticket.locale,
        handoff,
      });
    }
  }

  /** Records the place; true when the player should hear of it now. */
  private async placeChanged(ticketId: string, position: number, toldElsewhere: boolean): Promise<boolean> {
    const announce = await PLACE_CHANGED.run(this.deps.redis, [this.deps.keys.ticket(ticketId)], [position, Date.now(), ANNOUNCE_EVERY_MS, toldElsewhere ? '1' : '0']);
    return announce === 1;
  }
}
