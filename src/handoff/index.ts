import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { TokenService } from '../auth/tokens.js';
import type { Config } from '../config.js';
import type { Delivery } from '../conversation/delivery.js';
import type { EventHub } from '../conversation/events.js';
import type { Locale } from '../core/schemas.js';
import type { ConversationStore } from '../conversation/store.js';
import type { OpenStreams } from '../http/sse.js';
import type { ArticleArchive } from '../knowledge/archive.js';
import type { Metrics } from '../metrics.js';
import type { Redis } from '../redis.js';
import { AgentStore } from './agents.js';
import { UnclaimedTicketAlerts } from './alerts.js';
import { agentConsoleRoutes } from './console/assets.js';
import { AgentEvents } from './events.js';
import type { HandoffKeys } from './keys.js';
import { HandoffQueue } from './queue.js';
import { agentRoutes } from './routes.js';
import { HandoffService, type HandoffServiceDeps, type Suggestion } from './service.js';
import { AgentSessions } from './sessions.js';
import { TicketStore } from './tickets.js';
import { WaitingLine } from './waiting-line.js';

export { handoffKeys } from './keys.js';
export type { HandoffService } from './service.js';

export interface HandoffDeps {
  config: Config;
  redis: Redis;
  keys: HandoffKeys;
  conversations: ConversationStore;
  delivery: Delivery;
  events: EventHub;
  archive: ArticleArchive;
  metrics: Metrics;
  logger: Logger;
  sseStreams: OpenStreams;
  suggest(text: string, locale: Locale): Suggestion[];
  /** OpenAI mode: a summary and a cited draft reply for the agent. */
  assist?: HandoffServiceDeps['assist'];
}

/** Builds the handoff module: queue, tickets, agents, service, and its routes; `close` stops its workers. */
export async function createHandoff(deps: HandoffDeps) {
  const { config, redis, keys, logger } = deps;
  const queue = new HandoffQueue({
    redisUrl: config.REDIS_URL,
    keys,
    lockMs: config.HANDOFF_LOCK_SECONDS * 1000,
    stalledCheckMs: config.HANDOFF_STALLED_CHECK_SECONDS * 1000,
    logger,
  });
  const tickets = new TicketStore(redis, keys);
  const agents = new AgentStore(redis, keys);
  const agentEvents = new AgentEvents(redis, keys.agentEvents);
  const alerts = new UnclaimedTicketAlerts({ redisUrl: config.REDIS_URL, keys, alertMs: config.HANDOFF_ALERT_SECONDS * 1000, tickets, events: agentEvents, logger });
  const line = new WaitingLine(redis, keys.waitingLine);
  const service = new HandoffService({ ...deps, queue, line, tickets, agents, events: agentEvents, alerts });
  await queue.start();
  await service.lineUpWaitingTickets();
  const tokens = new TokenService({
    secret: config.AGENT_TOKEN_SECRET,
    ttlSeconds: config.AGENT_TOKEN_TTL_MINUTES * 60,
    audience: 'pitboss:agent',
    hint: 'Log in with POST /api/agent/login.',
  });
  const sessions = new AgentSessions({ tokens, agents, events: deps.events, keys, maxSessionSeconds: config.AGENT_SESSION_MAX_HOURS * 3600 });

  async function routes(app: FastifyInstance): Promise<void> {
    await app.register(agentRoutes, {
      service,
      agents,
      sessions,
      events: deps.events,
      agentEvents,
      conversations: deps.conversations,
      redis,
      keyPrefix: config.REDIS_PREFIX,
      sseStreams: deps.sseStreams,
      lockMs: config.HANDOFF_LOCK_SECONDS * 1000,
    });
    await app.register(agentConsoleRoutes);
    // Bull Board loads only when the dashboard is on.
    if (config.ADMIN_PASSWORD) {
      const { queueDashboard } = await import('./dashboard.js');
      await app.register(queueDashboard, { queues: [queue.queue], user: config.ADMIN_USER, password: config.ADMIN_PASSWORD });
    }
  }

  return {
    service,
    agents,
    routes,
    async close() {
      await alerts.close();
      await queue.close();
    },
  };
}
