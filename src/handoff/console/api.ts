import { t } from './i18n.js';

/** A refusal of the agent API, with the `message` it gave (shown to the agent as it is). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export const LOGIN_PATH = '/api/agent/login';

export type Api = <T>(method: string, path: string, body?: unknown) => Promise<T>;

export interface ApiSession {
  token(): string | null;
  /** The server no longer accepts the token. */
  onUnauthorized(): void;
}

/** Calls to the agent API with the session's token; a refusal or an unreachable server becomes an `ApiError`. */
export function agentApi(session: ApiSession): Api {
  return async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const headers: Record<string, string> = {};
    const token = session.token();
    if (token) headers.authorization = `Bearer ${token}`;
    // A form (a file upload) goes as multipart, with the boundary the browser writes; anything else as JSON.
    const form = body instanceof FormData;
    if (body !== undefined && !form) headers['content-type'] = 'application/json';
    let response: Response;
    try {
      response = await fetch(path, { method, headers, body: body === undefined ? undefined : form ? body : JSON.stringify(body) });
    } catch {
      throw new ApiError(0, t('noAnswer'));
    }
    if (response.status === 401 && path !== LOGIN_PATH) session.onUnauthorized();
    if (response.status === 204) return undefined as T;
    const data = (await response.json().catch(() => ({}))) as { message?: string };
    if (!response.ok) throw new ApiError(response.status, data.message ?? response.statusText);
    return data as T;
  };
}
