import type { z } from 'zod';
import { BadRequestError } from '../errors.js';

/** Parses external input with a zod schema; a failure becomes one 400 that names every bad field. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, what = 'request body'): z.infer<S> {
  const result = schema.safeParse(input ?? {});
  if (result.success) return result.data;
  const details = result.error.issues
    .map((issue) => (issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message))
    .join('; ');
  throw new BadRequestError(`Invalid ${what}: ${details}`, 'invalid_input');
}
