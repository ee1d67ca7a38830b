import type { Message } from '../../src/core/schemas.js';
import { openSse } from './sse.js';

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

export interface MessageStream {
  /** Resolves with the first message matching the predicate (or rejects after the timeout). */
  next(predicate: (message: Message) => boolean, timeoutMs?: number): Promise<Message>;
  readonly received: Message[];
  close(): void;
}

/** Opens the conversation's event stream and waits until the server says it is ready. */
export async function openEvents(baseUrl: string, token: string, headers: Record<string, string> = {}): Promise<MessageStream> {
  const reader = await openSse(`${baseUrl}/api/webchat/events`, { authorization: `Bearer ${token}`, ...headers });
  const messages = () => reader.received.filter((e) => e.event === 'message').map((e) => e.data as unknown as Message);
  return {
    get received() {
      return messages();
    },
    async next(predicate, timeoutMs) {
      const found = await reader.next((e) => e.event === 'message' && predicate(e.data as unknown as Message), timeoutMs);
      return found.data as unknown as Message;
    },
    close: reader.close,
  };
}
