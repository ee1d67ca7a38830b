import type { Logger } from 'pino';
import type { BotTurns, ReplyOutbox } from '../bot/bot-turns.js';
import { followLanguage } from '../bot/language.js';
import { accountText } from '../core/account-messages.js';
import { maskForStorage } from '../core/personal-data.js';
import type { LanguageGuess } from '../knowledge/language-id.js';
import type { Metrics } from '../metrics.js';
import type { Delivery } from '../conversation/delivery.js';
import type { ConversationKeys } from '../conversation/keys.js';
import type { KeyedQueue } from './keyed-queue.js';
import type { TurnLock } from './turn-lock.js';
import type { TurnResults } from './turn-results.js';
import { type AttachmentRef, type ChannelId, type Conversation, conversationKeyOf, type Locale, type Message } from '../core/schemas.js';
import type { ConversationStateMachine } from '../conversation/state-machine.js';
import type { ConversationStore } from '../conversation/store.js';

export interface InboundMessage {
  channel: ChannelId;
  chatId: string;
  text: string;
  /** The sender's own id for this message; a repeat returns the first result. */
  clientMessageId?: string;
  name?: string;
  /** Locale hint from the channel (e.g. the messenger's UI language) for a new conversation. */
  locale?: Locale;
  /** Content the bot cannot read (photo, voice…): `text` then only describes it. */
  attachment?: string;
  /** Files the player sent (stored): the message carries them, for the agent to see. */
  attachments?: AttachmentRef[];
  /** The conversation was opened before (a web chat session): if it is gone, the turn is a 404. */
  existing?: boolean;
  /** A messenger link code the player sent (`/start <code>`, `link <code>`): the chat becomes that player's. */
  linkCode?: string;
}

/** Where a new conversation comes from: a channel, and the verified player when the operator's site signed one in. */
export type NewConversationInput = Omit<InboundMessage, 'text' | 'clientMessageId' | 'linkCode' | 'attachments'> & { playerId?: string };

/** Messenger link codes (`LinkCodes`): the player a code links to, once. */
export interface LinkCodeRedeemer {
  redeem(code: string): Promise<string | undefined>;
}

export interface TurnResult {
  messageId: string;
  replies: Message[];
}

export interface TurnDeps {
  conversations: ConversationStore;
  state: ConversationStateMachine;
  keys: ConversationKeys;
  results: TurnResults<TurnResult>;
  /** Orders the turns of a conversation within this process (fair, no polling)… */
  queue: KeyedQueue;
  /** …and across replicas. */
  lock: TurnLock;
  bot: BotTurns;
  /** The language a message is written in (the knowledge base's language identifier). */
  identifyLanguage(text: string): LanguageGuess;
  delivery: Delivery;
  /** Absent when identity is off (no IDENTITY_SECRET): a link code is then read as any other text. */
  linkCodes?: LinkCodeRedeemer;
  metrics: Metrics;
  logger: Logger;
}

/**
 * The one place where a player's message meets the bot: record it, then either leave it for the
 * agent who holds the conversation or run the bot, whose replies are recorded and delivered.
 */
export class TurnRunner {
  constructor(private readonly deps: TurnDeps) {}

  /** Opens a conversation and lets the bot greet the player (botbuilder's conversationUpdate). */
  async start(input: NewConversationInput): Promise<Conversation> {
    const key = conversationKeyOf(input.channel, input.chatId);
    return this.inTurn(key, async () => {
      const { playerId, ...opened } = input;
      const ensured = await this.deps.conversations.ensure({ ...opened, locale: input.locale ?? 'en', localeAssumed: input.locale === undefined });
      if (!ensured.created) return ensured.conversation;
      if (playerId !== undefined) await this.deps.conversations.linkPlayer(key, playerId);
      const conversation = playerId === undefined ? ensured.conversation : { ...ensured.conversation, playerId };
      const replies: Message[] = [];
      await this.deps.bot.greet(conversation, input.name, this.outboxFor(conversation, replies));
      await this.deps.delivery.deliver(conversation.key, replies);
      return conversation;
    });
  }

  /** Whether link codes are read (identity is on); without it a Telegram `/start <payload>` is just a start. */
  get linksPlayers(): boolean {
    return this.deps.linkCodes !== undefined;
  }

  async handle(inbound: InboundMessage): Promise<TurnResult> {
    const key = conversationKeyOf(inbound.channel, inbound.chatId);
    return this.inTurn(key, () => this.handleInOrder(key, inbound));
  }

  /** One turn at a time per conversation: in arrival order on this process, and across replicas. */
  private inTurn<T>(key: string, task: () => Promise<T>): Promise<T> {
    return this.deps.queue.run(key, () => this.deps.lock.run(key, task));
  }

  /**
   * Replies are recorded during the turn but handed to the channel only once the turn's result is
   * stored. A repeated message gets the stored result again (channels drop what they already took).
   * A turn that died midway left no result: its retry runs again, and the messages the dead one
   * wrote come back under the same once-ids instead of being written twice.
   */
  private async handleInOrder(key: string, inbound: InboundMessage): Promise<TurnResult> {
    const { clientMessageId } = inbound;
    if (clientMessageId === undefined) return this.deliver(key, await this.process(inbound));
    const resultKey = this.deps.keys.turnResult(key, clientMessageId);
    const earlier = await this.deps.results.get(resultKey);
    if (earlier) return this.deliver(key, earlier);
    const result = await this.process(inbound);
    await this.deps.results.put(resultKey, result);
    return this.deliver(key, result);
  }

  private async deliver(key: string, result: TurnResult): Promise<TurnResult> {
    await this.deps.delivery.deliver(key, result.replies);
    return result;
  }

  private async process(inbound: InboundMessage): Promise<TurnResult> {
    const { conversations } = this.deps;
    const ensured = await conversations.ensure({
      channel: inbound.channel,
      chatId: inbound.chatId,
      locale: inbound.locale ?? 'en',
      name: inbound.name,
    }, { create: !inbound.existing });
    const once = inbound.clientMessageId === undefined ? undefined : `${inbound.clientMessageId}:`;
    if (inbound.linkCode !== undefined) return this.link(ensured.conversation, inbound.linkCode, once);
    const conversation = await this.withPlayerLanguage(ensured.conversation, inbound.text);
    const { message: received, appended } = await conversations.appendOnce(
      conversation.key,
      {
        from: 'player',
        text: maskForStorage(inbound.text),
        locale: conversation.locale,
        ...(inbound.clientMessageId ? { clientMessageId: inbound.clientMessageId } : {}),
        ...(inbound.attachments?.length ? { attachments: inbound.attachments } : {}),
      },
      once ? `${once}player` : '',
    );
    if (appended) this.deps.metrics.turn(conversation.channel, conversation.turns === 0);
    if (conversation.mode === 'agent') return { messageId: received.id, replies: [] };

    const replies: Message[] = [];
    const outbox = this.outboxFor(conversation, replies, once);
    const attachment = inbound.attachment ?? inbound.attachments?.[0]?.contentType;
    await this.deps.bot.reply(conversation, received, { name: inbound.name, attachment }, outbox);
    return { messageId: received.id, replies };
  }

  /**
   * A link code sent in a messenger: the chat becomes the code's player (a code works once). The
   * transcript keeps that the player linked, never the code.
   */
  private async link(conversation: Conversation, code: string, once: string | undefined): Promise<TurnResult> {
    const { conversations } = this.deps;
    const { message: received } = await conversations.appendOnce(conversation.key, { from: 'player', text: '🔗 ••••••••', locale: conversation.locale }, once ? `${once}player` : '');
    const playerId = await this.deps.linkCodes?.redeem(code);
    if (playerId !== undefined) await conversations.linkPlayer(conversation.key, playerId);
    const replies: Message[] = [];
    const text = playerId === undefined ? accountText(conversation.locale, 'linkCodeInvalid') : accountText(conversation.locale, 'linked', { name: '' });
    await this.outboxFor(conversation, replies, once).send({ from: 'system', text, locale: conversation.locale });
    this.deps.logger.info({ channel: conversation.channel, linked: playerId !== undefined }, 'messenger link code used');
    return { messageId: received.id, replies };
  }

  /** The conversation's language, moved by this message only on clear evidence (see `followLanguage`). */
  private async withPlayerLanguage(conversation: Conversation, text: string): Promise<Conversation> {
    const assumed = conversation.localeAssumed === 'true';
    const next = followLanguage({ locale: conversation.locale, vote: conversation.languageVote, assumed }, this.deps.identifyLanguage(text));
    if (next.locale === conversation.locale && next.vote === conversation.languageVote && (next.assumed ?? false) === assumed) return conversation;
    await this.deps.state.flag(conversation.key, { locale: next.locale, languageVote: next.vote ?? null, localeAssumed: next.assumed ? 'true' : null });
    const updated: Conversation = { ...conversation, locale: next.locale, languageVote: next.vote };
    if (next.assumed) updated.localeAssumed = 'true';
    else delete updated.localeAssumed;
    return updated;
  }

  /** `once`: the turn's once-id prefix; its n-th reply is written at most once (see `handleInOrder`). */
  private outboxFor(conversation: Conversation, replies: Message[], once?: string): ReplyOutbox {
    return {
      send: async (draft) => {
        const onceId = once === undefined ? '' : `${once}reply:${replies.length}`;
        const message = await this.deps.delivery.record(conversation.key, draft, onceId);
        replies.push(message);
        return message;
      },
      typing: () => this.deps.delivery.typing(conversation),
    };
  }
}
