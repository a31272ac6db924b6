import type { IncomingMessage } from 'node:http';
import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { createMiddleware } from 'hono/factory';

/** The media types Hono's json validator reads (hono/validator), and no others. */
const JSON_MEDIA_TYPE = /^application\/([\w.-]+\+)?json$/i;

export interface RequestBodyOptions {
  maxSize: number;
  onError: (c: Context) => Response | Promise<Response>;
}

type Read = { bytes: Buffer } | { tooLarge: true } | { failed: unknown };

/** The body as it arrives, stopping as soon as it passes `maxSize` (a chunked body says no length up front). */
function readIncoming(incoming: IncomingMessage, maxSize: number): Promise<Read> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const settle = (read: Read) => {
      incoming.off('data', onData).off('end', onEnd).off('error', onError);
      resolve(read);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      // The rest is drained and dropped by @hono/node-server once the 413 is sent.
      if (size > maxSize) settle({ tooLarge: true });
      else chunks.push(chunk);
    };
    const onEnd = () => settle({ bytes: Buffer.concat(chunks, size) });
    const onError = (error: unknown) => settle({ failed: error });
    incoming.on('data', onData).on('end', onEnd).on('error', onError);
  });
}

/** Decoded as the web Request's json() does: UTF-8, a leading byte order mark dropped. */
const utf8 = new TextDecoder();

/**
 * Hands the body to Hono's body cache, where `c.req.json()` (the validator) and `c.req.text()`
 * find it. The JSON is parsed when first asked for: a request refused before its validator
 * (no token) never pays for it, and a body that is not JSON rejects only when awaited.
 */
function cacheBody(c: Context, read: { bytes: Buffer } | { failed: unknown }) {
  const text = 'bytes' in read ? Promise.resolve(utf8.decode(read.bytes)) : Promise.reject(read.failed);
  text.catch(() => {}); // rejected only for whoever reads it, never as an unhandled rejection
  let json: Promise<unknown> | undefined;
  // Hono keeps promises there, whatever its types say. text first: Hono derives any other form
  // (arrayBuffer, blob) from the first one cached.
  const cache = c.req.bodyCache as Record<string, unknown>;
  cache.text = text;
  Object.defineProperty(cache, 'json', {
    enumerable: true,
    configurable: true,
    get: () => (json ??= text.then((value) => JSON.parse(value) as unknown)),
  });
}

/**
 * The body size limit, and the body read once at the edge. Under @hono/node-server, a JSON body
 * (every API route but the CSV import and the coordinator's form) is read straight from Node's
 * IncomingMessage: going through the web Request instead builds an undici Request, an
 * AbortController and a web stream for each request, which cost the relay more CPU per post
 * than its database work (bench/README.md, relay section). A request without a body (GET) is
 * passed on without looking at it at all. Everything else, and any app run without a Node
 * server (tests' `app.request()`), gets Hono's own bodyLimit, with the same limit and answer.
 */
export function requestBody(options: RequestBodyOptions): MiddlewareHandler {
  const webBodyLimit = bodyLimit(options);
  return createMiddleware(async (c, next) => {
    const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
    if (!incoming) return webBodyLimit(c, next);
    const length = incoming.headers['content-length'];
    const chunked = incoming.headers['transfer-encoding'] !== undefined;
    if (length === undefined && !chunked) return next(); // no body at all (HTTP/1.1 says so)
    if (!chunked && Number.parseInt(length!, 10) > options.maxSize) return options.onError(c);
    const mediaType = (incoming.headers['content-type'] ?? '').split(';')[0]!.trim();
    if (!JSON_MEDIA_TYPE.test(mediaType)) return webBodyLimit(c, next);
    const read = await readIncoming(incoming, options.maxSize);
    if ('tooLarge' in read) return options.onError(c);
    cacheBody(c, read);
    return next();
  });
}
