// Where the player's chat session (conversation id and bearer token) is kept between page loads.

/** `player`: the verified player the chat is for (the operator's signed identity), absent for a guest chat. */
export interface Session { conversationId: string; token: string; player?: string }

export interface SessionStore {
  load(): Session | null;
  save(session: Session): void;
  clear(): void;
}

export const SESSION_KEY = 'pitboss.webchat.session';

/** Anything read from storage or another window is checked before it is used as a session. */
export function isSession(value: unknown): value is Session {
  const candidate = value as Partial<Session> | null;
  return (
    typeof candidate === 'object' && candidate !== null &&
    typeof candidate.conversationId === 'string' && candidate.conversationId.length <= 200 &&
    typeof candidate.token === 'string' && candidate.token.length > 0 && candidate.token.length <= 4096 &&
    (candidate.player === undefined || (typeof candidate.player === 'string' && candidate.player.length <= 64))
  );
}

function parseSession(raw: string | null): Session | null {
  try {
    const value: unknown = raw === null ? null : JSON.parse(raw);
    return isSession(value) ? value : null;
  } catch {
    return null;
  }
}

/**
 * This document's localStorage, or null where the browser refuses it: Chromium throws a SecurityError
 * on the mere `localStorage` read in a third-party frame when third-party storage is blocked.
 */
export function localSessionStore(): SessionStore | null {
  let storage: Storage;
  try {
    storage = window.localStorage;
    storage.setItem(`${SESSION_KEY}.probe`, '1');
    storage.removeItem(`${SESSION_KEY}.probe`);
  } catch {
    return null;
  }
  // A later refusal (quota, a policy change) loses persistence, never the chat in progress.
  const attempt = (write: () => void) => {
    try {
      write();
    } catch {}
  };
  return {
    load: () => {
      try {
        return parseSession(storage.getItem(SESSION_KEY));
      } catch {
        return null;
      }
    },
    save: (session) => attempt(() => storage.setItem(SESSION_KEY, JSON.stringify(session))),
    clear: () => attempt(() => storage.removeItem(SESSION_KEY)),
  };
}

/** The last resort: the chat works until the page is reloaded. */
export function memorySessionStore(): SessionStore {
  let saved: Session | null = null;
  return {
    load: () => saved,
    save: (session) => {
      saved = session;
    },
    clear: () => {
      saved = null;
    },
  };
}
