import { fetchBytes, UpstreamError, withRetries } from '../retry.js';

export interface GraphClientOptions {
  apiRoot: string;
  /** e.g. `v21.0`. */
  apiVersion: string;
  /** Sent as a bearer header only: a token in a URL would end up in request logs. */
  accessToken: string;
  /** Names the API in errors and logs, e.g. `whatsapp`, `messenger`. */
  api: string;
  /** Longest `Retry-After` honoured in-line; a longer one is left to the mailbox's backoff. */
  maxInlineWaitMs?: number;
}

type Json = Record<string, unknown>;

function parsedObject(text: string): Json {
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : {};
  } catch {
    return {};
  }
}

/**
 * Meta's Graph API, as WhatsApp, Messenger and Instagram use it: versioned paths, a bearer token,
 * 429 and 5xx retried with backoff (honouring `Retry-After`), every failure an `UpstreamError`.
 */
export class GraphClient {
  constructor(private readonly options: GraphClientOptions) {}

  /** The address of a versioned Graph path, e.g. `me/messages`. */
  url(path: string): string {
    return `${this.options.apiRoot.replace(/\/+$/, '')}/${this.options.apiVersion}/${path}`;
  }

  /** POSTs a JSON body; Graph's JSON answer. */
  postJson(path: string, payload: Json, what = this.options.api): Promise<Json> {
    return this.post(path, { 'content-type': 'application/json' }, () => JSON.stringify(payload), what, 15_000);
  }

  /** POSTs a multipart form (a file upload); Graph's JSON answer. `form` builds a fresh body for each attempt. */
  postForm(path: string, form: () => FormData, what = this.options.api): Promise<Json> {
    return this.post(path, {}, form, what, 30_000);
  }

  /** GETs a versioned Graph path as JSON (e.g. a media object's metadata). */
  async getJson(path: string, what = this.options.api): Promise<Json> {
    return parsedObject((await this.download(this.url(path), what)).toString('utf8'));
  }

  /**
   * The bytes at an address Graph gave for a file. WhatsApp's media addresses need the token;
   * Messenger's attachment addresses are signed already, so `withToken: false` keeps the token
   * from being sent to a CDN host that does not need it.
   */
  download(url: string, what = this.options.api, { withToken = true }: { withToken?: boolean } = {}): Promise<Buffer> {
    return fetchBytes(url, withToken ? this.authorization() : {}, what);
  }

  private authorization(): Record<string, string> {
    return { authorization: `Bearer ${this.options.accessToken}` };
  }

  private async post(path: string, headers: Record<string, string>, body: () => string | FormData, what: string, timeoutMs: number): Promise<Json> {
    return withRetries(
      async () => {
        let response: Response;
        try {
          response = await fetch(this.url(path), { method: 'POST', headers: { ...this.authorization(), ...headers }, body: body(), signal: AbortSignal.timeout(timeoutMs) });
        } catch (error) {
          throw new UpstreamError(what, 0, error instanceof Error ? error.message : String(error));
        }
        const text = await response.text().catch(() => '');
        if (response.ok) return parsedObject(text);
        const retryAfter = Number(response.headers.get('retry-after'));
        throw new UpstreamError(what, response.status, text.slice(0, 300), Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined);
      },
      { attempts: 4, baseDelayMs: 500, maxWaitMs: this.options.maxInlineWaitMs ?? 30_000 },
    );
  }
}
