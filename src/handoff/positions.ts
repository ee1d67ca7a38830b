import type { Redis } from 'ioredis';
import { LuaScript } from '../redis.js';
import { formatEta, localize } from '../core/messages.js';
import type { Handoff } from '../core/schemas.js';
import type { Delivery } from '../conversation/delivery.js';
import type { AgentStore } from './agents.js';
import type { HandoffKeys } from './keys.js';
import type { TicketStore } from './tickets.js';
import type { WaitingLine } from './waiting-line.js';

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

/** A waiting player's place and expected wait: read from the waiting line, announced when it improves. */
export class QueuePositions {
  constructor(
    private readonly deps: { redis: Redis; keys: HandoffKeys; line: WaitingLine; tickets: TicketStore; agents: AgentStore; delivery: Delivery },
  ) {}

  /** Where a ticket stands, as the player sees it. */
  async status(ticketId: string): Promise<Handoff> {
    const ticket = await this.deps.tickets.require(ticketId);
    if (ticket.status !== 'queued') return { reason: ticket.reason, status: ticket.status, ticketId };
    const position = (await this.deps.line.position(ticketId)) ?? 1;
    return { reason: ticket.reason, status: 'queued', ticketId, position, etaSeconds: await this.eta(position) };
  }

  async eta(position: number): Promise<number> {
    const perTicket = (await this.deps.tickets.typicalWait()) ?? DEFAULT_WAIT_SECONDS;
    const agents = Math.max(1, await this.deps.agents.onlineCount());
    return Math.max(30, Math.round((perTicket * Math.max(1, position)) / agents));
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
  async announce(skip?: string): Promise<void> {
    for (const [index, id] of (await this.deps.line.front(ANNOUNCED_PLACES)).entries()) {
      const position = index + 1;
      if (!(await this.placeChanged(id, position, id === skip))) continue;
      const ticket = await this.deps.tickets.get(id);
      if (!ticket) continue;
      const etaSeconds = await this.eta(position);
      await this.deps.delivery.post(ticket.conversationKey, {
        from: 'system',
        text: localize(ticket.locale, 'positionUpdate', { ticketId: id, position, eta: formatEta(ticket.locale, etaSeconds) }),
        locale: ticket.locale,
        handoff: { reason: ticket.reason, status: 'queued', ticketId: id, position, etaSeconds },
      });
    }
  }

  /** Records the place; true when the player should hear of it now. */
  private async placeChanged(ticketId: string, position: number, toldElsewhere: boolean): Promise<boolean> {
    const announce = await PLACE_CHANGED.run(this.deps.redis, [this.deps.keys.ticket(ticketId)], [position, Date.now(), ANNOUNCE_EVERY_MS, toldElsewhere ? '1' : '0']);
    return announce === 1;
  }
}
