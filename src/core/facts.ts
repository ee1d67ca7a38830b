import { z } from 'zod';

/** What an agent needs to know about a dispute, a failure or an account question, as the player gave it. */
export const Facts = z.object({
  amount: z.string().optional(),
  reference: z.string().optional(),
  when: z.string().optional(),
  game: z.string().optional(),
  method: z.string().optional(),
  /** An address the player left while waiting with nobody online, to be reached at. */
  email: z.string().optional(),
  /** What the player wrote in answer to the facts question, kept whole for the agent. */
  details: z.string().optional(),
});
export type Facts = z.infer<typeof Facts>;
