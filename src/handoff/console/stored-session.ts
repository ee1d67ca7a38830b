// The agent's login for this browser tab (sessionStorage), under the keys the agent console uses:
// logged in on one page of the console, an agent is logged in on the others.
import type { Agent } from './types.js';

const TOKEN_KEY = 'pitboss.agent.token';
const AGENT_KEY = `${TOKEN_KEY}.agent`;

export const storedSession = {
  token(): string | null {
    return sessionStorage.getItem(TOKEN_KEY);
  },
  agent(): Agent | null {
    return JSON.parse(sessionStorage.getItem(AGENT_KEY) ?? 'null') as Agent | null;
  },
  save(token: string, agent?: Agent): void {
    sessionStorage.setItem(TOKEN_KEY, token);
    if (agent) sessionStorage.setItem(AGENT_KEY, JSON.stringify(agent));
  },
  clear(): void {
    sessionStorage.removeItem(TOKEN_KEY);
    sessionStorage.removeItem(AGENT_KEY);
  },
};
