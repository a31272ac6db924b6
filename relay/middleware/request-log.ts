import { randomUUID } from 'node:crypto';
import { createMiddleware } from 'hono/factory';
import { routePath } from 'hono/route';
import type { RelayLogger } from '../log.ts';

export const REQUEST_ID_HEADER = 'X-Request-Id';

declare module 'hono' {
  interface ContextVariableMap {
    /** The request's logger: every line carries its id (set first thing, by requestLog). */
    log: RelayLogger;
  }
}

/**
 * The route's pattern (`/pairs/:pairId/messages`), never the path itself: a path carries pair and
 * device ids, and whatever a client typed. Null when no route matched (only the app's catch-all
 * middleware did), so a forged path never reaches the log at all.
 */
function routeOf(c: Parameters<typeof routePath>[0]): string | null {
  const pattern = routePath(c);
  return pattern === '/*' || pattern === '*' || pattern === '' ? null : pattern;
}

/**
 * One line per request: request id, method, route pattern, status, duration. Deliberately not
 * the query string, headers or body: those carry tokens, invite codes and (encrypted) payloads.
 * The id is the relay's own (a client's X-Request-Id is not trusted into the log) and is sent
 * back, so a person reporting a problem can quote it.
 */
export const requestLog = (log: RelayLogger) =>
  createMiddleware(async (c, next) => {
    const reqId = randomUUID();
    const started = performance.now();
    c.header(REQUEST_ID_HEADER, reqId);
    // What the request's handlers log goes through this child: every line carries the id.
    const requestLog = log.child({ reqId });
    c.set('log', requestLog);
    await next();
    const durationMs = Number((performance.now() - started).toFixed(1));
    const status = c.res.status;
    const fields = { method: c.req.method, route: routeOf(c), status, durationMs };
    if (status >= 500) requestLog.error(fields, 'request');
    else requestLog.info(fields, 'request');
  });
