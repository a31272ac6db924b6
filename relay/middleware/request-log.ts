import { randomUUID } from 'node:crypto';
import { createMiddleware } from 'hono/factory';
import { routePath } from 'hono/route';
import { type RelayLogger, withRequestId } from '../log.ts';

export const REQUEST_ID_HEADER = 'X-Request-Id';

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
    await withRequestId(reqId, async () => {
      await next();
      const durationMs = Number((performance.now() - started).toFixed(1));
      const status = c.res.status;
      const fields = { method: c.req.method, route: routeOf(c), status, durationMs };
      if (status >= 500) log.error(fields, 'request');
      else log.info(fields, 'request');
    });
  });
