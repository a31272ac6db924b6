import { createMiddleware } from 'hono/factory';

/**
 * One line per request: method, path, status, duration. Deliberately not the query string,
 * headers or body: those carry tokens, invite codes and (encrypted) payloads.
 */
export const requestLog = (log: (line: string) => void) =>
  createMiddleware(async (c, next) => {
    const started = performance.now();
    await next();
    const ms = (performance.now() - started).toFixed(1);
    log(`${c.req.method} ${c.req.path} ${c.res.status} ${ms}ms`);
  });
