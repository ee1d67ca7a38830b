import type { FastifyInstance } from 'fastify';
import rateLimit from '@fastify/rate-limit';
import type { Redis } from 'ioredis';
import { z } from 'zod';
import type { EventHub } from '../conversation/events.js';
import { FiguresDay } from '../core/figures.js';
import { AttachmentId } from '../core/schemas.js';
import { type ConversationHistory, HistoryQuery } from '../core/history.js';
import type { ConversationStore } from '../conversation/store.js';
import { NotFoundError } from '../errors.js';
import { bearerToken } from '../http/bearer.js';
import type { OpenStreams } from '../http/sse.js';
import { KbLocale } from '../knowledge/schemas.js';
import type { TeamReply } from '../knowledge/team-reply-files.js';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AgentStore } from './agents.js';
import type { AgentEvent, AgentEvents } from './events.js';
import { serves } from './routing.js';
import type { HandoffService } from './service.js';
import { type AgentProfile, Presence } from './schemas.js';
import { CALL_OUTCOMES } from '../conversation/state-machine.js';
import type { AgentSession, AgentSessions } from './sessions.js';
import type { SupervisorView } from './supervisor.js';
import type { PlayerPanels } from './player-panel.js';
import { acceptUploads, type Attachments, attachmentRef, readUpload } from '../attachments/index.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in agent: set by the onRequest hook of the signed-in agent API's plugin scope, absent anywhere else. */
    agentSession: AgentSession;
  }
}

export interface AgentRoutesDeps {
  service: HandoffService;
  agents: AgentStore;
  sessions: AgentSessions;
  events: EventHub;
  agentEvents: AgentEvents;
  conversations: ConversationStore;
  redis: Redis;
  /** Where the login rate limit counts (`HandoffKeys.loginRate`). */
  loginRateNamespace: string;
  sseStreams: OpenStreams;
  lockMs: number;
  /** The conversation history (the system of record). */
  history: ConversationHistory;
  /** The team's canned replies (`knowledge/replies/`) of one language, or of all, as they are now. */
  teamReplies(locale?: KbLocale): TeamReply[];
  /** The supervisor's queue, agents and day's figures. */
  supervisor: SupervisorView;
  /** Verified players' panels. */
  players: PlayerPanels;
  /** Files sent in conversations. */
  attachments: Attachments;
}

const LOGIN_ROUTE = '/api/agent/login';
const LoginBody = z.object({ email: z.email().max(200), password: z.string().min(1).max(200) });
const TicketParams = z.object({ id: z.string().regex(/^T-[2-9A-HJ-NP-TV-Z]{4,6}$/, 'must be a ticket id like T-7Q2K') });
const ConversationParams = z.object({ key: z.string().regex(/^[a-z]+:[\w-]{1,128}$/, 'must be a conversation key like webchat:AbC123') });
const PresenceBody = z.object({ status: Presence });
const TransferBody = z.object({ to: z.string().trim().min(1, 'must name an agent (e-mail) or a team').max(200) });
const IsoInstant = z.iso.datetime({ offset: true });
const CallOutcomeBody = z.object({ outcome: z.enum(CALL_OUTCOMES), window: z.object({ from: IsoInstant, to: IsoInstant }).optional() });
const TextBody = z.object({ text: z.string().trim().min(1, 'must not be empty').max(4000, 'must be at most 4000 characters') });

/** The agent API: login, queue, claims, replies, notes, release, resolve, case export, live events. */
export async function agentRoutes(app: FastifyInstance, deps: AgentRoutesDeps): Promise<void> {
  const { agents, sessions } = deps;

  // The login is the one route without a session, so it lives outside the signed-in plugin scope.
  await app.register(async (scoped) => {
    await scoped.register(rateLimit, {
      max: 20,
      timeWindow: '1 minute',
      redis: deps.redis,
      nameSpace: deps.loginRateNamespace,
      errorResponseBuilder: (_request, context) => ({
        statusCode: 429,
        error: 'too_many_requests',
        message: `Too many login attempts from this address; try again in ${Math.ceil(context.ttl / 1000)} s.`,
      }),
    });
    scoped.withTypeProvider<ZodTypeProvider>().post(LOGIN_ROUTE, { schema: { tags: ['agents'], summary: 'Log in: an agent token', body: LoginBody } }, async (request) => {
      const { body } = request;
      return sessions.start(await agents.login(body.email, body.password, request.ip));
    });
  });

  await app.register(signedInRoutes, deps);
}

/**
 * Every route of the agent API but the login. Its plugin scope checks the session once, in an
 * onRequest hook (before the body is read), so every route added here is refused without a live
 * session and its handler reads `request.agentSession`.
 */
async function signedInRoutes(app: FastifyInstance, deps: AgentRoutesDeps): Promise<void> {
  const { service, sessions } = deps;

  app.decorateRequest('agentSession');
  app.addHook('onRequest', async (request) => {
    request.agentSession = await sessions.authenticate(bearerToken(request, 'Log in with POST /api/agent/login.'));
  });
  const api = app.withTypeProvider<ZodTypeProvider>();
  const agent = [{ agent: [] }];
  /** A route about one ticket: its id checked by the schema. */
  const onTicket = (summary: string) => ({ schema: { tags: ['agents'], summary, security: agent, params: TicketParams } });
  const textOnTicket = (summary: string) => ({ schema: { ...onTicket(summary).schema, body: TextBody } });
  const agentRoute = (summary: string) => ({ schema: { tags: ['agents'], summary, security: agent } });

  // A renewal keeps the login time, so no token outlives the maximum session length (AGENT_SESSION_MAX_HOURS).
  app.post('/api/agent/token', agentRoute('A fresh token for the same session'), async (request) => sessions.issue(request.agentSession));

  app.get('/api/agent/queue', agentRoute('Waiting tickets this agent serves, in the order agents get them, then the ones being worked on'), async (request) => ({
    tickets: await service.queueView(request.agentSession),
  }));

  api.post('/api/agent/presence', { schema: { tags: ['agents'], summary: 'Online or away: only online agents get alerts and count for the wait players are told', security: agent, body: PresenceBody } }, async (request, reply) => {
    await service.setPresence(request.agentSession, request.body.status);
    return reply.status(204).send();
  });

  app.get('/api/agent/team', agentRoute('The agents (languages, teams, presence, the tickets each holds) and the teams a ticket can go to'), async () => {
    const [agents, teams] = await Promise.all([service.team(), service.teams()]);
    return { agents, teams };
  });

  api.get(
    '/api/agent/supervisor',
    {
      schema: {
        tags: ['agents'],
        summary: "Supervisors only: the queue by reason and language, the agents and their load, and a day's figures from the record (today without ?day=, in the support hours' time zone)",
        security: agent,
        querystring: z.object({ day: FiguresDay.optional() }),
      },
    },
    async (request) => deps.supervisor.overview(request.agentSession, request.query.day),
  );

  app.post('/api/agent/claim', agentRoute('Take the next ticket'), async (request) => {
    const view = await service.claimNext(request.agentSession);
    if (!view) throw new NotFoundError('No tickets are waiting.', 'queue_empty');
    return view;
  });

  api.post('/api/agent/tickets/:id/claim', onTicket('Take this ticket'), async (request) => service.claim(request.params.id, request.agentSession));

  api.get('/api/agent/tickets/:id', onTicket('The ticket with its transcript, notes and suggested answers'), async (request) => service.view(request.params.id));

  api.get(
    '/api/agent/tickets/:id/player',
    {
      schema: {
        ...onTicket("The verified player's panel: their conversations on every channel, and profile, KYC, withdrawals, bonuses and limits from the operator's API with the time read (?fresh=true reads it again now)").schema,
        querystring: z.object({ fresh: z.enum(['true', 'false']).default('false').transform((v) => v === 'true') }),
      },
    },
    async (request) => deps.players.ofTicket(request.params.id, { fresh: request.query.fresh }),
  );

  api.post('/api/agent/tickets/:id/messages', textOnTicket('Write to the player'), async (request) => ({
    message: await service.reply(request.params.id, request.agentSession, request.body.text),
  }));

  await app.register(async (uploads) => {
    await acceptUploads(uploads, deps.attachments.maxBytes);
    uploads.withTypeProvider<ZodTypeProvider>().post(
      '/api/agent/tickets/:id/attachments',
      { schema: { ...onTicket('Send the player a picture or PDF (multipart: an optional "text" field, then "file")').schema, consumes: ['multipart/form-data'] } },
      async (request, reply) => {
        const { id } = request.params;
        const conversationKey = await service.heldConversation(id, request.agentSession);
        const upload = await readUpload(request, deps.attachments.maxBytes);
        const stored = await deps.attachments.accept({ ...upload, conversationKey, from: 'agent' });
        return reply.status(201).send({ message: await service.reply(id, request.agentSession, upload.text ?? '', [attachmentRef(stored)]) });
      },
    );
  });

  api.get(
    '/api/agent/attachments/:id',
    { schema: { tags: ['agents'], summary: 'A file a player or an agent sent', security: agent, params: z.object({ id: AttachmentId }) } },
    async (request, reply) => deps.attachments.send(reply, request.params.id),
  );

  api.post('/api/agent/tickets/:id/notes', textOnTicket('An internal note the player never sees'), async (request) => ({
    note: await service.note(request.params.id, request.agentSession, request.body.text),
  }));

  api.post(
    '/api/agent/tickets/:id/transfer',
    { schema: { ...onTicket('Hand the ticket to an agent (by e-mail) or a team').schema, body: TransferBody } },
    async (request) => service.transfer(request.params.id, request.agentSession, request.body.to),
  );

  api.post('/api/agent/tickets/:id/release', onTicket('Put the ticket back in the queue'), async (request) => ({ handoff: await service.release(request.params.id, request.agentSession) }));

  api.post('/api/agent/tickets/:id/resolve', onTicket('Close the ticket and ask the player for a rating'), async (request) => ({
    ticket: await service.resolve(request.params.id, request.agentSession),
  }));

  api.post(
    '/api/agent/tickets/:id/callback',
    { schema: { ...onTicket('How the phone call went: done or failed closes the ticket, rescheduled (with a new window) keeps it; the player is told').schema, body: CallOutcomeBody } },
    async (request) => ({ ticket: await service.callOutcome(request.params.id, request.agentSession, request.body.outcome, request.body.window) }),
  );

  api.get('/api/agent/tickets/:id/export', onTicket('The case file: ticket, facts, notes, transcript and the article versions cited'), async (request, reply) => {
    const { id } = request.params;
    const caseFile = await service.caseFile(id);
    return reply.header('content-disposition', `attachment; filename="case-${id}.json"`).send(caseFile);
  });

  api.get(
    '/api/agent/conversations',
    { schema: { tags: ['agents'], summary: 'Past and present conversations: search their transcripts, filter, page', security: agent, querystring: HistoryQuery } },
    async (request) => deps.history.search(request.query),
  );

  api.get(
    '/api/agent/conversations/:key',
    { schema: { tags: ['agents'], summary: 'One conversation from the record, with its whole transcript and tickets', security: agent, params: ConversationParams } },
    async (request) => {
      const found = await deps.history.conversation(request.params.key);
      if (!found) throw new NotFoundError(`No conversation ${request.params.key} in the record.`, 'conversation_not_found');
      return found;
    },
  );

  api.get(
    '/api/agent/replies',
    {
      schema: {
        tags: ['agents'],
        summary: "The team's canned replies of one language (of every language without ?locale=), with their {placeholders} for the console to fill in",
        security: agent,
        querystring: z.object({ locale: KbLocale.optional() }),
      },
    },
    async (request) => ({ replies: deps.teamReplies(request.query.locale) }),
  );

  app.post('/api/agent/heartbeat', agentRoute("Keep this agent's tickets locked to them"), async (request, reply) => {
    await service.heartbeat(request.agentSession);
    return reply.status(204).send();
  });

  app.get('/api/agent/events', agentRoute('Server-sent events: queue changes and the transcripts of the tickets this agent holds'), async (request, reply) => {
    const agent = request.agentSession;
    const stream = deps.sseStreams.open(reply, { kind: 'agent', id: agent.id });
    await sessions.closeWhenEnded(agent, stream);
    const watched = new Map<string, () => Promise<void>>();

    // Live transcript of every conversation this agent holds.
    const watchHeldTickets = async () => {
      const held = await service.heldBy(agent);
      const keys = new Set(held.map((ticket) => ticket.conversationKey));
      for (const [key, unsubscribe] of watched) {
        if (keys.has(key)) continue;
        watched.delete(key);
        await unsubscribe();
      }
      for (const ticket of held) {
        const key = ticket.conversationKey;
        if (watched.has(key)) continue;
        watched.set(
          key,
          await deps.events.subscribe(deps.conversations.eventsChannel(key), (payload) =>
            stream.send({ event: 'message', data: { ticketId: ticket.id, message: JSON.parse(payload) } }),
          ),
        );
      }
    };
    let { presence, ...profile } = await service.profile(agent);
    const unsubscribeQueue = await deps.events.subscribe(deps.agentEvents.channel, (payload) => {
      const event = JSON.parse(payload) as AgentEvent;
      if (event.type === 'agent.presence' && event.agentId === agent.id && event.presence) presence = event.presence;
      stream.send({ event: 'queue', data: { ...event, alert: presence === 'online' && alerts(event, agent.id, profile) } });
      // Only this agent's own claims, releases, resolutions and transfers change what it holds.
      if (event.agentId === agent.id || event.fromAgentId === agent.id) void watchHeldTickets();
    });
    await watchHeldTickets();
    await service.heartbeat(agent);
    const heartbeat = setInterval(() => void service.heartbeat(agent).catch(() => undefined), Math.max(500, Math.floor(deps.lockMs / 3)));
    stream.onClose(() => {
      clearInterval(heartbeat);
      void unsubscribeQueue();
      for (const unsubscribe of watched.values()) void unsubscribe();
    });
    stream.send({ event: 'ready', data: { agent } });
  });
}

/** Events a console alerts its agent about: a ticket waiting for someone who serves its language and team, or one handed to them. */
const WAITING_AGAIN = new Set<AgentEvent['type']>(['ticket.created', 'ticket.alert', 'ticket.returned', 'ticket.released', 'ticket.escalated']);

function alerts(event: AgentEvent, agentId: string, profile: AgentProfile): boolean {
  if (event.type === 'ticket.released' && event.agentId === agentId) return false;
  if (event.type === 'ticket.transferred') return event.agentId === agentId || (event.agentId === undefined && event.locale !== undefined && serves(profile, { locale: event.locale, team: event.team }));
  return WAITING_AGAIN.has(event.type) && event.locale !== undefined && serves(profile, { locale: event.locale, team: event.team });
}
