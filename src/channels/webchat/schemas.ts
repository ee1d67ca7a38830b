import { z } from 'zod';
import { AttachmentId, Locale } from '../../core/schemas.js';
import { MAX_TEXT_LENGTH } from './limits.js';
import { nearestLocale } from './locale-tag.js';

/**
 * A language tag as browsers and embed codes write it (`de`, `en-US`, `az-Latn-AZ`, empty): mapped to
 * the language we speak that it names, or left unset (the default applies) rather than refused.
 */
const LocaleTag = z
  .string({ error: 'must be a language tag such as "en" or "ru-RU"' })
  .max(64, 'must be a language tag of at most 64 characters')
  .transform((tag) => nearestLocale(tag, Locale.options));

export const CreateSessionBody = z
  .object({
    locale: LocaleTag.optional(),
    name: z.string().trim().min(1).max(80).optional(),
    /** The operator's signed player token (JWT HS256 with IDENTITY_SECRET): the chat is that player's. */
    identity: z.string().trim().min(1).max(4096).optional(),
  })
  .default({});

/** At most this many files in one message. */
export const MAX_ATTACHMENTS = 5;

export const PostMessageBody = z
  .object({
    text: z
      .string()
      .trim()
      .max(MAX_TEXT_LENGTH, `must be at most ${MAX_TEXT_LENGTH} characters`)
      .optional()
      .transform((text) => (text === '' ? undefined : text)),
    /** Ids from POST /api/webchat/attachments. */
    attachments: z.array(AttachmentId).max(MAX_ATTACHMENTS).optional(),
    clientMessageId: z
      .string()
      .regex(/^[A-Za-z0-9_.:-]{1,128}$/, 'must be 1–128 letters, digits or _ . : -')
      .optional(),
  })
  .refine((body) => body.text !== undefined || (body.attachments?.length ?? 0) > 0, { message: 'text is required (not empty or only spaces) unless the message carries attachments', path: ['text'] });

export const AttachmentParams = z.object({ id: AttachmentId });

export const HistoryQuery = z.object({
  after: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(1000).default(500),
});
