import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { TokenService } from '../../auth/tokens.js';
import type { EventHub } from '../../conversation/events.js';
import { type Message, Message as MessageSchema } from '../../core/schemas.js';
import type { ConversationStore } from '../../conversation/store.js';
import type { TurnRunner } from '../../pipeline/turn.js';
import { BadRequestError } from '../../errors.js';
import { bearerToken } from '../../http/bearer.js';
import { perMinuteLimit, type RateLimitStore } from '../../http/rate-limit.js';
import type { OpenStreams } from '../../http/sse.js';
import { parseInput } from '../../http/validate.js';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { WidgetAssets } from './assets.js';
import { CreateSessionBody, HistoryQuery, PostMessageBody } from './schemas.js';

export interface WebchatDeps {
  conversations: ConversationStore;
  turns: TurnRunner;
  tokens: TokenService;
  events: EventHub;
  assets: WidgetAssets;
  sseStreams: OpenStreams;
  rateLimitStore: RateLimitStore;
  limits: WebchatLimits;
}

/** Per minute; a player never comes near them, a script does at once. */
export interface WebchatLimits {
  sessionsPerIp: number;
  messagesPerIp: number;
  messagesPerConversation: number;
}

/** Operators embed the chat page in an iframe on their own sites (through /widget.js), so any site may frame it. */
const CHAT_PAGE_HEADERS = {
  frameguard: false,
  crossOriginResourcePolicy: { policy: 'cross-origin' },
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      defaultSrc: ["'self'"],
      connectSrc: ["'self'"],
      imgSrc: ["'self'", 'data:'],
      styleSrc: ["'self'"],
      scriptSrc: ["'self'"],
      baseUri: ["'self'"],
      objectSrc: ["'none'"],
      frameAncestors: ['*'],
    },
  },
} as const;

/** A message sequence number: anything else (`abc`, `-1`, `1e3`, 2^60) would leave the stream waiting for messages that never come. */
const Cursor = z
  .string()
  .regex(/^\d{1,16}$/, 'must be a message sequence number (a whole number from 0)')
  .transform(Number)
  .refine(Number.isSafeInteger, 'is too large to be a message sequence number');
const EventsCursor = z.object({ 'last-event-id': Cursor.optional(), after: Cursor.optional() });

export async function webchatRoutes(app: FastifyInstance, deps: WebchatDeps): Promise<void> {
  const { conversations, turns, tokens, events, assets, limits } = deps;

  const verified = new WeakMap<FastifyRequest, string>();
  /** The conversation the request's token is for (verified once per request). */
  const authenticate = (request: FastifyRequest): string => {
    let key = verified.get(request);
    if (key === undefined) {
      key = tokens.verify(bearerToken(request, 'Create a session with POST /api/webchat/sessions.')).sub;
      verified.set(request, key);
    }
    return key;
  };

  const sessionsPerIp = await perMinuteLimit(app, deps.rateLimitStore, {
    name: 'webchat-sessions-ip',
    max: limits.sessionsPerIp,
    refusal: 'Too many new chats from your address',
  });
  const messagesPerIp = await perMinuteLimit(app, deps.rateLimitStore, {
    name: 'webchat-messages-ip',
    max: limits.messagesPerIp,
    refusal: 'Too many messages from your address',
  });
  const messagesPerConversation = await perMinuteLimit(app, deps.rateLimitStore, {
    name: 'webchat-messages-conversation',
    max: limits.messagesPerConversation,
    keyOf: authenticate,
    refusal: 'Too many messages in this chat',
  });

  const api = app.withTypeProvider<ZodTypeProvider>();
  api.post('/api/webchat/sessions', { onRequest: sessionsPerIp, schema: { tags: ['web chat'], summary: 'Open a chat: a conversation and the player token for it', body: CreateSessionBody } }, async (request, reply) => {
    const { body } = request;
    const chatId = randomBytes(12).toString('base64url');
    const conversation = await turns.start({ channel: 'webchat', chatId, locale: body.locale, name: body.name });
    return reply.status(201).send({ conversationId: conversation.key, token: tokens.sign(conversation.key) });
  });

  const player = [{ player: [] }];
  const sendMessage = { tags: ['web chat'], summary: "Send the player's message; the answer is in the response", security: player, body: PostMessageBody };
  api.post('/api/webchat/messages', { onRequest: [messagesPerIp, messagesPerConversation], schema: sendMessage }, async (request) => {
    const key = authenticate(request);
    const { body } = request;
    const conversation = await conversations.require(key);
    return turns.handle({ channel: 'webchat', chatId: conversation.chatId, text: body.text, clientMessageId: body.clientMessageId });
  });

  api.get('/api/webchat/messages', { schema: { tags: ['web chat'], summary: 'The transcript, oldest first', security: player, querystring: HistoryQuery } }, async (request) => {
    const key = authenticate(request);
    const { query } = request;
    await conversations.require(key);
    return { messages: await conversations.history(key, query.after, query.limit) };
  });

  app.get('/api/webchat/events', { schema: { tags: ['web chat'], summary: 'Server-sent events: every new message (resumable with Last-Event-ID)', security: player } }, async (request, reply) => {
    const key = authenticate(request);
    const cursor = parseInput(
      EventsCursor,
      { 'last-event-id': request.headers['last-event-id'], after: (request.query as { after?: unknown }).after },
      'event stream cursor',
    );
    // An EventSource sends Last-Event-ID when it reconnects; it wins over the `after` of the first URL.
    const resumeFrom = cursor['last-event-id'] ?? cursor.after;
    const { seq } = await conversations.require(key);
    if (resumeFrom !== undefined && resumeFrom > seq) {
      throw new BadRequestError(`The cursor ${resumeFrom} is past the conversation's last message (${seq}); resume from a sequence number you received.`, 'invalid_cursor');
    }

    const stream = deps.sseStreams.open(reply, { kind: 'conversation', id: key });
    let lastSent = 0;
    let replaying = true;
    const buffered: Message[] = [];
    const emit = (message: Message) => {
      if (message.seq <= lastSent) return;
      lastSent = message.seq;
      stream.send({ id: message.seq, event: 'message', data: message });
    };
    // Subscribe before reading the backlog so nothing appended in between is missed.
    const unsubscribe = await events.subscribe(conversations.eventsChannel(key), (payload) => {
      const message = MessageSchema.parse(JSON.parse(payload));
      if (replaying) buffered.push(message);
      else emit(message);
    });
    // OpenAI mode streams a reply while it is written; the final message then replaces it.
    const unsubscribePartials = await events.subscribe(conversations.partialsChannel(key), (payload) => stream.send({ event: 'partial', data: JSON.parse(payload) }));
    stream.onClose(() => {
      void unsubscribe();
      void unsubscribePartials();
    });
    if (resumeFrom !== undefined) {
      lastSent = resumeFrom;
      for (const message of await conversations.history(key, resumeFrom)) emit(message);
    } else {
      lastSent = (await conversations.require(key)).seq;
    }
    replaying = false;
    for (const message of buffered) emit(message);
    stream.send({ event: 'ready', data: { seq: lastSent } });
  });

  app.get('/chat', { helmet: CHAT_PAGE_HEADERS }, async (_request, reply) => reply.type('text/html; charset=utf-8').send(assets.chatHtml));
  app.get('/chat.css', async (_request, reply) => reply.type('text/css; charset=utf-8').send(assets.chatCss));
  app.get('/chat.js', async (_request, reply) => reply.type('text/javascript; charset=utf-8').send(assets.chatJs));
  // Loaded by <script src> on operators' sites: readable from any origin.
  app.get('/widget.js', { helmet: { crossOriginResourcePolicy: { policy: 'cross-origin' } } }, async (_request, reply) =>
    reply.type('text/javascript; charset=utf-8').header('access-control-allow-origin', '*').send(assets.embedJs),
  );
}
