import { cors } from 'hono/cors';

const EXTENSION_ORIGINS = ['chrome-extension://', 'moz-extension://', 'safari-web-extension://'];

/**
 * The extension calls the relay with CORS instead of host permissions, so only extension
 * pages may read responses; a web page's origin gets no Access-Control-Allow-Origin at all.
 * (The bearer token, not the origin, is what protects data: this only keeps web pages out.)
 */
export const extensionCors = () =>
  cors({
    origin: (origin) => (EXTENSION_ORIGINS.some((prefix) => origin.startsWith(prefix)) ? origin : null),
    allowHeaders: ['Authorization', 'Content-Type'],
    allowMethods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
    // Not a CORS-safelisted response header: without this the extension could not read it on a 429.
    exposeHeaders: ['Retry-After'],
    maxAge: 600,
  });
