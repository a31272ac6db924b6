import { cors } from 'hono/cors';
import { type AllowedExtensions, corsAdmits } from '../allowed-extensions.ts';
import { REQUEST_ID_HEADER } from './request-log.ts';

/**
 * The extension calls the relay with CORS instead of host permissions, so only extension
 * pages may read responses; a web page's origin gets no Access-Control-Allow-Origin at all, nor
 * an extension left out by ALLOWED_EXTENSION_IDS (relay/allowed-extensions.ts).
 * (The bearer token, not the origin, is what protects data: this only keeps web pages out.)
 */
export const extensionCors = (allowed: AllowedExtensions = null) =>
  cors({
    origin: (origin) => (corsAdmits(origin, allowed) ? origin : null),
    allowHeaders: ['Authorization', 'Content-Type'],
    allowMethods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
    // Not CORS-safelisted response headers: without this the extension could not read them
    // (Retry-After on a 429; the request id, to quote in a support request).
    exposeHeaders: ['Retry-After', REQUEST_ID_HEADER],
    maxAge: 600,
  });
