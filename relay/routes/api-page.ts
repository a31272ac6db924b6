/**
 * GET /api: the OpenAPI document as one plain page, rendered on the server, with no script and
 * nothing fetched from elsewhere (the relay may run where nothing outside is reachable).
 */
import { html, raw } from 'hono/html';

type Schema = Record<string, unknown>;
type Operation = {
  summary?: string;
  description?: string;
  parameters?: { name: string; in: string; required?: boolean; schema?: Schema }[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
  security?: unknown[];
};
/** The parts of an OpenAPI document the page shows; read loosely, as the generator's types are wide. */
type Spec = { info?: { title?: string; version?: string; description?: string }; paths?: Record<string, unknown> };

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

const pretty = (value: unknown) => JSON.stringify(value, null, 2);

function operationSection(path: string, method: string, operation: Operation) {
  const parameters = operation.parameters ?? [];
  const bodies = Object.entries(operation.requestBody?.content ?? {});
  return html`<section>
    <h2><code>${method.toUpperCase()} ${path}</code></h2>
    ${operation.summary ? html`<p>${operation.summary}</p>` : ''}
    ${
      parameters.length
        ? html`<h3>Parameters</h3>
            <ul>
              ${parameters.map(
                (p) =>
                  html`<li><code>${p.name}</code> (${p.in}${p.required ? ', required' : ''})${p.schema ? html`: <code>${pretty(p.schema)}</code>` : ''}</li>`,
              )}
            </ul>`
        : ''
    }
    ${bodies.map(([type, body]) => html`<h3>Request body (<code>${type}</code>)</h3><pre>${pretty(body.schema ?? {})}</pre>`)}
  </section>`;
}

export function apiPage(spec: Spec): string {
  const operations = Object.entries(spec.paths ?? {}).flatMap(([path, item]) => {
    const operationsOfPath = item as Record<string, Operation | undefined>;
    return METHODS.flatMap((method) => {
      const operation = operationsOfPath[method];
      return operation ? [operationSection(path, method, operation)] : [];
    });
  });
  const page = html`<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>${spec.info?.title ?? 'API'} ${spec.info?.version ?? ''}</title>
    <style>
      body { font: 16px/1.5 system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; color: #1a1a1a; background: #fff; }
      pre, code { font: 14px/1.4 ui-monospace, monospace; }
      pre { background: #f3f3f3; padding: 0.75rem; overflow-x: auto; }
      section { border-top: 1px solid #ccc; margin-top: 1.5rem; }
      @media (prefers-color-scheme: dark) { body { color: #eee; background: #161616; } pre { background: #262626; } }
    </style>
  </head>
  <body>
    <main>
      <h1>${spec.info?.title ?? 'API'} <small>${spec.info?.version ?? ''}</small></h1>
      <p>${spec.info?.description ?? ''}</p>
      <p>The machine-readable document: <a href="/openapi.json">/openapi.json</a>.</p>
      ${raw(operations.map(String).join('\n'))}
    </main>
  </body>
</html>`;
  return String(page);
}
