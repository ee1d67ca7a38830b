import { ServiceUnavailableError } from '../errors.js';

const RETRY_AFTER_SECONDS = 5;

/**
 * How ioredis rejects a command when Redis is away. Request-path clients are built with
 * `enableOfflineQueue: false` (src/redis.ts), so nothing waits for a reconnect: a command sent while
 * disconnected fails at once, one in flight when the connection drops fails once the retry allowance
 * is used (MaxRetriesPerRequestError) or when the client gives up ("Connection is closed.").
 */
const DISCONNECTED_MESSAGES = new Set([
  "Stream isn't writeable and enableOfflineQueue options is false",
  'Connection is closed.',
  'Command timed out',
]);
/** Error replies of a Redis that is up but cannot serve yet (loading its data, replica without a master). */
const NOT_SERVING_REPLY = /^(LOADING|MASTERDOWN|TRYAGAIN) /;

/** Whether an error (or one it was caused by) means Redis cannot be reached right now, rather than a bug. */
export function isRedisUnavailable(error: unknown): boolean {
  let current = error;
  for (let depth = 0; current instanceof Error && depth < 5; depth++) {
    if (current.name === 'MaxRetriesPerRequestError' || DISCONNECTED_MESSAGES.has(current.message)) return true;
    if (current.name === 'ReplyError' && NOT_SERVING_REPLY.test(current.message)) return true;
    current = current.cause;
  }
  return false;
}

export function redisUnavailable(): ServiceUnavailableError {
  return new ServiceUnavailableError(
    `The service is briefly unavailable: its data store is not answering. Please try again in ${RETRY_AFTER_SECONDS} seconds.`,
    RETRY_AFTER_SECONDS,
  );
}
