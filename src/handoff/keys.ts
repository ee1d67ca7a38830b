/** Redis keys of the handoff module (BullMQ's own keys live under `bullPrefix`). */
export function handoffKeys(prefix: string) {
  return {
    bullPrefix: `${prefix}bull`,
    ticket: (id: string) => `${prefix}ticket:${id}`,
    notes: (id: string) => `${prefix}ticket:${id}:notes`,
    lockToken: (id: string) => `${prefix}ticket:${id}:lock`,
    recentWaits: `${prefix}handoff:waits`,
    claimMutex: `${prefix}handoff:claim-mutex`,
    agent: (email: string) => `${prefix}agent:${email.toLowerCase()}`,
    loginFailures: (email: string) => `${prefix}agent:${email.toLowerCase()}:failures`,
    onlineAgents: `${prefix}agents:online`,
    agentEvents: `${prefix}events:agents`,
    articleVersion: (id: string, hash: string) => `${prefix}kb-version:${id}:${hash}`,
  };
}
export type HandoffKeys = ReturnType<typeof handoffKeys>;
