import { z } from 'zod';

export const channelIds = ['webchat', 'telegram', 'whatsapp', 'email', 'messenger', 'instagram'] as const;
export const ChannelId = z.enum(channelIds);
export type ChannelId = z.infer<typeof ChannelId>;

/** Languages the bot talks in. Articles exist in en, ru and az; tr is answered from English. */
export const Locale = z.enum(['en', 'ru', 'az', 'tr']);
export type Locale = z.infer<typeof Locale>;

export const ConversationMode = z.enum(['bot', 'collecting', 'queued', 'agent']);
export type ConversationMode = z.infer<typeof ConversationMode>;

export const Citation = z.object({
  id: z.string(),
  title: z.string(),
  locale: Locale,
  /** Content hash of the article version the player saw. */
  hash: z.string().optional(),
  /** The cited section on the public help page: absolute when PUBLIC_URL is set, else a path. */
  url: z.string().optional(),
});
export type Citation = z.infer<typeof Citation>;

export const Action = z.object({ title: z.string(), value: z.string() });

/** An attachment's id as the store makes them (16 URL-safe characters): anything else is never looked up. */
export const AttachmentId = z.string().regex(/^[A-Za-z0-9_-]{16}$/, 'must be an attachment id (from an upload)');

/** A file sent with a message (SPEC §8.4): fetched by id with the reader's own credentials. */
export const AttachmentRef = z.object({
  id: z.string(),
  name: z.string(),
  contentType: z.string(),
  size: z.number().int().nonnegative(),
  /** The content's SHA-256 (hex): the record and the case file prove which file it was. */
  sha256: z.string().optional(),
});
export type AttachmentRef = z.infer<typeof AttachmentRef>;
export type Action = z.infer<typeof Action>;

export const HandoffReason = z.enum([
  'responsible_gambling',
  'dispute',
  'technical_failure',
  'account_specific',
  'requested',
  'unresolved',
  /** The player asked to be phoned (a reason triage never reads from words: the callback flow gives it). */
  'callback',
]);
export type HandoffReason = z.infer<typeof HandoffReason>;

export const Handoff = z.object({
  reason: HandoffReason,
  status: z.enum(['collecting', 'queued', 'assigned', 'resolved']),
  ticketId: z.string().optional(),
  position: z.number().int().optional(),
  /** Absent while no agent who can serve the ticket is online, or outside support hours. */
  etaSeconds: z.number().int().optional(),
  /** False: nobody who can help is online now (or it is outside support hours), so no wait is promised. */
  agentsOnline: z.boolean().optional(),
});
export type Handoff = z.infer<typeof Handoff>;

export const Author = z.enum(['player', 'bot', 'agent', 'system']);
export type Author = z.infer<typeof Author>;

export const Message = z.object({
  id: z.string(),
  seq: z.number().int().positive(),
  from: Author,
  text: z.string(),
  locale: Locale,
  at: z.string(),
  /** Display name of the agent who wrote it. */
  author: z.string().optional(),
  clientMessageId: z.string().optional(),
  citations: z.array(Citation).optional(),
  actions: z.array(Action).optional(),
  handoff: Handoff.optional(),
  attachments: z.array(AttachmentRef).optional(),
  /** The player's own data a reply showed (player API), and when it was read: the case file keeps what the player saw. */
  accountData: z.object({ readAt: z.string(), shown: z.record(z.string(), z.unknown()) }).optional(),
});
export type Message = z.infer<typeof Message>;

/** What a writer hands to the store; id, seq and time are assigned on append. */
export type MessageDraft = Omit<Message, 'id' | 'seq' | 'at'>;

export const Conversation = z.object({
  key: z.string(),
  channel: ChannelId,
  chatId: z.string(),
  locale: Locale,
  /** The language the player's last message leaned to without moving the conversation on its own. */
  languageVote: Locale.optional(),
  /** Nobody told us the player's language (no widget or messenger locale): `locale` is a default. */
  localeAssumed: z.enum(['true']).optional(),
  mode: ConversationMode,
  name: z.string().optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
  seq: z.coerce.number().int().nonnegative(),
  turns: z.coerce.number().int().nonnegative(),
  /** The open ticket while queued or with an agent. */
  ticketId: z.string().optional(),
  /** Responsible-gambling signals seen: sticky for the life of the conversation. */
  rgFlag: z.enum(['true']).optional(),
  /** Low-confidence answers in a row. */
  lowConfidence: z.coerce.number().int().nonnegative().optional(),
  /** While collecting facts: the reason the ticket will carry and what the player said so far. */
  pendingReason: HandoffReason.optional(),
  pendingFacts: z.string().optional(),
  pendingSummary: z.string().optional(),
  /** A resolved ticket whose 1–5 rating the bot has asked for. */
  awaitingRating: z.string().optional(),
  /** When the player last wrote (WhatsApp allows free-form replies for 24 hours after that). */
  lastPlayerAt: z.string().optional(),
  /** The player was told once that their messages reach the agent. */
  queuedAcked: z.enum(['true']).optional(),
  /** The verified player at the operator (a signed identity or a messenger link code): their data may be read. */
  playerId: z.string().optional(),
  /** A limit change the bot asked the verified player to confirm (JSON), until their next message. */
  pendingChange: z.string().optional(),
  /** While the bot collects what a phone call needs: the question it asked last. */
  callbackStep: z.enum(['phone', 'language', 'window']).optional(),
  /** What the callback collection has so far (JSON). */
  pendingCallback: z.string().optional(),
});
export type Conversation = z.infer<typeof Conversation>;

export function conversationKeyOf(channel: ChannelId, chatId: string): string {
  return `${channel}:${chatId}`;
}

/** The channel and chat a conversation key names (the inverse of `conversationKeyOf`). */
export function conversationKeyParts(key: string): { channel: string; chatId: string } {
  const colon = key.indexOf(':');
  return { channel: key.slice(0, colon), chatId: key.slice(colon + 1) };
}
