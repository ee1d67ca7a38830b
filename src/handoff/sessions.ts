import { z } from 'zod';
import type { TokenService } from '../auth/tokens.js';
import type { EventHub } from '../conversation/events.js';
import { UnauthorizedError } from '../errors.js';
import type { SseStream } from '../http/sse.js';
import type { HandoffKeys } from './keys.js';
import type { AgentStore } from './agents.js';
import type { Agent, AgentIdentity } from './schemas.js';

/** What an agent token carries besides `sub` (the agent id): `ver` is the token version, `auth_time` the login. */
const AgentClaims = z.object({
  sub: z.string(),
  email: z.string(),
  name: z.string(),
  ver: z.number().int().min(0),
  auth_time: z.number().int(),
});

export interface AgentSession extends AgentIdentity {
  tokenVersion: number;
  /** When the agent typed their password (Unix seconds); renewals never move it. */
  authTime: number;
}

export interface AgentSessionsDeps {
  tokens: TokenService;
  agents: AgentStore;
  events: EventHub;
  keys: HandoffKeys;
  /** No session outlives this, however often its token is renewed. */
  maxSessionSeconds: number;
}

const LOGIN_HINT = 'Log in with POST /api/agent/login.';

/**
 * Agent sessions: the token from a login, checked on every request against the agent's current token
 * version (a password reset or removal ends every session at once), and renewed only up to a maximum
 * session length counted from the login.
 */
export class AgentSessions {
  constructor(private readonly deps: AgentSessionsDeps) {}

  /** A fresh session for an agent who just gave their password. */
  start(agent: Agent): { token: string; agent: AgentIdentity } {
    return this.issue({ id: agent.id, email: agent.email, name: agent.name, tokenVersion: agent.tokenVersion, authTime: nowSeconds() });
  }

  /** Verifies the token, the session's age and the agent's token version (one Redis read); throws 401 otherwise. */
  async authenticate(token: string): Promise<AgentSession> {
    const claims = AgentClaims.safeParse(this.deps.tokens.verify(token));
    if (!claims.success) throw new UnauthorizedError(`This token is not an agent session. ${LOGIN_HINT}`);
    const { sub, email, name, ver, auth_time } = claims.data;
    if (nowSeconds() >= auth_time + this.deps.maxSessionSeconds) {
      throw new UnauthorizedError(`Your session has reached its maximum length. ${LOGIN_HINT}`, 'session_expired');
    }
    const session = { id: sub, email, name, tokenVersion: ver, authTime: auth_time };
    if (!(await this.isCurrent(session))) {
      throw new UnauthorizedError(`Your session has ended (password reset or account removed). ${LOGIN_HINT}`, 'session_ended');
    }
    return session;
  }

  /** Closes the stream as soon as the session ends, whichever process resets the password or removes the agent. */
  async closeWhenEnded(session: AgentSession, stream: SseStream): Promise<void> {
    let closed = false;
    let unsubscribe: (() => Promise<void>) | undefined;
    stream.onClose(() => {
      closed = true;
      void unsubscribe?.();
    });
    unsubscribe = await this.deps.events.subscribe(this.deps.keys.agentSessionEvents(session.email), (version) => {
      if (version !== String(session.tokenVersion)) stream.close();
    });
    if (closed) return void (await unsubscribe());
    // A reset between the request's check and the subscription would otherwise go unheard.
    if (!(await this.isCurrent(session))) stream.close();
  }

  /** A token for the session (a renewal passes the session it renews); it never outlives the session. */
  issue(session: AgentSession): { token: string; agent: AgentIdentity } {
    const agent = { id: session.id, email: session.email, name: session.name };
    const claims = { email: agent.email, name: agent.name, ver: session.tokenVersion, auth_time: session.authTime };
    return { token: this.deps.tokens.sign(agent.id, claims, session.authTime + this.deps.maxSessionSeconds), agent };
  }

  /** Same agent (re-adding a removed e-mail makes a new id) and no password reset since the login. */
  private async isCurrent(session: AgentSession): Promise<boolean> {
    const current = await this.deps.agents.credentialState(session.email);
    return current?.id === session.id && current.tokenVersion === session.tokenVersion;
  }
}

function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}
