import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Redis } from 'ioredis';
import { TooManyRequestsError } from '../errors.js';

export interface RateLimitStore {
  redis: Redis;
  /** The app's REDIS_PREFIX: counters live under `<prefix>rate:<name>:`. */
  prefix: string;
}

export interface PerMinuteLimit {
  /** Names the counter, e.g. `webchat-sessions-ip`. */
  name: string;
  max: number;
  /** What requests are counted by; the client's address when not given (IPv6 by its /64 network). */
  keyOf?: (request: FastifyRequest) => string | Promise<string>;
  /** Who is over the limit, e.g. "Too many new chats from your address". */
  refusal: string;
}

/** Refuses a request over the limit: 429 `too_many_requests` with `Retry-After`. */
export type LimitCheck = (request: FastifyRequest) => Promise<void>;

/**
 * A limit on requests per minute, counted by @fastify/rate-limit's Redis store so every replica
 * shares the count. Each limit gets a plugin instance of its own (its own key space), because the
 * plugin runs only one of its limits per request and a route may need several.
 */
export async function perMinuteLimit(app: FastifyInstance, store: RateLimitStore, limit: PerMinuteLimit): Promise<LimitCheck> {
  let count!: ReturnType<FastifyInstance['createRateLimit']>;
  await app.register(async (scoped) => {
    await scoped.register(rateLimit, {
      global: false,
      redis: store.redis,
      nameSpace: `${store.prefix}rate:${limit.name}:`,
      max: limit.max,
      timeWindow: 60_000,
      ...(limit.keyOf ? { keyGenerator: limit.keyOf } : {}),
    });
    count = scoped.createRateLimit();
  });
  return async (request) => {
    const result = await count(request);
    if (result.isAllowed || !result.isExceeded) return;
    const seconds = Math.max(1, result.ttlInSeconds);
    throw new TooManyRequestsError(`${limit.refusal}; try again in ${seconds} s.`, 'too_many_requests', seconds);
  };
}
