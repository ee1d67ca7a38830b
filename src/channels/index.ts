import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import { replyPermit } from '../conversation/reply-window.js';
import type { ChannelId, Message } from '../core/schemas.js';
import type { TurnRunner } from '../pipeline/turn.js';
import type { RedisConnections } from '../redis.js';
import { ActionCodes } from './action-codes.js';
import type { ChannelSender, ChannelSenders } from '../core/channel.js';
import { DeliveryLog } from './delivery-log.js';
import type { InboundItem } from './inbound.js';
import { createInboundProcessor } from './inbound-processor.js';
import { acceptOnce } from './accept.js';
import { EmailClient } from './email/client.js';
import { startEmailListener } from './email/listener.js';
import { EmailThreads } from './email/threads.js';
import { stateKeys } from '../conversation/keys.js';
import type { Attachments, OutgoingFile } from '../attachments/index.js';
import { channelKeys } from './keys.js';
import { KeyedMailbox } from './mailbox.js';
import { MetaClient } from './meta/client.js';
import { metaRoutes } from './meta/routes.js';
import type { MetaChannel } from './meta/schemas.js';
import { OutboundItem, type SendNow } from './outbound.js';
import { TelegramClient } from './telegram/client.js';
import { telegramRoutes } from './telegram/routes.js';
import { WhatsAppClient } from './whatsapp/client.js';
import { whatsappRoutes } from './whatsapp/routes.js';

export interface ChannelsDeps {
  config: Config;
  connections: RedisConnections;
  /** Where players' files go, and where the files agents send are read from. */
  attachments: Attachments;
  logger: Logger;
}

/**
 * The messenger channels that have credentials, with their durable outbound delivery. Call
 * `startInbound(turns)` once the turn runner exists; until then webhooks are not registered.
 */
export function createChannels({ config, connections, attachments, logger }: ChannelsDeps) {
  const keys = channelKeys(config.REDIS_PREFIX);
  const redis = connections.command;
  const actions = new ActionCodes(redis, keys.action);
  const deliveries = new DeliveryLog(redis, keys.seen);
  const mailboxOptions = { connections, keys, lockMs: config.MAILBOX_LOCK_SECONDS * 1000, concurrency: config.CHANNEL_CONCURRENCY, logger };

  const telegram =
    config.TELEGRAM_BOT_TOKEN && config.TELEGRAM_WEBHOOK_SECRET
      ? new TelegramClient({ token: config.TELEGRAM_BOT_TOKEN, apiRoot: config.TELEGRAM_API_ROOT, actions, logger })
      : undefined;
  const whatsapp =
    config.WHATSAPP_ACCESS_TOKEN && config.WHATSAPP_PHONE_NUMBER_ID
      ? new WhatsAppClient({
          apiRoot: config.WHATSAPP_API_ROOT,
          apiVersion: config.WHATSAPP_API_VERSION,
          phoneNumberId: config.WHATSAPP_PHONE_NUMBER_ID,
          accessToken: config.WHATSAPP_ACCESS_TOKEN,
          actions,
          logger,
        })
      : undefined;
  // Messenger and Instagram share the Meta app (its secret and verify token); each has its own page token.
  const metaClient = (channel: MetaChannel, pageToken: string | undefined) =>
    pageToken && config.META_APP_SECRET && config.META_VERIFY_TOKEN
      ? new MetaClient({ channel, apiRoot: config.META_API_ROOT, apiVersion: config.META_API_VERSION, pageToken, actions })
      : undefined;
  const messenger = metaClient('messenger', config.MESSENGER_PAGE_TOKEN);
  const instagram = metaClient('instagram', config.INSTAGRAM_PAGE_TOKEN);
  const ticketKey = stateKeys(config.REDIS_PREFIX).ticket;
  const threads = new EmailThreads(redis, config.REDIS_PREFIX, async (ticketId) => (await redis.hget(ticketKey(ticketId), 'conversationKey')) ?? undefined);
  const email = config.SMTP_PORT !== undefined && config.SMTP_URL && config.EMAIL_FROM ? new EmailClient({ smtpUrl: config.SMTP_URL, from: config.EMAIL_FROM, threads }) : undefined;
  let emailListener: Awaited<ReturnType<typeof startEmailListener>> | undefined;
  logger.info(
    {
      telegram: telegram ? 'on' : 'off (set TELEGRAM_BOT_TOKEN and TELEGRAM_WEBHOOK_SECRET)',
      whatsapp: whatsapp ? 'on' : 'off (set the WHATSAPP_* credentials)',
      messenger: messenger ? 'on' : 'off (set MESSENGER_PAGE_TOKEN, META_APP_SECRET and META_VERIFY_TOKEN)',
      instagram: instagram ? 'on' : 'off (set INSTAGRAM_PAGE_TOKEN, META_APP_SECRET and META_VERIFY_TOKEN)',
      email: email ? `on (SMTP listener on ${config.SMTP_HOST}:${config.SMTP_PORT})` : 'off (set SMTP_PORT, SMTP_URL and EMAIL_FROM)',
    },
    'channels: web chat on',
  );

  /** The files a message carries, read for sending (a file gone from storage is left out). */
  const filesOf = async (message: Message): Promise<OutgoingFile[]> =>
    (await Promise.all((message.attachments ?? []).map((file) => attachments.read(file.id)))).filter((file): file is OutgoingFile => file !== undefined);
  const sendNow: Partial<Record<ChannelId, SendNow>> = {};
  if (telegram) sendNow.telegram = async (chatId, message) => telegram.send(chatId, message, await filesOf(message));
  if (whatsapp) sendNow.whatsapp = async (chatId, message) => whatsapp.send(chatId, message, await filesOf(message));
  if (email) sendNow.email = async (chatId, message) => email.send(chatId, message, await filesOf(message));
  if (messenger) sendNow.messenger = async (chatId, message, terms) => messenger.send(chatId, message, await filesOf(message), terms);
  if (instagram) sendNow.instagram = async (chatId, message, terms) => instagram.send(chatId, message, await filesOf(message), terms);

  const outbound = new KeyedMailbox<OutboundItem>({
    ...mailboxOptions,
    name: 'outbound',
    handle: async (_key, raw) => {
      const item = OutboundItem.parse(raw);
      const send = sendNow[item.channel];
      if (!send) return logger.warn({ channel: item.channel }, 'dropped a message for a channel that is off');
      // Marked after sending: a crash in between may repeat a message, but never loses one.
      if (await deliveries.seen(`sent:${item.message.id}`)) return;
      try {
        await send(item.chatId, item.message, { humanAgentTag: item.humanAgentTag === true });
        await deliveries.remember(`sent:${item.message.id}`);
      } catch (error) {
        // 4xx other than 429 will fail the same way forever (blocked bot, bad chat): drop it, do not block the conversation.
        if (error instanceof Error && 'retryable' in error && error.retryable === false) {
          logger.error({ err: error.message, channel: item.channel, message: item.message.id }, 'messenger refused a message; dropped');
          return;
        }
        throw error;
      }
    },
  });

  const pushOut = (channel: ChannelId): ChannelSender['deliver'] => async (conversation, message) => {
    if (message.from === 'player') return;
    const permit = replyPermit(conversation, message.from);
    if (!permit.send) {
      logger.warn({ conversation: conversation.key, message: message.id, from: message.from }, 'not sent: the messenger reply window is closed (kept in the transcript)');
      return;
    }
    await outbound.push(conversation.key, { channel, chatId: conversation.chatId, message, ...(permit.humanAgentTag ? { humanAgentTag: true } : {}) });
  };
  // Web chat has no sender: its page reads the transcript (replies in the response, the rest over its event stream).
  const senders: ChannelSenders = {};
  if (telegram) {
    senders.telegram = {
      channel: 'telegram',
      deliver: pushOut('telegram'),
      // Typing is a courtesy: never wait for it, never fail a turn over it.
      typing: async (conversation) => void telegram.typing(conversation.chatId).catch(() => undefined),
    };
  }
  if (whatsapp) senders.whatsapp = { channel: 'whatsapp', deliver: pushOut('whatsapp'), typing: async () => undefined };
  if (email) senders.email = { channel: 'email', deliver: pushOut('email'), typing: async () => undefined };
  for (const [channel, client] of [['messenger', messenger], ['instagram', instagram]] as const) {
    if (client) senders[channel] = { channel, deliver: pushOut(channel), typing: async (conversation) => void client.typing(conversation.chatId).catch(() => undefined) };
  }

  let inbound: KeyedMailbox<InboundItem> | undefined;

  return {
    senders,
    /** Starts processing stored messenger messages (and e-mail); their files go into `attachments`. */
    async startInbound(turns: TurnRunner): Promise<void> {
      const mailbox = new KeyedMailbox<InboundItem>({
        ...mailboxOptions,
        name: 'inbound',
        handle: createInboundProcessor({
          turns,
          actions,
          logger,
          receipts: {
            ...(telegram ? { telegram: (id: string) => telegram.answerCallback(id) } : {}),
            ...(whatsapp ? { whatsapp: (id: string) => whatsapp.markRead(id) } : {}),
            ...(messenger ? { messenger: (chatId: string) => messenger.markSeen(chatId) } : {}),
            ...(instagram ? { instagram: (chatId: string) => instagram.markSeen(chatId) } : {}),
          },
          downloads: {
            ...(telegram ? { telegram: (id: string) => telegram.download(id) } : {}),
            ...(whatsapp ? { whatsapp: (id: string) => whatsapp.download(id) } : {}),
            ...(messenger ? { messenger: (url: string) => messenger.download(url) } : {}),
            ...(instagram ? { instagram: (url: string) => instagram.download(url) } : {}),
          },
          attachments,
        }),
      });
      inbound = mailbox;
      if (email) {
        emailListener = await startEmailListener({
          port: config.SMTP_PORT!,
          host: config.SMTP_HOST,
          threads,
          attachments,
          accept: (deliveryId, item) => acceptOnce(deliveries, mailbox, deliveryId, item),
          logger,
        });
      }
    },
    /**
     * Sends an agent's message also by e-mail, in a thread of its own, to a player of another
     * channel who left their address while nobody was online (nothing when e-mail is off).
     */
    async copyByEmail(to: { address: string; conversationKey: string; ticketId?: string }, message: Message): Promise<void> {
      if (!email) return;
      const chatId = await threads.copyThread(to.conversationKey, to.address, to.ticketId);
      await outbound.push(`email:${chatId}`, { channel: 'email', chatId, message });
    },
    /** Where the SMTP listener listens (its port when SMTP_PORT=0 let the system pick one). */
    get emailPort(): number | undefined {
      return emailListener?.port;
    },
    async routes(app: FastifyInstance): Promise<void> {
      if (!inbound) throw new Error('startInbound must run before the channel routes are registered');
      if (telegram) await app.register(telegramRoutes, { secret: config.TELEGRAM_WEBHOOK_SECRET!, inbound, deliveries });
      if (whatsapp) {
        await app.register(whatsappRoutes, { appSecret: config.WHATSAPP_APP_SECRET!, verifyToken: config.WHATSAPP_VERIFY_TOKEN!, inbound, deliveries });
      }
      if (messenger || instagram) {
        const on = new Set<MetaChannel>([...(messenger ? ['messenger' as const] : []), ...(instagram ? ['instagram' as const] : [])]);
        await app.register(metaRoutes, { appSecret: config.META_APP_SECRET!, verifyToken: config.META_VERIFY_TOKEN!, on, inbound, deliveries });
      }
    },
    async close(): Promise<void> {
      await emailListener?.close();
      email?.close();
      await inbound?.close();
      await outbound.close();
    },
  };
}
