import { createMiddleware } from 'hono/factory';

const MAX_LOGGED_PATH = 200;

/**
 * A request path as one harmless piece of a log line. Hono decodes the path, so `%0A` arrives
 * as a line break: anything but printable ASCII is escaped back, so that a client cannot
 * forge log lines, and a long path is cut.
 */
export function pathForLog(path: string): string {
  const escaped = path.replace(/[^\x21-\x7e]/gu, (ch) =>
    [...Buffer.from(ch, 'utf8')].map((byte) => `%${byte.toString(16).toUpperCase().padStart(2, '0')}`).join(''),
  );
  return escaped.length > MAX_LOGGED_PATH ? `${escaped.slice(0, MAX_LOGGED_PATH)}…` : escaped;
}

/**
 * One line per request: method, path, status, duration. Deliberately not the query string,
 * headers or body: those carry tokens, invite codes and (encrypted) payloads.
 */
export const requestLog = (log: (line: string) => void) =>
  createMiddleware(async (c, next) => {
    const started = performance.now();
    await next();
    const ms = (performance.now() - started).toFixed(1);
    log(`${c.req.method} ${pathForLog(c.req.path)} ${c.res.status} ${ms}ms`);
  });
