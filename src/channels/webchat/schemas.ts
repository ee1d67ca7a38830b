import { z } from 'zod';
import { Locale } from '../../conversation/schemas.js';

export const MAX_TEXT_LENGTH = 4000;

export const CreateSessionBody = z.object({
  locale: Locale.optional(),
  name: z.string().trim().min(1).max(80).optional(),
});

export const PostMessageBody = z.object({
  text: z
    .string({ error: 'text is required' })
    .trim()
    .min(1, 'must not be empty or only spaces')
    .max(MAX_TEXT_LENGTH, `must be at most ${MAX_TEXT_LENGTH} characters`),
  clientMessageId: z
    .string()
    .regex(/^[A-Za-z0-9_.:-]{1,128}$/, 'must be 1–128 letters, digits or _ . : -')
    .optional(),
});

export const HistoryQuery = z.object({
  after: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(1000).default(500),
});
