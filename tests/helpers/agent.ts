import { AgentStore } from '../../src/handoff/agents.js';
import { handoffKeys } from '../../src/handoff/keys.js';
import type { AgentProfile } from '../../src/handoff/schemas.js';
import type { TestApp } from './app.js';
import { openSse, type SseReader } from './sse.js';

export const AGENT_PASSWORD = 'correct horse battery';

export async function addAgent(app: TestApp, email: string, name: string, profile: Partial<AgentProfile> = {}): Promise<void> {
  await new AgentStore(app.redis, handoffKeys(app.config.REDIS_PREFIX)).add({ email, name, password: AGENT_PASSWORD, ...profile }, { replace: true });
}

export async function loginAgent(app: TestApp, email: string, password = AGENT_PASSWORD): Promise<string> {
  const response = await fetch(`${app.url}/api/agent/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (!response.ok) throw new Error(`login: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { token: string }).token;
}

export async function agentCall<T = Record<string, unknown>>(app: TestApp, token: string | undefined, method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
  const headers: Record<string, string> = {};
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${app.url}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : {}) as T };
}

/** The agent's live event stream (queue changes and the transcripts of the tickets they hold). */
export function openAgentEvents(app: TestApp, token: string): Promise<SseReader> {
  return openSse(`${app.url}/api/agent/events`, { authorization: `Bearer ${token}` });
}
