import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { ZodType } from 'zod';
import { CircuitBreaker } from '../breaker.js';
import { type DepositPeriod, Limits, limitField, PlayerProfile, type PlayerSnapshot } from '../core/player.js';
import { AppError } from '../errors.js';
import type { IdentityKeys } from './keys.js';

/** The operator's player API did not give a usable answer in time: the bot hands the question to a person instead. */
export class PlayerApiUnavailableError extends AppError {
  constructor(why: string) {
    super('player_api_unavailable', `The player API did not answer usably (${why}). Check PLAYER_API_URL, PLAYER_API_TOKEN and the API's health; players are handed to agents meanwhile.`, 503);
  }
}

/** The player API does not know the player (404). */
export class PlayerNotFoundError extends AppError {
  constructor() {
    super('player_not_found', 'The player API does not know this player (404). Check that your site signs the same player ids the API serves.', 404);
  }
}

export interface PlayerApiOptions {
  url: string;
  token: string;
  timeoutMs: number;
  /** How long an answer is reused (at most 60 s; 0: never). */
  cacheSeconds: number;
  redis: Redis;
  keys: Pick<IdentityKeys, 'playerCache'>;
  logger: Logger;
}

/** Failures in a row that open the breaker, and how long it stays open. */
const BREAKER_FAILURES = 3;
const BREAKER_OPEN_MS = 30_000;

/**
 * The operator's player API (SPEC §8.2): a player's profile, balance, KYC, withdrawals, bonuses and
 * limits, and the two changes the bot may make (lower a deposit limit, start a time-out). Answers
 * are validated; a short per-player cache spares the API a call per message, and every snapshot
 * carries the time it was read. Failing calls open a breaker, so a dead API costs players no waiting.
 */
export class PlayerApi {
  private readonly breaker = new CircuitBreaker('The player API', BREAKER_FAILURES, BREAKER_OPEN_MS, Date.now, (error) => !(error instanceof PlayerNotFoundError));

  constructor(private readonly options: PlayerApiOptions) {}

  /** The player's data: cached when read less than `cacheSeconds` ago, unless `fresh`. */
  async snapshot(playerId: string, { fresh = false } = {}): Promise<PlayerSnapshot> {
    const { redis, keys, cacheSeconds } = this.options;
    const cacheKey = keys.playerCache(playerId);
    if (!fresh && cacheSeconds > 0) {
      const cached = await redis.get(cacheKey);
      if (cached) return JSON.parse(cached) as PlayerSnapshot;
    }
    const player = await this.call(PlayerProfile, 'GET', this.path(playerId));
    if (player.id !== playerId) throw new PlayerApiUnavailableError('it answered with another player');
    const snapshot = { player, readAt: new Date().toISOString() };
    if (cacheSeconds > 0) await redis.set(cacheKey, JSON.stringify(snapshot), 'EX', cacheSeconds);
    return snapshot;
  }

  async setDepositLimit(playerId: string, period: DepositPeriod, amount: number): Promise<Limits> {
    return this.change(playerId, '/limits', { [limitField(period)]: amount });
  }

  async startTimeout(playerId: string, days: number): Promise<Limits> {
    return this.change(playerId, '/timeout', { days });
  }

  private async change(playerId: string, path: string, body: object): Promise<Limits> {
    const limits = await this.call(Limits, 'POST', `${this.path(playerId)}${path}`, body);
    // The next read must show the change, not the figures from before it.
    await this.options.redis.del(this.options.keys.playerCache(playerId));
    return limits;
  }

  private path(playerId: string): string {
    return `/players/${encodeURIComponent(playerId)}`;
  }

  private async call<T>(schema: ZodType<T>, method: 'GET' | 'POST', path: string, body?: object): Promise<T> {
    const { url, token, timeoutMs, logger } = this.options;
    try {
      return await this.breaker.run(async () => {
        let response: Response;
        try {
          response = await fetch(`${url}${path}`, {
            method,
            headers: { authorization: `Bearer ${token}`, accept: 'application/json', ...(body ? { 'content-type': 'application/json' } : {}) },
            body: body ? JSON.stringify(body) : undefined,
            signal: AbortSignal.timeout(timeoutMs),
          });
        } catch (error) {
          throw new PlayerApiUnavailableError(error instanceof Error && error.name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : 'unreachable');
        }
        if (response.status === 404) throw new PlayerNotFoundError();
        if (!response.ok) throw new PlayerApiUnavailableError(`HTTP ${response.status}`);
        const parsed = schema.safeParse(await response.json().catch(() => undefined));
        if (!parsed.success) {
          // Field paths only: the answer is a player's personal data.
          logger.warn({ method, issues: parsed.error.issues.slice(0, 5).map((issue) => `${issue.path.join('.')}: ${issue.message}`) }, 'player API answered with data we cannot read');
          throw new PlayerApiUnavailableError('an answer that does not match the contract');
        }
        return parsed.data;
      });
    } catch (error) {
      if (error instanceof PlayerApiUnavailableError || error instanceof PlayerNotFoundError) throw error;
      throw new PlayerApiUnavailableError(error instanceof AppError ? error.message : 'an unexpected error');
    }
  }
}
