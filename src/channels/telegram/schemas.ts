import { z } from 'zod';

const User = z.object({ id: z.number().int(), is_bot: z.boolean().optional(), first_name: z.string().optional(), language_code: z.string().optional() });
const Chat = z.object({ id: z.number().int(), type: z.string() });

export const TelegramMessage = z
  .object({
    message_id: z.number().int(),
    from: User.optional(),
    chat: Chat,
    text: z.string().optional(),
    caption: z.string().optional(),
    /** Sizes of one photo, smallest first. */
    photo: z.array(z.object({ file_id: z.string(), file_size: z.number().optional() }).passthrough()).optional(),
    document: z.object({ file_id: z.string(), file_name: z.string().optional(), mime_type: z.string().optional() }).passthrough().optional(),
  })
  .passthrough();
export type TelegramMessage = z.infer<typeof TelegramMessage>;

export const CallbackQuery = z.object({
  id: z.string(),
  from: User,
  message: z.object({ message_id: z.number().int(), chat: Chat }).passthrough().optional(),
  data: z.string().max(64).optional(),
});

/** The parts of a Telegram Update we act on; other update types are acknowledged and ignored. */
export const TelegramUpdate = z
  .object({
    update_id: z.number().int().nonnegative(),
    message: TelegramMessage.optional(),
    callback_query: CallbackQuery.optional(),
  })
  .passthrough();
export type TelegramUpdate = z.infer<typeof TelegramUpdate>;

/** Non-text content a player can send; named so the agent sees what arrived. */
export const ATTACHMENT_KINDS = ['photo', 'video', 'voice', 'audio', 'document', 'sticker', 'animation', 'video_note', 'contact', 'location'] as const;
