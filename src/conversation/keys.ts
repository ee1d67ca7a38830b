/** Every Redis key and pub/sub channel the conversation layer uses, under one configurable prefix. */
export function conversationKeys(prefix: string) {
  return {
    record: (conversationKey: string) => `${prefix}conv:${conversationKey}`,
    transcript: (conversationKey: string) => `${prefix}conv:${conversationKey}:log`,
    turnResult: (conversationKey: string, clientMessageId: string) => `${prefix}conv:${conversationKey}:client:${clientMessageId}`,
    /** Ids of messages written at most once (a retried turn's), each with the message it wrote. */
    onceIds: (conversationKey: string) => `${prefix}conv:${conversationKey}:once`,
    /** The lease of the turn running in the conversation (`TurnLock`). */
    turnLock: (conversationKey: string) => `${prefix}conv:${conversationKey}:turn`,
    events: (conversationKey: string) => `${prefix}events:conv:${conversationKey}`,
    partials: (conversationKey: string) => `${prefix}events:conv:${conversationKey}:partial`,
  };
}

export type ConversationKeys = ReturnType<typeof conversationKeys>;
