import { z } from 'zod';
import { Locale } from '../core/schemas.js';
import { TeamName } from '../core/teams.js';

/** How many tickets an agent holds at once when `--max-chats` is not given. */
export const DEFAULT_MAX_CHATS = 5;

export const AgentRole = z.enum(['agent', 'supervisor']);
export type AgentRole = z.infer<typeof AgentRole>;

export const Presence = z.enum(['online', 'away']);
export type Presence = z.infer<typeof Presence>;

/** Only for the wording players read ("подключилась" / "подключился"); routing never looks at it. */
export const AgentGender = z.enum(['female', 'male']);
export type AgentGender = z.infer<typeof AgentGender>;

/** A comma-separated list as the agent hash keeps it ("ru,az"); empty: none. */
const list = <T extends z.ZodType<string, string>>(item: T) =>
  z
    .string()
    .default('')
    .transform((text) => text.split(',').filter(Boolean))
    .pipe(z.array(item));

export const Agent = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  passwordHash: z.string(),
  createdAt: z.string(),
  /** Bumped by a password reset; a token carrying an older version is refused. */
  tokenVersion: z.coerce.number().int().min(0).default(0),
  /** The players' languages they serve; none listed: all. */
  languages: list(Locale),
  /** The teams they are in; none: they serve every team. */
  teams: list(TeamName),
  role: AgentRole.default('agent'),
  maxChats: z.coerce.number().int().min(1).default(DEFAULT_MAX_CHATS),
  /** Away: no alerts, not counted as online, keeps what they hold. */
  presence: Presence.default('online'),
  /** Not given: player-facing texts use forms that need no gender. */
  gender: AgentGender.optional(),
});
export type Agent = z.infer<typeof Agent>;
export type AgentIdentity = Pick<Agent, 'id' | 'name' | 'email'>;
/** What decides which tickets an agent gets. */
export type AgentProfile = Pick<Agent, 'languages' | 'teams' | 'role' | 'maxChats'>;
