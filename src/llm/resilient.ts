import type { Logger } from 'pino';
import type { Metrics } from '../metrics.js';
import type { CircuitBreaker } from './breaker.js';
import { failureCause } from './failures.js';

export interface ResilienceDeps {
  breaker: CircuitBreaker;
  metrics: Metrics;
  logger: Logger;
  timeoutMs: number;
}

/**
 * Runs a model-backed call through the circuit breaker with a hard deadline; any failure (timeout,
 * 429, 5xx, garbage, an open breaker) is counted and answered by the offline path instead.
 */
export async function modelOrOffline<T>(deps: ResilienceDeps, what: string, model: () => Promise<T>, offline: () => Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(Object.assign(new Error(`${what}: no answer within ${deps.timeoutMs} ms`), { name: 'TimeoutError' })), deps.timeoutMs);
    });
    return await Promise.race([deps.breaker.run(model), deadline]);
  } catch (error) {
    const cause = failureCause(error);
    await deps.metrics.llmFallback(cause).catch(() => undefined);
    deps.logger.warn({ what, cause, err: error instanceof Error ? error.message : String(error) }, 'language model unavailable for this turn; answered offline');
    return offline();
  } finally {
    clearTimeout(timer);
  }
}
