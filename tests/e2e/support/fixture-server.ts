import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { existsSync } from 'node:fs';
import { join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const PAGES = fileURLToPath(new URL('../../fixtures/pages', import.meta.url));

/** Hostnames of real tools (and of a company's own, tests/e2e/managed.spec.ts) that the browsers resolve to the fixture server. */
export const FIXTURE_HOSTS = ['excel.officeapps.live.com', 'onedrive.live.com', 'crm.acme.internal'];

/** Serves tests/fixtures/pages (pages and their stylesheets); the browser reaches it under real tools' hostnames. */
export async function startFixtureServer(): Promise<{ port: number; close(): Promise<void> }> {
  const server: Server = createServer(async (request, response) => {
    // A page by its path under tests/fixtures/pages (sub-folders such as walkthrough/ too); the
    // last part alone, as before, for the tools' own addresses (/x/_layouts/15/Doc.aspx → Doc.html).
    try {
      const path = pageUnder(decodeURIComponent((request.url ?? '/').split('?')[0]!));
      const body = await readFile(path);
      const type = path.endsWith('.css') ? 'text/css' : 'text/html';
      response.writeHead(200, { 'content-type': `${type}; charset=utf-8` }).end(body);
    } catch {
      response.writeHead(404).end('Not found');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  return {
    port: typeof address === 'object' && address ? address.port : 0,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** The file for a request path, never outside tests/fixtures/pages (no `..`, no absolute path). */
function pageUnder(urlPath: string): string {
  const withHtml = (name: string) => (/\.(html|css)$/.test(name) ? name : `${name}.html`);
  const relative = normalize(urlPath.replace(/^\/+/, '')).replace(/^(\.\.(\/|\\|$))+/, '');
  const nested = join(PAGES, withHtml(relative));
  if (relative && nested.startsWith(PAGES + sep) && existsSync(nested)) return nested;
  return join(PAGES, withHtml(urlPath.split('/').pop() || 'index'));
}
