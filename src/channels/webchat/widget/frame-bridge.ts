// The session handover between /widget.js (in the operator's page, whose own storage works) and the
// chat frame (/chat on our origin, whose storage a browser may block as third-party). The frame asks
// only for what it cannot store itself. Nothing carrying a token is ever posted to '*':
// the page answers the frame at our exact origin, the frame saves to the page's exact origin.
import { isSession, type Session, type SessionStore } from './session.js';

type BridgeMessage =
  | { pitboss: 'session-request' }
  | { pitboss: 'session'; session: Session | null }
  | { pitboss: 'session-save'; session: Session }
  | { pitboss: 'session-clear' };

/** How long the frame waits for an embedding page that may not run /widget.js at all. */
const HANDSHAKE_TIMEOUT_MS = 2000;

function bridgeMessage(data: unknown): BridgeMessage | null {
  const message = data as { pitboss?: unknown; session?: unknown } | null;
  if (typeof message !== 'object' || message === null) return null;
  switch (message.pitboss) {
    case 'session-request':
    case 'session-clear':
      return message as BridgeMessage;
    case 'session':
      return message.session === null || isSession(message.session) ? (message as BridgeMessage) : null;
    case 'session-save':
      return isSession(message.session) ? (message as BridgeMessage) : null;
    default:
      return null;
  }
}

/**
 * In the chat frame: the session kept by the embedding page, or null when there is no parent, it
 * has an opaque origin, or it does not answer (a page framing /chat without /widget.js).
 */
export function parentSessionStore(): Promise<SessionStore | null> {
  const parent = window.parent;
  if (parent === window) return Promise.resolve(null);
  return new Promise((resolve) => {
    const done = (store: SessionStore | null) => {
      clearTimeout(timer);
      window.removeEventListener('message', onMessage);
      resolve(store);
    };
    const timer = setTimeout(() => done(null), HANDSHAKE_TIMEOUT_MS);
    const onMessage = (event: MessageEvent) => {
      const message = bridgeMessage(event.data);
      if (event.source !== parent || message?.pitboss !== 'session') return;
      if (event.origin === 'null') return done(null);
      const pageOrigin = event.origin;
      let saved = message.session;
      const post = (reply: BridgeMessage) => parent.postMessage(reply, pageOrigin);
      done({
        load: () => saved,
        save: (session) => {
          saved = session;
          post({ pitboss: 'session-save', session });
        },
        clear: () => {
          saved = null;
          post({ pitboss: 'session-clear' });
        },
      });
    };
    window.addEventListener('message', onMessage);
    // Carries nothing secret, and the page's origin is not known yet: hence '*'.
    parent.postMessage({ pitboss: 'session-request' } satisfies BridgeMessage, '*');
  });
}

/** In the operator's page: keeps the session for the chat frame, listening to that frame only. */
export function serveSessionStore(frame: HTMLIFrameElement, frameOrigin: string, store: SessionStore): void {
  window.addEventListener('message', (event) => {
    if (event.origin !== frameOrigin || event.source !== frame.contentWindow) return;
    const message = bridgeMessage(event.data);
    if (message?.pitboss === 'session-request') {
      const reply: BridgeMessage = { pitboss: 'session', session: store.load() };
      frame.contentWindow?.postMessage(reply, frameOrigin);
    } else if (message?.pitboss === 'session-save') store.save(message.session);
    else if (message?.pitboss === 'session-clear') store.clear();
  });
}
