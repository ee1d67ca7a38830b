import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { TokenService } from './auth/tokens.js';
import { BotTurns } from './bot/bot-turns.js';
import { createOfflineAnswerer, withPublicLinks } from './knowledge/answer.js';
import { smallTalkKind } from './bot/small-talk.js';
import { SupportBot } from './bot/support-bot.js';
import { CallbackCollector } from './bot/callback/collector.js';
import type { CountryCode } from './core/phone.js';
import { articleQuote, rgToolsQuote } from './bot/article-quote.js';
import { LiveTriage } from './bot/triage/live-triage.js';
import { TriageModelFolder } from './bot/triage/model-folder.js';
import { createChannels } from './channels/index.js';
import { buildWidgetAssets } from './channels/webchat/assets.js';
import { webchatRoutes } from './channels/webchat/routes.js';
import type { Config } from './config.js';
import { Delivery } from './conversation/delivery.js';
import { EventHub } from './conversation/events.js';
import { TurnLock } from './pipeline/turn-lock.js';
import { TurnResults } from './pipeline/turn-results.js';
import { KeyedQueue } from './pipeline/keyed-queue.js';
import { conversationKeys } from './conversation/keys.js';
import { ConversationStateMachine } from './conversation/state-machine.js';
import { ConversationStore } from './conversation/store.js';
import { TurnRunner, type TurnResult } from './pipeline/turn.js';
import { createHandoff, handoffKeys } from './handoff/index.js';
import { healthRoutes } from './health.js';
import { faviconRoutes } from './http/favicon.js';
import { registerErrorHandling } from './http/error-handler.js';
import { loadBrowserAssets } from './http/load-browser-assets.js';
import { registerOpenApi } from './http/openapi.js';
import { registerRequestMetrics } from './http/request-metrics.js';
import { registerStrictJsonParser } from './http/json-parser.js';
import { metricsRoute, serveMetricsApart } from './http/metrics-endpoint.js';
import { registerSecurityHeaders } from './http/security-headers.js';
import { OpenStreams } from './http/sse.js';
import { ArticleArchive } from './knowledge/archive.js';
import { helpRoutes } from './knowledge/help/routes.js';
import { KnowledgeBase } from './knowledge/knowledge-base.js';
import { TeamReplies } from './knowledge/team-replies.js';
import { LiveLanguageModel } from './knowledge/live-language-model.js';
import { KnowledgeRetriever } from './knowledge/retriever.js';
import { KB_LOCALES } from './knowledge/schemas.js';
import { Metrics } from './metrics.js';
import { openRecord } from './record/index.js';
import { createIdentity, identityRoutes, type PlayerApi } from './identity/index.js';
import { SelfService } from './bot/self-service/self-service.js';
import { AppError } from './errors.js';
import { createAttachments } from './attachments/index.js';
import { type Redis, RedisConnections } from './redis.js';

/** The version in package.json, for the OpenAPI document. */
function packageVersion(): string {
  return (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;
}

export interface AppDeps {
  config: Config;
  /** Connected command client; the caller owns it and closes it after the app. */
  redis: Redis;
  logger: Logger;
}

/** Builds the whole HTTP gateway over injected dependencies; `main.ts` and the tests both use it. */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const { config, redis, logger } = deps;
  const app = Fastify({
    loggerInstance: logger as FastifyBaseLogger,
    bodyLimit: config.BODY_LIMIT_BYTES,
    trustProxy: config.TRUST_PROXY,
    return503OnClosing: true,
  });
  registerErrorHandling(app);
  registerStrictJsonParser(app);
  const metrics = new Metrics();
  registerRequestMetrics(app, metrics);
  await registerSecurityHeaders(app, { publicUrl: config.PUBLIC_URL });
  await registerOpenApi(app, { version: packageVersion(), publicUrl: config.PUBLIC_URL });
  const browserAssets = await loadBrowserAssets();
  await app.register(browserAssets.routes);

  const connections = new RedisConnections(redis, (role, error) => logger.warn({ err: error.message, role }, 'Redis connection problem; reconnecting'));
  const events = new EventHub(connections.subscriber(), logger);
  const keys = conversationKeys(config.REDIS_PREFIX);
  const handoffRedisKeys = handoffKeys(config.REDIS_PREFIX);
  const liveRetentionSeconds = config.LIVE_RETENTION_HOURS * 3600;
  const conversations = new ConversationStore(redis, keys, { unclaimedTtlSeconds: config.UNCLAIMED_SESSION_TTL_MINUTES * 60, liveRetentionSeconds });
  const state = new ConversationStateMachine(redis, handoffRedisKeys.state, liveRetentionSeconds);
  // Opened before the models are trained: a database that is not there stops the start at once.
  const record = await openRecord({ config, redis, keys: handoffRedisKeys.state, articleVersionKey: handoffRedisKeys.articleVersion, logger });
  const knowledge = await KnowledgeBase.open({ dir: config.KNOWLEDGE_DIR, logger, watch: config.KNOWLEDGE_WATCH });
  const teamReplies = await TeamReplies.open({ dir: config.KNOWLEDGE_DIR, logger, watch: config.KNOWLEDGE_WATCH });
  const languages = new LiveLanguageModel(knowledge, logger);
  const archive = new ArticleArchive(redis, handoffRedisKeys.articleVersion, knowledge);
  // Kept across restarts beside the embedded database; with everything in memory, every start trains.
  const triageModels = config.DATA_DIR.startsWith('memory://') ? undefined : new TriageModelFolder(join(config.DATA_DIR, 'models'), logger);
  const triage = new LiveTriage(knowledge, logger, triageModels);
  // LangChain and the OpenAI client load only in OpenAI mode: the offline gateway starts without them.
  const llm = config.OPENAI_API_KEY
    ? await (await import('./llm/index.js')).createLlm({ config, redis, knowledge, metrics, logger, triage: (text) => triage.classify(text) })
    : undefined;
  const attachments = await createAttachments({ config, redis });
  const channels = createChannels({ config, connections, attachments, logger });
  const delivery = new Delivery(conversations, channels.senders, logger);
  const sseStreams = new OpenStreams({ conversation: config.SSE_MAX_STREAMS_PER_CONVERSATION, agent: config.SSE_MAX_STREAMS_PER_AGENT });

  const identity = createIdentity({ config, redis, logger });

  const handoff = await createHandoff({
    config,
    redis,
    connections,
    keys: handoffRedisKeys,
    conversations,
    state,
    delivery,
    events,
    archive,
    metrics,
    logger,
    sseStreams,
    browserAssets,
    history: record.history,
    figures: record.figures,
    players: identity.playerApi,
    attachments,
    copyByEmail: (to, message) => channels.copyByEmail(to, message),
    assist: llm?.assist,
    teamReplies: (locale) => teamReplies.list(locale),
    suggest: (text, locale) =>
      knowledge.index.search(text, locale, 3).map(({ section }) => ({
        articleId: section.articleId,
        title: section.articleTitle,
        heading: section.heading,
        text: section.text,
      })),
  });

  metrics.watchQueue(handoff.readings);

  const offlineAnswer = createOfflineAnswerer({
    retrieverFor: (locale) => new KnowledgeRetriever({ knowledge, locale }),
    threshold: config.ANSWER_CONFIDENCE_THRESHOLD,
  });
  const selfService = (account: PlayerApi) =>
    new SelfService({
      account,
      findArticles: (text, locale) => knowledge.index.search(text, locale, 4).map(({ articleId, score }) => ({ articleId, score })),
      quote: (articleId, text, locale) => articleQuote(knowledge.index, articleId, text, locale, config.PUBLIC_URL),
      setPendingChange: (key, change) => state.flag(key, { pendingChange: change ? JSON.stringify(change) : null }),
      onFailure: (what, error) => logger.warn({ what, code: error instanceof AppError ? error.code : 'unexpected', err: error instanceof AppError ? undefined : error }, 'player API call failed; the player is handed to an agent'),
    });
  const bot = new SupportBot({
    answer: withPublicLinks(llm ? llm.answerer(offlineAnswer) : offlineAnswer, config.PUBLIC_URL),
    classify: llm ? (text, history, turn) => llm.classify(text, history, turn) : async (text) => triage.classify(text),
    modelDeadline: llm?.turnDeadline,
    handoff: handoff.service,
    conversations,
    state,
    metrics,
    smallTalk: (text) => smallTalkKind(text, KB_LOCALES.map((locale) => knowledge.languageResources(locale))),
    rgTools: (locale) => rgToolsQuote(knowledge.index, locale, config.PUBLIC_URL),
    remember: (citations) => archive.remember(citations),
    selfService: identity.playerApi && selfService(identity.playerApi),
    callbacks: new CallbackCollector({ timeZone: handoff.timeZone, defaultCountry: config.PHONE_DEFAULT_COUNTRY as CountryCode | undefined }),
    logger,
  });
  const turns = new TurnRunner({
    conversations,
    state,
    keys,
    results: new TurnResults<TurnResult>(redis),
    queue: new KeyedQueue(),
    // A message behind a turn waits as long as that turn may take (the model's deadline), or a dead replica's lease takes to lapse.
    lock: new TurnLock(redis, keys.turnLock, { leaseMs: config.TURN_LOCK_SECONDS * 1000, waitMs: config.LLM_TIMEOUT_MS + config.TURN_LOCK_SECONDS * 1000 }),
    bot: new BotTurns(bot),
    identifyLanguage: (text) => languages.identify(text),
    delivery,
    linkCodes: identity.linkCodes,
    metrics,
    logger,
  });
  await channels.startInbound(turns);
  const tokens = new TokenService({
    secret: config.WEBCHAT_TOKEN_SECRET,
    ttlSeconds: config.WEBCHAT_TOKEN_TTL_HOURS * 3600,
    audience: 'pitboss:webchat',
    hint: 'Create a session with POST /api/webchat/sessions.',
  });


  const knowledgeReady = {
    name: 'knowledge',
    check: async () => (knowledge.ready ? undefined : `no articles loaded from ${config.KNOWLEDGE_DIR}/`),
  };
  await app.register(healthRoutes, { redis, checks: [knowledgeReady] });
  await app.register(faviconRoutes);
  const metricsEndpoint = { registry: metrics.registry, token: config.METRICS_TOKEN };
  if (config.METRICS_HOST) serveMetricsApart(app, { ...metricsEndpoint, host: config.METRICS_HOST, port: config.METRICS_PORT });
  else await app.register(metricsRoute, metricsEndpoint);
  await app.register(webchatRoutes, {
    identity: identity.verifier,
    attachments,
    conversations,
    turns,
    tokens,
    events,
    assets: await buildWidgetAssets(browserAssets, { color: config.WIDGET_COLOR, logoUrl: config.WIDGET_LOGO_URL }),
    sseStreams,
    rateLimitStore: { redis, prefix: config.REDIS_PREFIX },
    limits: {
      sessionsPerIp: config.WEBCHAT_SESSIONS_PER_IP_PER_MINUTE,
      messagesPerIp: config.WEBCHAT_MESSAGES_PER_IP_PER_MINUTE,
      messagesPerConversation: config.WEBCHAT_MESSAGES_PER_CONVERSATION_PER_MINUTE,
    },
  });
  await app.register(helpRoutes, { knowledge, stylesheet: browserAssets.url('help.css') });
  await app.register(handoff.routes);
  if (identity.linkCodes && config.IDENTITY_SECRET) await app.register(identityRoutes, { secret: config.IDENTITY_SECRET, linkCodes: identity.linkCodes });
  await app.register(channels.routes);

  app.addHook('preClose', async () => {
    sseStreams.closeAll();
  });
  app.addHook('onClose', async () => {
    await channels.close();
    await handoff.close();
    await llm?.close();
    await knowledge.close();
    await teamReplies.close();
    await record.close();
    connections.close();
  });
  return app;
}
