/** Every Redis key and pub/sub channel the conversation layer uses, under one configurable prefix. */
export function conversationKeys(prefix: string) {
  return {
    record: (conversationKey: string) => `${prefix}conv:${conversationKey}`,
    transcript: (conversationKey: string) => `${prefix}conv:${conversationKey}:log`,
    idempotency: (conversationKey: string, clientMessageId: string) =>
      `${prefix}conv:${conversationKey}:client:${clientMessageId}`,
    events: (conversationKey: string) => `${prefix}events:conv:${conversationKey}`,
    partials: (conversationKey: string) => `${prefix}events:conv:${conversationKey}:partial`,
  };
}

export type ConversationKeys = ReturnType<typeof conversationKeys>;
