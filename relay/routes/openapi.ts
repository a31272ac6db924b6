import type { Context, Hono } from 'hono';
import { generateSpecs } from 'hono-openapi';
import type { RelayDeps, RelayEnv } from '../deps.ts';
import { MemoryLimiter } from '../memory-limit.ts';
import { sendRateLimited } from '../rate-limit.ts';
import { apiPage } from './api-page.ts';

export const OPENAPI_PATH = '/openapi.json';
export const API_PAGE_PATH = '/api';

/**
 * GET /openapi.json, generated from the routes' own validators (relay/validate.ts), and GET /api,
 * the same document as a plain page. Generated once, at the first request, then served from
 * memory; both are limited per address in memory, so a flood costs neither work nor database.
 */
export function mountApiDocs(app: Hono<RelayEnv>, deps: RelayDeps, limit: ConstructorParameters<typeof MemoryLimiter>[0]) {
  const limiter = new MemoryLimiter(limit, deps.now);
  let document: Promise<{ json: string; html: string }> | undefined;
  const built = () =>
    (document ??= generateSpecs(app, {
      documentation: {
        info: {
          title: 'Binôme relay',
          version: deps.version,
          description:
            'The mailbox between two Binôme extensions. Payloads are end-to-end encrypted: the relay sees ids, times and sizes only.',
        },
        components: { securitySchemes: { device: { type: 'http', scheme: 'bearer' } } },
      },
      // Routes without a validator too (GET /pairs, /health…): the document lists every route.
      includeEmptyPaths: true,
      exclude: [OPENAPI_PATH, API_PAGE_PATH],
    }).then((spec) => ({ json: JSON.stringify(spec), html: apiPage(spec) })));

  const limited = (c: Context) => {
    const taken = limiter.take(deps.clientKey(c));
    if (taken.ok) return null;
    if (taken.hits === limit.max + 1) c.var.log.warn({ limit: 'apiDocsPerAddress' }, 'rate limit reached');
    return sendRateLimited(c, taken.retryAfterMs);
  };

  app.get(OPENAPI_PATH, async (c) => {
    const refused = limited(c);
    if (refused) return refused;
    c.header('Cache-Control', 'public, max-age=300');
    return c.body((await built()).json, 200, { 'Content-Type': 'application/json; charset=utf-8' });
  });
  app.get(API_PAGE_PATH, async (c) => {
    const refused = limited(c);
    if (refused) return refused;
    c.header('Cache-Control', 'public, max-age=300');
    c.header('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'");
    return c.html((await built()).html);
  });
}
