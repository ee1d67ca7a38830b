/**
 * One error family for the whole service. Every error carries a stable `code`, the HTTP status it
 * maps to, and a message that says what went wrong and what to do about it.
 */
export class AppError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly statusCode = 500,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class BadRequestError extends AppError {
  constructor(message: string, code = 'bad_request') {
    super(code, message, 400);
  }
}

export class UnauthorizedError extends AppError {
  constructor(message = 'Missing or invalid bearer token.', code = 'unauthorized') {
    super(code, message, 401);
  }
}

export class ForbiddenError extends AppError {
  constructor(message: string, code = 'forbidden') {
    super(code, message, 403);
  }
}

export class NotFoundError extends AppError {
  constructor(message: string, code = 'not_found') {
    super(code, message, 404);
  }
}

export class ConflictError extends AppError {
  constructor(message: string, code = 'conflict') {
    super(code, message, 409);
  }
}

/** Someone else is changing the same thing right now; the same request will work in a moment. */
export class BusyError extends AppError {
  constructor(
    message: string,
    code: string,
    /** Sent as the `Retry-After` header. */
    readonly retryAfterSeconds = 1,
  ) {
    super(code, message, 409);
  }
}

export class TooManyRequestsError extends AppError {
  constructor(
    message: string,
    code = 'too_many_requests',
    /** Sent as the `Retry-After` header. */
    readonly retryAfterSeconds?: number,
  ) {
    super(code, message, 429);
  }
}

/** Something the service needs (Redis) is not answering right now; the same request may work shortly. */
export class ServiceUnavailableError extends AppError {
  constructor(
    message: string,
    /** Sent as the `Retry-After` header. */
    readonly retryAfterSeconds: number,
    code = 'unavailable',
  ) {
    super(code, message, 503);
  }
}

/** The environment does not describe a runnable service; `problems` has one line per bad value. */
export class ConfigError extends AppError {
  constructor(readonly problems: string[]) {
    super('invalid_config', `Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** A URL fit for a message or a log: its password (`user:password@`) replaced by `***`. */
export function redactUrlPassword(url: string): string {
  return url.replace(/^([a-z-]+:\/\/[^:@/]*:)[^@/]*@/, '$1***@');
}

export class RedisUnavailableError extends AppError {
  constructor(url: string, cause: string) {
    super(
      'redis_unavailable',
      `Cannot reach Redis at ${redactUrlPassword(url)} (${cause}).\n` +
        '  Start one locally with:  redis-server --daemonize yes --port 6379 --save "" --appendonly no\n' +
        '  (Debian/Ubuntu: apt-get install redis-server), or point REDIS_URL at a running Redis.',
      503,
    );
  }
}

/** The PostgreSQL of DATABASE_URL refused or did not answer at start. */
export class RecordUnavailableError extends AppError {
  constructor(url: string, cause: string) {
    super(
      'record_unavailable',
      `Cannot use the PostgreSQL database at ${redactUrlPassword(url)} (${cause}).\n` +
        '  Check DATABASE_URL (postgres://user:password@host:5432/database) and that the server is up,\n' +
        '  or leave DATABASE_URL unset to keep the record in the embedded database under DATA_DIR.',
      503,
    );
  }
}
