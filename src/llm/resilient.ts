import type { Logger } from 'pino';
import type { Metrics } from '../metrics.js';
import type { CircuitBreaker } from '../breaker.js';
import { failureCause } from './failures.js';
import { PolicyViolation } from './output-policy.js';

export interface ResilienceDeps {
  breaker: CircuitBreaker;
  metrics: Metrics;
  logger: Logger;
}

/** The work's result, or the signal's reason as soon as it aborts (the work may go on; nobody waits for it). */
function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const abort = () => reject(signal.reason);
    if (signal.aborted) return abort();
    signal.addEventListener('abort', abort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', abort));
  });
}

/**
 * Runs a model-backed call through the circuit breaker until the deadline; any failure (timeout,
 * 429, 5xx, garbage, output the policy withheld, an open breaker) is counted and answered by the
 * offline path instead. A deadline already spent (by an earlier call of the same turn) calls nothing.
 */
export async function modelOrOffline<T>(deps: ResilienceDeps, what: string, deadline: AbortSignal, model: (signal: AbortSignal) => Promise<T>, offline: () => Promise<T>): Promise<T> {
  try {
    deadline.throwIfAborted();
    return await deps.breaker.run(() => untilAborted(model(deadline), deadline));
  } catch (error) {
    const cause = failureCause(error);
    deps.metrics.llmFallback(cause);
    if (error instanceof PolicyViolation) deps.metrics.outputBlocked(error.output, error.rule);
    deps.logger.warn({ what, cause, ...(error instanceof PolicyViolation ? { rule: error.rule } : {}), err: error instanceof Error ? error.message : String(error) }, 'language model unavailable for this turn; answered offline');
    return offline();
  }
}
