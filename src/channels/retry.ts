import { setTimeout as sleep } from 'node:timers/promises';

/** A failed call to a messenger API, with what the API said about retrying. */
export class UpstreamError extends Error {
  constructor(
    readonly api: string,
    readonly status: number,
    message: string,
    /** Seconds the API asked us to wait (Telegram `retry_after`, HTTP `Retry-After`). */
    readonly retryAfterSeconds?: number,
  ) {
    super(`${api} answered ${status}: ${message}`);
  }

  /** 429 and 5xx are worth another try; other 4xx will fail the same way again. */
  get retryable(): boolean {
    return this.status === 429 || this.status >= 500 || this.status === 0;
  }
}

export interface RetryOptions {
  attempts: number;
  baseDelayMs: number;
  /** Longest wait honoured in-line; a longer `retry_after` is left to the mailbox's backoff. */
  maxWaitMs: number;
}

/** Retries 429/5xx with exponential backoff, honouring the API's own retry-after when it gives one. */
export async function withRetries<T>(call: () => Promise<T>, options: RetryOptions): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      if (!(error instanceof UpstreamError) || !error.retryable || attempt >= options.attempts) throw error;
      const wait = error.retryAfterSeconds !== undefined ? error.retryAfterSeconds * 1000 : options.baseDelayMs * 2 ** (attempt - 1);
      if (wait > options.maxWaitMs) throw error;
      await sleep(wait);
    }
  }
}

/** Files a player sends are read up to this size: anything larger is refused by the attachment store anyway. */
const DOWNLOAD_LIMIT_BYTES = 100 * 1024 * 1024;

/** GETs a file a messenger holds, whole, with retries on 429 and 5xx like any call to it. */
export async function fetchBytes(url: string, headers: Record<string, string>, api: string): Promise<Buffer> {
  return withRetries(
    async () => {
      let response: Response;
      try {
        response = await fetch(url, { headers, signal: AbortSignal.timeout(30_000) });
      } catch (error) {
        throw new UpstreamError(api, 0, error instanceof Error ? error.message : String(error));
      }
      if (!response.ok) throw new UpstreamError(api, response.status, (await response.text().catch(() => '')).slice(0, 300));
      if (Number(response.headers.get('content-length') ?? 0) > DOWNLOAD_LIMIT_BYTES) throw new UpstreamError(api, 413, 'file too large to fetch');
      return Buffer.from(await response.arrayBuffer());
    },
    { attempts: 3, baseDelayMs: 500, maxWaitMs: 5_000 },
  );
}
