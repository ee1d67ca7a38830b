import pino, { type DestinationStream, type Logger } from 'pino';
import pretty from 'pino-pretty';

/** Paths that must never reach a log line: credentials in headers and bodies. */
export const redactPaths = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-telegram-bot-api-secret-token"]',
  'req.headers["x-hub-signature-256"]',
  '*.password',
  '*.token',
  '*.secret',
  // A player's signed identity is a credential too (it opens their account data).
  '*.identity',
];

/** `pretty`: one readable line per entry, for a person at a terminal; `json`: one JSON object per line, for log collectors. */
export type LogFormat = 'pretty' | 'json';

export interface LogOutput {
  /** Where the lines go (default standard output). */
  destination?: DestinationStream & { isTTY?: boolean };
  /** Default: pretty when the destination is a terminal, JSON otherwise. */
  format?: LogFormat;
}

export function createLogger(level: string, { destination, format }: LogOutput = {}): Logger {
  const options = { level, redact: { paths: redactPaths, censor: '[redacted]' } };
  const terminal = (destination ?? process.stdout).isTTY === true;
  const chosen = format ?? (terminal ? 'pretty' : 'json');
  if (chosen === 'json') return pino(options, destination);
  // Synchronous, in this thread: no worker to start, and nothing logged just before an exit is lost.
  return pino(options, pretty({ destination: destination ?? 1, sync: true, colorize: terminal, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' }));
}
