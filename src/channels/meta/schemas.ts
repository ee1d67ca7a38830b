import { z } from 'zod';

/** The two Meta messengers that share one webhook, by the webhook's `object`. */
export const MetaChannel = z.enum(['messenger', 'instagram']);
export type MetaChannel = z.infer<typeof MetaChannel>;

const Attachment = z
  .object({
    /** Messenger: image, video, audio, file, fallback, template…; Instagram also share, story_mention, ig_reel… */
    type: z.string(),
    payload: z.object({ url: z.string().optional(), sticker_id: z.unknown().optional() }).passthrough().nullish(),
  })
  .passthrough();

const Message = z
  .object({
    mid: z.string().min(1).max(512),
    text: z.string().optional(),
    quick_reply: z.object({ payload: z.string() }).optional(),
    attachments: z.array(Attachment).optional(),
    /** Our own messages coming back (subscribed to `message_echoes`). */
    is_echo: z.boolean().optional(),
    /** Instagram: the player unsent it; or sent something the API cannot show us. */
    is_deleted: z.boolean().optional(),
    is_unsupported: z.boolean().optional(),
  })
  .passthrough();
export type MetaInboundMessage = z.infer<typeof Message>;

/**
 * One `entry[].messaging[]` event. Only `message` and `postback` carry a player's words; delivery,
 * read, reaction, message_edit, referral and the rest pass through unread.
 */
const MessagingEvent = z
  .object({
    /** The player's page-scoped (Messenger PSID) or Instagram-scoped (IGSID) id; absent for some plugin events. */
    sender: z.object({ id: z.string().regex(/^\d{1,64}$/).optional() }).passthrough(),
    timestamp: z.number().optional(),
    message: Message.optional(),
    postback: z.object({ mid: z.string().min(1).max(512).optional(), title: z.string().optional(), payload: z.string().optional() }).passthrough().optional(),
  })
  .passthrough();
export type MetaMessagingEvent = z.infer<typeof MessagingEvent>;

/** The Messenger Platform webhook body: `object` is `page` (Messenger) or `instagram`. */
export const MetaWebhook = z.object({
  object: z.string(),
  entry: z.array(z.object({ id: z.string().optional(), time: z.number().optional(), messaging: z.array(MessagingEvent).optional() }).passthrough()),
});
export type MetaWebhook = z.infer<typeof MetaWebhook>;
