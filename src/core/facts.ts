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
  /** The verified player (their id at the operator) the ticket is about. */
  player: z.string().optional(),
  /** The item of the player's account a dispute is about, as the player API listed it, and when that was read. */
  item: z.string().optional(),
  /** A change the player asked for that only a person may make (e.g. a higher deposit limit). */
  request: z.string().optional(),
  /** What the player wrote in answer to the facts question, kept whole for the agent. */
  details: z.string().optional(),
  /** The number to call back, in E.164 (+994501234567). */
  phone: z.string().optional(),
  /** The language the player wants to be called in. */
  callbackLanguage: z.string().optional(),
  /** When to call: an ISO 8601 interval ("from/to"). */
  callbackWindow: z.string().optional(),
  /** How the last call went, as the agent recorded it: done, failed or rescheduled. */
  callbackOutcome: z.string().optional(),
});
export type Facts = z.infer<typeof Facts>;
