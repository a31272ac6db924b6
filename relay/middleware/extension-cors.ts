import { cors } from 'hono/cors';
import { createMiddleware } from 'hono/factory';
import { type AllowedExtensions, corsAdmits } from '../allowed-extensions.ts';
import { REQUEST_ID_HEADER } from './request-log.ts';

/**
 * Not CORS-safelisted response headers: without this the extension could not read them
 * (Retry-After on a 429; the request id, to quote in a support request).
 */
const EXPOSED_HEADERS = ['Retry-After', REQUEST_ID_HEADER];

/**
 * The extension calls the relay with CORS instead of host permissions, so only extension
 * pages may read responses; a web page's origin gets no Access-Control-Allow-Origin at all, nor
 * an extension left out by ALLOWED_EXTENSION_IDS (relay/allowed-extensions.ts).
 * (The bearer token, not the origin, is what protects data: this only keeps web pages out.)
 *
 * Preflights are Hono's cors. Other requests get the same headers as Hono's cors gives them,
 * set before the route runs: Hono's cors sets them on a Response made up front, which under
 * @hono/node-server builds a full web Response per request, then copies it into the route's own.
 */
export const extensionCors = (allowed: AllowedExtensions = null) => {
  const preflight = cors({
    origin: (origin) => (corsAdmits(origin, allowed) ? origin : null),
    allowHeaders: ['Authorization', 'Content-Type'],
    allowMethods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
    exposeHeaders: EXPOSED_HEADERS,
    maxAge: 600,
  });
  const exposed = EXPOSED_HEADERS.join(',');
  return createMiddleware(async (c, next) => {
    if (c.req.method === 'OPTIONS') return preflight(c, next);
    const origin = c.req.header('origin') ?? '';
    if (corsAdmits(origin, allowed)) c.header('Access-Control-Allow-Origin', origin);
    c.header('Access-Control-Expose-Headers', exposed);
    c.header('Vary', 'Origin', { append: true });
    await next();
  });
};
