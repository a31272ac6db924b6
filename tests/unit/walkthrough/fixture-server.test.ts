/**
 * The fixture server the walkthrough pages are replayed from (tests/e2e/support/fixture-server.ts):
 * sub-folders and stylesheets are served, nothing outside tests/fixtures/pages ever is.
 */
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFixtureServer } from '../../e2e/support/fixture-server';

let server: Awaited<ReturnType<typeof startFixtureServer>>;
beforeAll(async () => {
  server = await startFixtureServer();
});
afterAll(() => server.close());

/** A raw request: the path goes as written, `..` included (fetch would normalise it first). */
function get(path: string): Promise<{ status: number; type: string | null; body: string }> {
  return new Promise((resolve, reject) => {
    const sent = request({ host: '127.0.0.1', port: server.port, path }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk) => {
        body += chunk;
      });
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, type: response.headers['content-type'] ?? null, body }),
      );
    });
    sent.on('error', reject);
    sent.end();
  });
}

describe('fixture server', () => {
  it('serves a page of a sub-folder and its stylesheet', async () => {
    const page = await get('/walkthrough/crm-a.html');
    expect(page.status).toBe(200);
    expect(page.body).toContain('data-testid="new-contact"');
    const style = await get('/walkthrough/crm.css');
    expect(style.type).toContain('text/css');
  });

  it('still serves a page by its last part, as the tools’ own addresses need', async () => {
    expect((await get('/x/_layouts/15/excel-budget.html')).status).toBe(200);
  });

  it.each([
    '/../../../package.json',
    '/%2e%2e/%2e%2e/%2e%2e/package.json',
    '/walkthrough/../../../package',
    '/%E0%A4%A',
    '//etc/passwd',
  ])('never serves outside its folder: %s', async (path) => {
    const response = await get(path);
    expect(response.status).toBe(404);
    expect(response.body).not.toContain('"name"');
  });
});
