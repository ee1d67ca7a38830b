/** Redis keys of the handoff module (BullMQ's own keys live under `bullPrefix`). */
export function handoffKeys(prefix: string) {
  return {
    bullPrefix: `${prefix}bull`,
    ticket: (id: string) => `${prefix}ticket:${id}`,
    notes: (id: string) => `${prefix}ticket:${id}:notes`,
    lockToken: (id: string) => `${prefix}ticket:${id}:lock`,
    /** The tickets an agent holds now: their console follows these without listing the queue. */
    heldBy: (agentId: string) => `${prefix}agent-held:${agentId}`,
    recentWaits: `${prefix}handoff:waits`,
    claimMutex: `${prefix}handoff:claim-mutex`,
    /** The waiting tickets in the order agents get them (`WaitingLine`). */
    waitingLine: `${prefix}handoff:waiting`,
    agent: (email: string) => `${prefix}agent:${email.toLowerCase()}`,
    /** Every `agent:*` hash is an agent record (`agent:list` scans for them). */
    agentPattern: `${prefix}agent:*`,
    /** Pub/sub: a password reset or removal publishes here, and the agent's open streams close. */
    agentSessionEvents: (email: string) => `${prefix}events:agent-session:${email.toLowerCase()}`,
    loginAttempts: (email: string, ip: string) => `${prefix}login-attempts:${email.toLowerCase()}:${ip}`,
    onlineAgents: `${prefix}agents:online`,
    agentEvents: `${prefix}events:agents`,
    articleVersion: (id: string, hash: string) => `${prefix}kb-version:${id}:${hash}`,
  };
}
export type HandoffKeys = ReturnType<typeof handoffKeys>;
