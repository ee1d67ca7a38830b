import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { TokenService } from '../../auth/tokens.js';
import type { EventHub } from '../../conversation/events.js';
import { conversationKeyParts, type Message, Message as MessageSchema } from '../../core/schemas.js';
import type { ConversationStore } from '../../conversation/store.js';
import type { TurnRunner } from '../../pipeline/turn.js';
import { BadRequestError } from '../../errors.js';
import { bearerToken } from '../../http/bearer.js';
import { perMinuteLimit, type RateLimitStore } from '../../http/rate-limit.js';
import type { OpenStreams } from '../../http/sse.js';
import { parseInput } from '../../http/validate.js';
import { type IdentityVerifier, InvalidIdentityError, type VerifiedPlayer } from '../../identity/index.js';
import type { FastifyPluginAsyncZod, ZodTypeProvider } from 'fastify-type-provider-zod';
import type { WidgetAssets } from './assets.js';
import { AttachmentParams, CreateSessionBody, HistoryQuery, PostMessageBody } from './schemas.js';
import { acceptUploads, type Attachments, attachmentRef, readUpload } from '../../attachments/index.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The conversation the player token is for: set by the onRequest hook of the player API's plugin scope, empty anywhere else. */
    conversationKey: string;
  }
}

export interface WebchatDeps {
  /** Checks the operator's player tokens; absent without IDENTITY_SECRET. */
  identity?: IdentityVerifier;
  attachments: Attachments;
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

/**
 * Operators embed the chat page in an iframe on their own sites (through /widget.js), so any site may
 * frame it; its logo may come from the operator's site (any https address, or WIDGET_LOGO_URL's origin).
 */
function chatPageHeaders(logoOrigin: string | undefined) {
  return {
    frameguard: false,
    crossOriginResourcePolicy: { policy: 'cross-origin' },
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        connectSrc: ["'self'"],
        imgSrc: ["'self'", 'data:', 'blob:', 'https:', ...(logoOrigin ? [logoOrigin] : [])],
        styleSrc: ["'self'"],
        scriptSrc: ["'self'"],
        baseUri: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ['*'],
      },
    },
  } as const;
}

/** The player a web chat identity names; refused when it is not valid, or when no IDENTITY_SECRET can check it. */
function verifiedPlayer(verifier: IdentityVerifier | undefined, identity: string): VerifiedPlayer {
  if (!verifier) throw new InvalidIdentityError('Player identities are not accepted here: set IDENTITY_SECRET to the key your site signs them with, or open the chat without an identity.');
  return verifier.verify(identity);
}

/** An upgrade reaches operators' sites within five minutes. */
const WIDGET_CACHE_CONTROL = 'public, max-age=300';

/** A message sequence number: anything else (`abc`, `-1`, `1e3`, 2^60) would leave the stream waiting for messages that never come. */
const Cursor = z
  .string()
  .regex(/^\d{1,16}$/, 'must be a message sequence number (a whole number from 0)')
  .transform(Number)
  .refine(Number.isSafeInteger, 'is too large to be a message sequence number');
const EventsCursor = z.object({ 'last-event-id': Cursor.optional(), after: Cursor.optional() });

export async function webchatRoutes(app: FastifyInstance, deps: WebchatDeps): Promise<void> {
  const { conversations, turns, tokens, events, assets, limits } = deps;

  app.decorateRequest('conversationKey', '');
  /**
   * The player API: routes registered through it live in a plugin scope whose onRequest hook checks
   * the player token once, before the route's own hooks and before the body is read, so handlers
   * (and the per-conversation limit) just read `request.conversationKey`.
   */
  const playerApi =
    (routes: FastifyPluginAsyncZod) =>
    async (scope: FastifyInstance): Promise<void> => {
      scope.addHook('onRequest', async (request) => {
        request.conversationKey = tokens.verify(bearerToken(request, 'Create a session with POST /api/webchat/sessions.')).sub;
      });
      await routes(scope.withTypeProvider<ZodTypeProvider>(), {});
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
    // Runs as a route hook of the player API, so after its token check.
    keyOf: (request) => request.conversationKey,
    refusal: 'Too many messages in this chat',
  });

  const api = app.withTypeProvider<ZodTypeProvider>();
  api.post('/api/webchat/sessions', { onRequest: sessionsPerIp, schema: { tags: ['web chat'], summary: 'Open a chat: a conversation and the player token for it', body: CreateSessionBody } }, async (request, reply) => {
    const { body } = request;
    const player = body.identity === undefined ? undefined : verifiedPlayer(deps.identity, body.identity);
    const chatId = randomBytes(12).toString('base64url');
    const conversation = await turns.start({ channel: 'webchat', chatId, locale: body.locale ?? player?.locale, name: player?.name ?? body.name, playerId: player?.id });
    const session = { conversationId: conversation.key, token: tokens.sign(conversation.key) };
    return reply.status(201).send(player ? { ...session, player: { id: player.id, ...(player.name ? { name: player.name } : {}) } } : session);
  });

  const player = [{ player: [] }];
  const sendMessage = { tags: ['web chat'], summary: "Send the player's message; the answer is in the response", security: player, body: PostMessageBody };
  // The per-address limit counts every attempt to send, a forged token's too, so it runs in a scope around the token check.
  await app.register(async (sending) => {
    sending.addHook('onRequest', messagesPerIp);
    await sending.register(
      playerApi(async (playerScope) => {
        playerScope.post('/api/webchat/messages', { onRequest: messagesPerConversation, schema: sendMessage }, async (request) => {
          const { body, conversationKey } = request;
          const { chatId } = conversationKeyParts(conversationKey);
          const files = body.attachments?.length ? (await deps.attachments.ofConversation(body.attachments, conversationKey)).map(attachmentRef) : undefined;
          return turns.handle({ channel: 'webchat', chatId, existing: true, text: body.text ?? '', clientMessageId: body.clientMessageId, ...(files ? { attachments: files } : {}) });
        });

        await playerScope.register(async (uploads) => {
          await acceptUploads(uploads, deps.attachments.maxBytes);
          uploads.post(
            '/api/webchat/attachments',
            { onRequest: messagesPerConversation, schema: { tags: ['web chat'], summary: 'Upload a picture or PDF (multipart, field "file"): its id goes with the next message', security: player, consumes: ['multipart/form-data'] } },
            async (request, reply) => {
              const upload = await readUpload(request, deps.attachments.maxBytes);
              const stored = await deps.attachments.accept({ ...upload, conversationKey: request.conversationKey, from: 'player' });
              return reply.status(201).send(attachmentRef(stored));
            },
          );
        });
      }),
    );
  });

  await app.register(
    playerApi(async (playerScope) => {
      playerScope.get(
        '/api/webchat/attachments/:id',
        { schema: { tags: ['web chat'], summary: "A file of this chat (the player's own or an agent's)", security: player, params: AttachmentParams } },
        async (request, reply) => deps.attachments.send(reply, request.params.id, request.conversationKey),
      );

      playerScope.get('/api/webchat/messages', { schema: { tags: ['web chat'], summary: 'The transcript, oldest first', security: player, querystring: HistoryQuery } }, async (request) => {
        const { query, conversationKey: key } = request;
        await conversations.require(key);
        return { messages: await conversations.history(key, query.after, query.limit) };
      });

      playerScope.get('/api/webchat/events', { schema: { tags: ['web chat'], summary: 'Server-sent events: every new message (resumable with Last-Event-ID)', security: player } }, async (request, reply) => {
        const key = request.conversationKey;
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
    }),
  );

  // Revalidated on every load: in a build it names its script and stylesheet by content hash.
  app.get('/chat', { helmet: chatPageHeaders(assets.logoOrigin) }, async (_request, reply) => reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(assets.chatHtml));
  // Loaded by <script src> on operators' sites: readable from any origin, and at this one address for good, so cached only briefly.
  app.get('/widget.js', { helmet: { crossOriginResourcePolicy: { policy: 'cross-origin' } } }, async (_request, reply) =>
    reply.type('text/javascript; charset=utf-8').header('access-control-allow-origin', '*').header('cache-control', WIDGET_CACHE_CONTROL).send(assets.embedJs),
  );
}
