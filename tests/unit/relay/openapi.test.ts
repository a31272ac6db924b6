/**
 * GET /openapi.json and GET /api (relay/routes/openapi.ts): every route the app registers is in
 * the document, with the very zod schema its validator checks; served from memory, and a flood
 * is answered 429 without harm.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { pullQuery, postMessageRequest, registerDeviceRequest } from '@/lib/protocol/protocol';
import { createProgrammeRequest } from '@/relay/admin-api';
import { NO_RATE_LIMITS } from '@/relay/rate-limit';
import { RELAY_VERSION } from '@/relay/version';
import { backends, testRelay, useRelayDatabase } from './harness';

const ADMIN_SECRET = 'openapi-test-admin-secret-0123456789';

type Operation = {
  parameters?: { name: string; in: string; schema: unknown }[];
  requestBody?: { content: Record<string, { schema: unknown }> };
};
type Spec = { openapi: string; info: { version: string }; paths: Record<string, Record<string, Operation>> };

/** What the validator's schema says, as the document should say it. */
const asDocumented = (schema: z.ZodType) => {
  const { $schema: _, ...json } = z.toJSONSchema(schema, { io: 'input' }) as Record<string, unknown>;
  return json;
};

describe.each(backends())('the API description on $name', (backend) => {
  const db = useRelayDatabase(backend);

  async function documented(options: Parameters<typeof testRelay>[1] = {}) {
    const relay = testRelay(db(), { adminSecret: ADMIN_SECRET, ...options });
    const res = await relay.call<Spec>('GET', '/openapi.json');
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toMatch(/^application\/json/);
    return { relay, spec: res.body };
  }

  it('lists every route the relay registers, under its method', async () => {
    const { relay, spec } = await documented();
    const registered = relay.app.routes.filter(
      (route) => route.method !== 'ALL' && !['/openapi.json', '/api'].includes(route.path) && !route.path.endsWith('*'),
    );
    expect(registered.length).toBeGreaterThan(25);
    for (const route of registered) {
      const path = route.path.replace(/:(\w+)/g, '{$1}');
      expect(spec.paths[path]?.[route.method.toLowerCase()], `${route.method} ${route.path}`).toBeDefined();
    }
    expect(spec.paths['/.well-known/binome']?.get).toBeDefined();
    expect(spec.info.version).toBe(RELAY_VERSION);
  });

  it('describes each request with the schema its validator checks', async () => {
    const { spec } = await documented();
    const body = (path: string, method: string) => spec.paths[path]![method]!.requestBody!.content['application/json']!.schema;
    expect(body('/devices', 'post')).toEqual(asDocumented(registerDeviceRequest));
    expect(body('/pairs/{pairId}/messages', 'post')).toEqual(asDocumented(postMessageRequest));
    expect(body('/admin/programmes', 'post')).toEqual(asDocumented(createProgrammeRequest));
    const query = spec.paths['/pairs/{pairId}/messages']!.get!.parameters!.filter((p) => p.in === 'query');
    expect(query.map((p) => p.name).sort()).toEqual(Object.keys(pullQuery.shape).sort());
    expect(spec.paths['/pairs/{pairId}/messages']!.get!.parameters!.some((p) => p.in === 'path' && p.name === 'pairId')).toBe(
      true,
    );
  });

  it('shows the same routes on a plain page, with nothing fetched from elsewhere', async () => {
    const { relay, spec } = await documented();
    const page = await relay.call<string>('GET', '/api');
    expect(page.status).toBe(200);
    expect(page.headers.get('Content-Type')).toMatch(/^text\/html/);
    expect(page.headers.get('Content-Security-Policy')).toContain("default-src 'none'");
    for (const path of Object.keys(spec.paths)) expect(page.body).toContain(path);
    expect(page.body).not.toMatch(/<script|src=|href="https?:/i);
  });

  it('answers a flood with 429 from memory, and keeps serving everything else', async () => {
    const relay = testRelay(db(), {
      clientAddress: () => '198.51.100.7',
      rateLimits: { ...NO_RATE_LIMITS, apiDocsPerAddress: { max: 5, windowMs: 60_000 } },
    });
    const flood = await Promise.all(Array.from({ length: 40 }, () => relay.call('GET', '/openapi.json')));
    const statuses = flood.map((res) => res.status);
    expect(statuses.filter((status) => status === 200)).toHaveLength(5);
    expect(statuses.filter((status) => status === 429)).toHaveLength(35);
    // Served from memory: every document is the same bytes.
    expect(new Set(flood.filter((res) => res.status === 200).map((res) => JSON.stringify(res.body))).size).toBe(1);
    expect(flood.find((res) => res.status === 429)!.headers.get('Retry-After')).toMatch(/^\d+$/);
    expect((await relay.call('GET', '/health')).status).toBe(200);
    const warnings = relay.logLines.map((line) => JSON.parse(line)).filter((entry) => entry.level === 'warn');
    expect(warnings).toEqual([expect.objectContaining({ msg: 'rate limit reached', limit: 'apiDocsPerAddress' })]);
  });
});
