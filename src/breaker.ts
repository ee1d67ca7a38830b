import { AppError } from './errors.js';

export class BreakerOpenError extends AppError {
  constructor(upstream: string, untilMs: number) {
    super('breaker_open', `${upstream} failed repeatedly; not calling it again until ${new Date(untilMs).toISOString()}.`, 503);
  }
}

/**
 * Stops calling a failing API for a while: after `failures` failures in a row the breaker opens for
 * `openMs`; then one trial call is let through, and its outcome closes or re-opens the breaker.
 * Errors `countsAsFailure` rejects (the API answered, we refused the answer) count as answers.
 */
export class CircuitBreaker {
  private consecutiveFailures = 0;
  private openUntil = 0;
  private trialRunning = false;

  constructor(
    /** What is called, for the error: "The language model", "The player API". */
    private readonly upstream: string,
    private readonly failures: number,
    private readonly openMs: number,
    private readonly now: () => number = Date.now,
    private readonly countsAsFailure: (error: unknown) => boolean = () => true,
  ) {}

  get state(): 'closed' | 'open' | 'half-open' {
    if (this.openUntil === 0) return 'closed';
    return this.now() < this.openUntil ? 'open' : 'half-open';
  }

  async run<T>(call: () => Promise<T>): Promise<T> {
    const state = this.state;
    if (state === 'open' || (state === 'half-open' && this.trialRunning)) throw new BreakerOpenError(this.upstream, this.openUntil);
    this.trialRunning = state === 'half-open';
    try {
      const result = await call();
      this.consecutiveFailures = 0;
      this.openUntil = 0;
      return result;
    } catch (error) {
      if (!this.countsAsFailure(error)) {
        this.consecutiveFailures = 0;
        this.openUntil = 0;
        throw error;
      }
      this.consecutiveFailures++;
      if (state === 'half-open' || this.consecutiveFailures >= this.failures) this.openUntil = this.now() + this.openMs;
      throw error;
    } finally {
      this.trialRunning = false;
    }
  }
}
