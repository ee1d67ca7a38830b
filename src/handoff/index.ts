import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { TokenService } from '../auth/tokens.js';
import type { Config } from '../config.js';
import type { Delivery } from '../conversation/delivery.js';
import type { EventHub } from '../conversation/events.js';
import type { SupervisorFigures } from '../core/figures.js';
import type { ConversationHistory } from '../core/history.js';
import type { Locale } from '../core/schemas.js';
import { SupportHours } from '../core/support-hours.js';
import type { ConversationStateMachine } from '../conversation/state-machine.js';
import type { ConversationStore } from '../conversation/store.js';
import type { BrowserAssets } from '../http/browser-assets.js';
import type { OpenStreams } from '../http/sse.js';
import type { ArticleArchive } from '../knowledge/archive.js';
import type { Metrics, QueueReadings } from '../metrics.js';
import type { Redis, RedisConnections } from '../redis.js';
import { AgentStore } from './agents.js';
import { UnclaimedTicketAlerts } from './alerts.js';
import { agentConsoleRoutes } from './console/assets.js';
import { AgentEvents } from './events.js';
import type { HandoffKeys } from './keys.js';
import { HandoffQueue } from './queue.js';
import { type AgentRoutesDeps, agentRoutes } from './routes.js';
import { TicketEffects } from './effects.js';
import { TicketLifecycle } from './lifecycle.js';
import { QueuePositions } from './positions.js';
import { HandoffService, type HandoffServiceDeps } from './service.js';
import { type Suggestion, TicketViews, type TicketViewsDeps } from './views.js';
import { AgentSessions } from './sessions.js';
import { SupervisorView } from './supervisor.js';
import { TicketStore } from './tickets.js';
import { type PlayerDataSource, PlayerPanels } from './player-panel.js';
import type { Attachments } from '../attachments/index.js';
import { WaitingLines } from './waiting-line.js';

export { handoffKeys } from './keys.js';
export type { HandoffService } from './service.js';

/** An outbox entry unfinished for this long had its applier crash (a live one finishes in milliseconds). */
const OUTBOX_STALE_MS = 5_000;

export interface HandoffDeps {
  config: Config;
  redis: Redis;
  /** Its BullMQ queues and workers take their connections from here. */
  connections: RedisConnections;
  keys: HandoffKeys;
  conversations: ConversationStore;
  /** Every change of a conversation's mode and its ticket's state goes through it. */
  state: ConversationStateMachine;
  delivery: Delivery;
  events: EventHub;
  archive: ArticleArchive;
  metrics: Metrics;
  logger: Logger;
  sseStreams: OpenStreams;
  /** Past conversations (the system of record), for the agent API's history. */
  history: ConversationHistory;
  /** A day's figures for the supervisor view (the system of record). */
  figures: SupervisorFigures;
  /** The agent console's script and stylesheet. */
  browserAssets: BrowserAssets;
  suggest(text: string, locale: Locale): Suggestion[];
  /** The team's canned replies, for the agent API. */
  teamReplies: AgentRoutesDeps['teamReplies'];
  /** OpenAI mode: a summary and a cited draft reply for the agent. */
  assist?: TicketViewsDeps['assist'];
  /** The operator's player API, for the player panel (absent without PLAYER_API_URL). */
  players?: PlayerDataSource;
  attachments: Attachments;
  /** E-mail copies of agent replies (see `HandoffServiceDeps.copyByEmail`). */
  copyByEmail?: HandoffServiceDeps['copyByEmail'];
}

/** Builds the handoff module: queue, tickets, agents, service, and its routes; `close` stops its workers. */
export async function createHandoff(deps: HandoffDeps) {
  const { config, redis, keys, logger } = deps;
  const queue = new HandoffQueue({
    connections: deps.connections,
    keys,
    lockMs: config.HANDOFF_LOCK_SECONDS * 1000,
    stalledCheckMs: config.HANDOFF_STALLED_CHECK_SECONDS * 1000,
    keepCompletedSeconds: config.LIVE_RETENTION_HOURS * 3600,
    logger,
  });
  const tickets = new TicketStore(redis, keys);
  const hours = config.SUPPORT_HOURS ? SupportHours.parse(config.SUPPORT_HOURS) : SupportHours.always();
  const agents = new AgentStore(redis, keys);
  const agentEvents = new AgentEvents(redis, keys.agentEvents);
  const alerts = new UnclaimedTicketAlerts({ connections: deps.connections, keys, alertMs: config.HANDOFF_ALERT_SECONDS * 1000, tickets, events: agentEvents, logger });
  const lines = new WaitingLines(redis, keys);
  const positions = new QueuePositions({ redis, keys, lines, tickets, agents, delivery: deps.delivery, hours });
  const effects = new TicketEffects({
    timeZone: hours.timeZone,
    state: deps.state,
    queue,
    tickets,
    positions,
    agents,
    delivery: deps.delivery,
    metrics: deps.metrics,
    alerts,
    logger,
    recoverEveryMs: config.HANDOFF_STALLED_CHECK_SECONDS * 1000,
    staleMs: Math.max(OUTBOX_STALE_MS, 2 * config.HANDOFF_STALLED_CHECK_SECONDS * 1000),
  });
  const lifecycle = new TicketLifecycle({ state: deps.state, tickets, lines, positions, effects, agents, reasonTeams: config.HANDOFF_TEAMS, logger });
  const views = new TicketViews({ redis, keys, tickets, lines, agents, conversations: deps.conversations, history: deps.history, suggest: deps.suggest, assist: deps.assist });
  const service = new HandoffService({ ...deps, lifecycle, positions, views, queue, lines, tickets, agents, events: agentEvents });
  queue.onReturned((ticketId) => void lifecycle.returned(ticketId).catch((error: unknown) => logger.error({ err: error, ticketId }, 'could not requeue a stalled ticket')));
  await queue.start();
  await service.lineUpWaitingTickets();
  effects.start();
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
      loginRateNamespace: keys.loginRate,
      history: deps.history,
      teamReplies: deps.teamReplies,
      sseStreams: deps.sseStreams,
      lockMs: config.HANDOFF_LOCK_SECONDS * 1000,
      supervisor: new SupervisorView({ service, figures: deps.figures, timeZone: hours.timeZone }),
      players: new PlayerPanels({ tickets, conversations: deps.conversations, players: deps.players }),
      attachments: deps.attachments,
    });
    await app.register(agentConsoleRoutes, { assets: deps.browserAssets });
    // Bull Board loads only when the dashboard is on.
    if (config.ADMIN_PASSWORD) {
      const { queueDashboard } = await import('./dashboard.js');
      await app.register(queueDashboard, { queues: [queue.queue], user: config.ADMIN_USER, password: config.ADMIN_PASSWORD });
    }
  }

  const readings: QueueReadings = {
    waitingTickets: () => queue.waitingCount(),
    async oldestWaitSeconds() {
      const createdAt = await lines.oldestCreatedAt();
      return createdAt === undefined ? 0 : Math.max(0, (Date.now() - createdAt) / 1000);
    },
  };

  return {
    service,
    agents,
    routes,
    /** The queue's depth and oldest wait, for the metrics gauges. */
    readings,
    /** The support hours' time zone: where call times are told. */
    timeZone: hours.timeZone,
    async close() {
      effects.stop();
      await alerts.close();
      await queue.close();
    },
  };
}
