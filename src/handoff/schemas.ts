import { z } from 'zod';

export const Agent = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  passwordHash: z.string(),
  createdAt: z.string(),
  /** Bumped by a password reset; a token carrying an older version is refused. */
  tokenVersion: z.coerce.number().int().min(0).default(0),
});
export type Agent = z.infer<typeof Agent>;
export type AgentIdentity = Pick<Agent, 'id' | 'name' | 'email'>;
