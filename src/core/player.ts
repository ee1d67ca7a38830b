import { z } from 'zod';
import { Locale } from './schemas.js';

/** A player id as the operator's site signs it (JWT `sub`) and its player API names it. */
export const PlayerId = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[\x21-\x7e]+$/, 'must be printable ASCII without spaces');

/** A messenger link code (SPEC §8.2: 8–16 URL-safe characters), as a pattern to build regular expressions from. */
export const LINK_CODE_PATTERN = '[A-Za-z0-9_-]{8,16}';

const Money = z.number().finite();
const Instant = z.iso.datetime({ offset: true });
/** A limit the player has (an amount a period), or null: none. */
const LimitAmount = Money.nonnegative().nullable();

export const WithdrawalStatus = z.enum(['pending', 'processing', 'approved', 'paid', 'rejected', 'cancelled']);
export type WithdrawalStatus = z.infer<typeof WithdrawalStatus>;
export const BonusStatus = z.enum(['active', 'completed', 'forfeited', 'expired']);
export type BonusStatus = z.infer<typeof BonusStatus>;
export const KycStatus = z.enum(['not_started', 'pending', 'verified', 'rejected']);
export type KycStatus = z.infer<typeof KycStatus>;

export const Withdrawal = z.object({
  id: z.string().min(1).max(64),
  amount: Money,
  currency: z.string().min(3).max(3),
  method: z.string().max(64),
  status: WithdrawalStatus,
  requestedAt: Instant,
  reason: z.string().max(500).optional(),
});
export type Withdrawal = z.infer<typeof Withdrawal>;

export const Bonus = z.object({
  id: z.string().min(1).max(64),
  name: z.string().max(200),
  status: BonusStatus,
  wageringLeft: Money.nonnegative(),
  wageringTotal: Money.nonnegative(),
  expiresAt: Instant.nullish(),
  reason: z.string().max(500).optional(),
});
export type Bonus = z.infer<typeof Bonus>;

export const Limits = z.object({
  depositDaily: LimitAmount,
  depositWeekly: LimitAmount,
  depositMonthly: LimitAmount,
  timeoutUntil: Instant.nullable(),
  selfExcludedUntil: Instant.nullable(),
});
export type Limits = z.infer<typeof Limits>;

/** `GET {PLAYER_API_URL}/players/{id}` (SPEC §8.2); unknown fields are dropped, missing lists are empty. */
export const PlayerProfile = z.object({
  id: PlayerId,
  name: z.string().max(200).optional(),
  locale: Locale.optional().catch(undefined),
  vip: z.string().max(64).nullish(),
  currency: z.string().min(3).max(3),
  balance: z.object({ cash: Money, bonus: Money }),
  kyc: z.object({ status: KycStatus, updatedAt: Instant.nullish(), missing: z.array(z.string().max(64)).max(20).default([]) }),
  withdrawals: z.array(Withdrawal).max(500).default([]),
  bonuses: z.array(Bonus).max(500).default([]),
  limits: Limits,
});
export type PlayerProfile = z.infer<typeof PlayerProfile>;

/** A player's data and when it was read from the operator: never shown as newer than that. */
export interface PlayerSnapshot {
  player: PlayerProfile;
  readAt: string;
}

export const DEPOSIT_PERIODS = ['daily', 'weekly', 'monthly'] as const;
export type DepositPeriod = (typeof DEPOSIT_PERIODS)[number];
export const limitField = (period: DepositPeriod) => (({ daily: 'depositDaily', weekly: 'depositWeekly', monthly: 'depositMonthly' }) as const)[period];

/** A responsible-gambling change the player asked for, exactly as it would be made. */
export const LimitAction = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('deposit_limit'), period: z.enum(DEPOSIT_PERIODS), amount: Money.nonnegative() }),
  z.object({ kind: z.literal('timeout'), days: z.number().int().min(1).max(365) }),
]);
export type LimitAction = z.infer<typeof LimitAction>;

/**
 * Whether the change only protects the player more: a lower (or first) limit, or a time-out that
 * ends no sooner than the one running. Anything else (a higher limit, a shorter break) goes to a person.
 */
export function isSaferChange(action: LimitAction, limits: Limits, now = Date.now()): boolean {
  if (action.kind === 'timeout') return limits.timeoutUntil === null || now + action.days * 86_400_000 >= Date.parse(limits.timeoutUntil);
  const current = limits[limitField(action.period)];
  return current === null || action.amount < current;
}
