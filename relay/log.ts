/**
 * The relay's log: one JSON object per line (pino), with an ISO time, a level name and, for
 * anything logged while a request is handled, that request's id (also sent back as X-Request-Id,
 * so a person's support ticket can be matched with its lines): a request logs through its own
 * child logger, `c.var.log` (relay/middleware/request-log.ts). Not through AsyncLocalStorage,
 * whose promise hooks cost every promise of the process, 5 to 9 % of the relay's thread under
 * load on Node 20 (bench/README.md, relay section).
 *
 * What is logged is chosen at each call site, never a request's headers, query or body: those
 * carry tokens, invite codes, secrets and (encrypted) payloads. `redact` is only a second net,
 * for a field of those names added by mistake.
 */
import { pino, type Logger } from 'pino';

export type RelayLogger = Logger;

/** Where finished lines go: stdout by default; tests collect them. */
export type LogSink = (line: string) => void;

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

const REDACTED_FIELDS = ['token', 'code', 'secret', 'payload', 'authorization', 'cookie', 'share', 'confirm'];

export function parseLogLevel(value: string | undefined): LogLevel {
  const level = (value || 'info').toLowerCase();
  if (!(LOG_LEVELS as readonly string[]).includes(level)) {
    throw new Error(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got ${value}`);
  }
  return level as LogLevel;
}

export function createLogger(options: { sink?: LogSink; level?: LogLevel } = {}): RelayLogger {
  const { sink } = options;
  // pino writes each line with its newline, in one call: the sink gets exactly one line.
  // stdout is written asynchronously: the lines logged while a write is under way go out
  // together in the next one, which under load saves a write call per request (bench/README.md,
  // relay section). Nothing waits on a timer, and pino writes what is left synchronously when
  // the process exits; only a kill -9 can lose the lines of the last write or so.
  const destination = sink ? { write: (line: string) => sink(line.replace(/\n$/, '')) } : pino.destination({ sync: false });
  return pino(
    {
      level: options.level ?? 'info',
      base: undefined,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: [...REDACTED_FIELDS, ...REDACTED_FIELDS.map((field) => `*.${field}`)], censor: '[redacted]' },
    },
    destination,
  );
}

/** An error as log fields: its message, and its stack for the operator (the client never sees it). */
export const errorFields = (error: unknown) =>
  error instanceof Error ? { err: { message: error.message, stack: error.stack } } : { err: { message: String(error) } };
