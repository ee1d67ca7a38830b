import { BreakerOpenError } from '../breaker.js';

/** Why a model call failed, as counted in /metrics (`pitboss_llm_fallbacks_total{cause}`). */
export type FailureCause = 'timeout' | 'rate_limited' | 'server_error' | 'malformed' | 'rejected_output' | 'breaker_open' | 'other';

/** The model answered, but not in a form we can use or not something we may send. */
export class UnusableOutputError extends Error {
  constructor(
    readonly kind: 'malformed' | 'rejected_output',
    message: string,
  ) {
    super(message);
  }
}

export function failureCause(error: unknown): FailureCause {
  if (error instanceof BreakerOpenError) return 'breaker_open';
  if (error instanceof UnusableOutputError) return error.kind;
  const e = error as { name?: string; status?: number; message?: string; code?: string };
  if (e?.name === 'TimeoutError' || e?.name === 'AbortError' || /timed? ?out|aborted/i.test(e?.message ?? '')) return 'timeout';
  if (e?.status === 429) return 'rate_limited';
  if (typeof e?.status === 'number' && e.status >= 500) return 'server_error';
  if (e?.name === 'SyntaxError' || e?.name === 'OutputParserException' || /parse|json|schema/i.test(e?.message ?? '')) return 'malformed';
  return 'other';
}
