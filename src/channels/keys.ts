const DAY_SECONDS = 24 * 3600;

/** Every Redis key family of the channels module, under the configured prefix, with how long it lives. */
export function channelKeys(prefix: string) {
  return {
    /** The value a button's short code stands for (Telegram's callback_data is at most 64 bytes). */
    action: { key: (code: string) => `${prefix}action:${code}`, ttlSeconds: 30 * DAY_SECONDS },
    /** A messenger delivery already taken in (update or message id), or a reply already sent. */
    seen: { key: (id: string) => `${prefix}seen:${id}`, ttlSeconds: 7 * DAY_SECONDS },
    /** A conversation's items waiting in a mailbox (a list): each leaves once handled, so no TTL. */
    mailbox: (name: string, key: string) => `${prefix}${name}:${key}`,
    /** The lease of the replica draining one mailbox list: its lock time, renewed while it drains. */
    mailboxLock: (name: string, key: string) => `${prefix}${name}:${key}:lock`,
    /** BullMQ's own keys (the mailboxes' drain jobs, removed when done). */
    bullPrefix: `${prefix}bull`,
  };
}

export type ChannelKeys = ReturnType<typeof channelKeys>;
