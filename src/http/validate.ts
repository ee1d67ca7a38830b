import type { z } from 'zod';
import { BadRequestError } from '../errors.js';

/** Parses external input with a zod schema; a failure becomes one 400 that names every bad field. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, what = 'request body'): z.infer<S> {
  const result = schema.safeParse(input ?? {});
  if (result.success) return result.data;
  throw invalidInput(what, result.error.issues.map((issue) => ({ field: issue.path.join('.'), message: issue.message })));
}

/** One 400 that names every bad field (`field` empty: the input as a whole), for `parseInput` and route schemas alike. */
export function invalidInput(what: string, issues: Array<{ field: string; message?: string }>): BadRequestError {
  const details = issues.map((issue) => (issue.field ? `${issue.field}: ${issue.message}` : issue.message)).join('; ');
  return new BadRequestError(`Invalid ${what}: ${details}`, 'invalid_input');
}
