// Server-Sent Events over fetch (browser side), so the bearer token travels in a header rather
// than the URL. Reconnects by itself; `lastEventId` lets the server replay what was missed.

export interface SseOptions {
  url: string;
  token: () => string | null;
  lastEventId?: () => string | undefined;
  onEvent: (event: string, data: string) => void;
  onStatus?: (status: 'online' | 'reconnecting') => void;
  /** The server refused the token or no longer knows the conversation: stop and let the page start again. */
  onUnauthorized: () => void;
}

function dispatch(frame: string, onEvent: SseOptions['onEvent']): void {
  let event = 'message';
  let data = '';
  for (const line of frame.split('\n')) {
    if (line.startsWith('event:')) event = line.slice(6).trim();
    else if (line.startsWith('data:')) data += line.slice(5).trim();
  }
  if (data) onEvent(event, data);
}

/** Starts listening; returns a function that stops. */
export function listen(options: SseOptions): () => void {
  const controller = new AbortController();
  void (async () => {
    while (!controller.signal.aborted) {
      try {
        const headers: Record<string, string> = { authorization: `Bearer ${options.token() ?? ''}` };
        const lastId = options.lastEventId?.();
        if (lastId) headers['last-event-id'] = lastId;
        const response = await fetch(options.url, { headers, signal: controller.signal });
        if (response.status === 401 || response.status === 404) return options.onUnauthorized();
        if (!response.ok || !response.body) throw new Error(`events: ${response.status}`);
        const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
        let buffer = '';
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += value;
          let boundary = buffer.indexOf('\n\n');
          while (boundary >= 0) {
            dispatch(buffer.slice(0, boundary), (event, data) => {
              if (event === 'ready') options.onStatus?.('online');
              options.onEvent(event, data);
            });
            buffer = buffer.slice(boundary + 2);
            boundary = buffer.indexOf('\n\n');
          }
        }
      } catch {
        if (controller.signal.aborted) return;
      }
      options.onStatus?.('reconnecting');
      await new Promise((resolve) => setTimeout(resolve, 2000));
    }
  })();
  return () => controller.abort();
}

/** An element with text content only: nothing a player or agent typed is ever parsed as HTML. */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  if (className) element.className = className;
  if (text !== undefined) element.textContent = text;
  return element;
}
