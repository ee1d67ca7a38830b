import type { Message } from '../../src/conversation/schemas.js';

export interface Session {
  conversationId: string;
  token: string;
}

export async function createSession(baseUrl: string, body: Record<string, unknown> = {}): Promise<Session> {
  const response = await fetch(`${baseUrl}/api/webchat/sessions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (response.status !== 201) throw new Error(`session: ${response.status} ${await response.text()}`);
  return (await response.json()) as Session;
}

export async function postMessage(baseUrl: string, token: string, body: unknown) {
  const response = await fetch(`${baseUrl}/api/webchat/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as { messageId: string; replies: Message[]; error?: string; message?: string } };
}

export async function history(baseUrl: string, token: string, after = 0): Promise<Message[]> {
  const response = await fetch(`${baseUrl}/api/webchat/messages?after=${after}`, { headers: { authorization: `Bearer ${token}` } });
  if (!response.ok) throw new Error(`history: ${response.status}`);
  return ((await response.json()) as { messages: Message[] }).messages;
}

export interface SseReader {
  /** Resolves with the first message event matching the predicate (or rejects after the timeout). */
  next(predicate: (message: Message) => boolean, timeoutMs?: number): Promise<Message>;
  readonly received: Message[];
  close(): void;
}

/** Opens the conversation's event stream and waits until the server says it is ready. */
export async function openEvents(baseUrl: string, token: string, headers: Record<string, string> = {}): Promise<SseReader> {
  const controller = new AbortController();
  const response = await fetch(`${baseUrl}/api/webchat/events`, {
    headers: { authorization: `Bearer ${token}`, ...headers },
    signal: controller.signal,
  });
  if (!response.ok || !response.body) throw new Error(`events: ${response.status}`);
  const received: Message[] = [];
  const waiters = new Set<() => void>();
  let ready!: () => void;
  const readyPromise = new Promise<void>((resolve) => (ready = resolve));
  void (async () => {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        let boundary = buffer.indexOf('\n\n');
        while (boundary >= 0) {
          const frame = buffer.slice(0, boundary);
          buffer = buffer.slice(boundary + 2);
          boundary = buffer.indexOf('\n\n');
          const event = /^event: (.*)$/m.exec(frame)?.[1];
          const data = /^data: (.*)$/m.exec(frame)?.[1];
          if (event === 'ready') ready();
          if (event === 'message' && data) {
            received.push(JSON.parse(data) as Message);
            for (const waiter of waiters) waiter();
          }
        }
      }
    } catch {
      // aborted by close()
    }
  })();
  await readyPromise;
  return {
    received,
    next(predicate, timeoutMs = 5000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = received.find(predicate);
          if (found) {
            waiters.delete(check);
            clearTimeout(timer);
            resolve(found);
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error('no matching event in time'));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    close: () => controller.abort(),
  };
}
