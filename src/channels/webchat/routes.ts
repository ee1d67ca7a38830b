import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TokenService } from '../../auth/tokens.js';
import type { EventHub } from '../../conversation/events.js';
import { type Message, Message as MessageSchema } from '../../conversation/schemas.js';
import type { ConversationStore } from '../../conversation/store.js';
import type { TurnRunner } from '../../conversation/turn.js';
import { bearerToken } from '../../http/bearer.js';
import { openSse, type SseStream } from '../../http/sse.js';
import { parseInput } from '../../http/validate.js';
import type { WidgetAssets } from './assets.js';
import { CreateSessionBody, HistoryQuery, PostMessageBody } from './schemas.js';

export interface WebchatDeps {
  conversations: ConversationStore;
  turns: TurnRunner;
  tokens: TokenService;
  events: EventHub;
  assets: WidgetAssets;
  sseStreams: Set<SseStream>;
}

const CHAT_PAGE_POLICY =
  "default-src 'self'; connect-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors *";

export async function webchatRoutes(app: FastifyInstance, deps: WebchatDeps): Promise<void> {
  const { conversations, turns, tokens, events, assets } = deps;

  const authenticate = (request: FastifyRequest): string => {
    const token = bearerToken(request, 'Create a session with POST /api/webchat/sessions.');
    return tokens.verify(token).sub;
  };

  app.post('/api/webchat/sessions', async (request, reply) => {
    const body = parseInput(CreateSessionBody, request.body);
    const chatId = randomBytes(12).toString('base64url');
    const conversation = await turns.start({ channel: 'webchat', chatId, locale: body.locale ?? 'en', name: body.name });
    return reply.status(201).send({ conversationId: conversation.key, token: tokens.sign(conversation.key) });
  });

  app.post('/api/webchat/messages', async (request) => {
    const key = authenticate(request);
    const body = parseInput(PostMessageBody, request.body);
    const conversation = await conversations.require(key);
    return turns.handle({ channel: 'webchat', chatId: conversation.chatId, text: body.text, clientMessageId: body.clientMessageId });
  });

  app.get('/api/webchat/messages', async (request) => {
    const key = authenticate(request);
    const query = parseInput(HistoryQuery, request.query, 'query');
    await conversations.require(key);
    return { messages: await conversations.history(key, query.after, query.limit) };
  });

  app.get('/api/webchat/events', async (request, reply) => {
    const key = authenticate(request);
    await conversations.require(key);
    const resumeFrom = Number(request.headers['last-event-id'] ?? (request.query as { after?: string }).after ?? Number.NaN);

    const stream = openSse(reply, deps.sseStreams);
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
    if (Number.isInteger(resumeFrom) && resumeFrom >= 0) {
      lastSent = resumeFrom;
      for (const message of await conversations.history(key, resumeFrom)) emit(message);
    } else {
      lastSent = (await conversations.require(key)).seq;
    }
    replaying = false;
    for (const message of buffered) emit(message);
    stream.send({ event: 'ready', data: { seq: lastSent } });
  });

  app.get('/chat', async (_request, reply) =>
    reply.type('text/html; charset=utf-8').header('content-security-policy', CHAT_PAGE_POLICY).send(assets.chatHtml),
  );
  app.get('/chat.css', async (_request, reply) => reply.type('text/css; charset=utf-8').send(assets.chatCss));
  app.get('/chat.js', async (_request, reply) => reply.type('text/javascript; charset=utf-8').send(assets.chatJs));
  app.get('/widget.js', async (_request, reply) =>
    reply.type('text/javascript; charset=utf-8').header('access-control-allow-origin', '*').send(assets.embedJs),
  );
}
