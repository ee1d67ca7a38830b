import { stateKeys } from '../conversation/keys.js';

/**
 * Every Redis key family of the handoff module, with how long it lives (BullMQ's own keys live
 * under `bullPrefix`). Tickets and their notes are the state machine's (`stateKeys`): kept while
 * open, deleted `LIVE_RETENTION_HOURS` after the resolve.
 */
export function handoffKeys(prefix: string) {
  const state = stateKeys(prefix);
  return {
    bullPrefix: `${prefix}bull`,
    state,
    ticket: state.ticket,
    notes: state.notes,
    /** Tickets an agent holds now (a set); a ticket leaves it on release, return or resolve. */
    heldBy: state.heldBy,
    waitingLine: state.waitingLine,
    waitingLines: state.waitingLines,
    agentEvents: state.agentEvents,
    /** The last 50 pickup waits (a capped list) the wait estimate comes from. */
    recentWaits: `${prefix}handoff:waits`,
    /** The job-change mutex: held for milliseconds, lapses after 5 s if its holder dies. */
    claimMutex: `${prefix}handoff:claim-mutex`,
    /** An agent record (a hash): until `agent:remove`. */
    agent: (email: string) => `${prefix}agent:${email.toLowerCase()}`,
    /** Every `agent:*` hash is an agent record (`agent:list` scans for them). */
    agentPattern: `${prefix}agent:*`,
    /** Pub/sub: a password reset or removal publishes here, and the agent's open streams close. */
    agentSessionEvents: (email: string) => `${prefix}events:agent-session:${email.toLowerCase()}`,
    /** Failed logins of one e-mail from one address: the lockout window. */
    loginAttempts: (email: string, ip: string) => `${prefix}login-attempts:${email.toLowerCase()}:${ip}`,
    /** The per-address login rate limit's counters (@fastify/rate-limit, a minute each). */
    loginRate: `${prefix}agent-login-rate:`,
    /** Agents by when they were last seen (a sorted set, one member per agent; only the last minute counts). */
    onlineAgents: `${prefix}agents:online`,
    /** An article version a reply cited (for the case export): kept for good, one per version. */
    articleVersion: (id: string, hash: string) => `${prefix}kb-version:${id}:${hash}`,
  };
}
export type HandoffKeys = ReturnType<typeof handoffKeys>;
