/**
 * Property-based fuzzing of every relay route through app.request(): random and mutated
 * methods, paths, queries, headers and bodies, against a relay with two paired devices, a
 * device of another pair, a revoked one, a live invite and some messages, with the default
 * rate limits on. For every request:
 *
 * - the status is never 5xx, and app.request never rejects (no crash);
 * - every 4xx carries the relay's JSON error shape with a sentence, and no stack trace;
 * - every 4xx leaves the database as it was. Rate-limit counters (table rate_limits) are left
 *   out of the comparison: counting a refused guess is their job.
 *
 * FUZZ_RUNS overrides the number of runs; FUZZ_SEED replays a failure (fast-check prints it).
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { errorResponse, formatInviteCode, MESSAGE_KINDS } from '@/lib/protocol/protocol';
import { DEFAULT_RATE_LIMITS } from '@/relay/rate-limit';
import { backends, fakeClock, snapshot, testRelay, useRelayDatabase, type Device, type TestRelay } from './harness';

interface World {
  relay: TestRelay;
  ana: Device;
  bob: Device;
  cleo: Device;
  revoked: Device;
  pairId: string;
  otherPairId: string;
  messageId: string;
  code: string;
}

interface FuzzRequest {
  method: string;
  path: string;
  headers: [string, string][];
  body: string | Uint8Array | undefined;
}

const MIB = 1024 * 1024;
/** One body over the 1.5 MiB limit, built once. */
const OVERSIZED = JSON.stringify({ displayName: 'Big', payload: 'x'.repeat(1.6 * MIB) });

/** encodeURIComponent throws on half a surrogate pair; such a string is sent as U+FFFD. */
const encode = (text: string) => encodeURIComponent(text.toWellFormed());

/** Strings that have broken things before, anywhere: NULs, half surrogates, encodings, sizes. */
const junkString = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    'a\u0000b',
    '\ud800',
    'x\udc00y',
    '%',
    '%zz',
    '%00',
    '../..',
    '\\',
    '😀',
    'null',
    'A'.repeat(43),
    'x'.repeat(5000),
    '\u202e\u2028',
  ),
);

/** The fuzzed relay has admin routes: this secret is one of the tokens the fuzz presents. */
const ADMIN_SECRET = 'fuzz-admin-secret-0123456789abcdef';

/** Printable ASCII and Latin-1, as header values allow. */
const headerText = (maxLength: number) =>
  fc.string({ unit: fc.integer({ min: 0x20, max: 0xff }).map((code) => String.fromCharCode(code)), maxLength });

function requests(w: World): fc.Arbitrary<FuzzRequest> {
  const tokens = [w.ana.token, w.bob.token, w.cleo.token, w.revoked.token, ADMIN_SECRET];

  const segment = fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(w.pairId, w.otherPairId, w.pairId.toUpperCase(), 'me') },
    { weight: 2, arbitrary: fc.uuid() },
    { weight: 2, arbitrary: junkString.map(encode) },
    { weight: 2, arbitrary: fc.constantFrom('%', '%zz', '%00', '%0A', '%2F', '%ED%A0%80', '%C0%AF', '..', '.', '', ';', '*') },
    { weight: 1, arbitrary: fc.constant('a'.repeat(20_000)) },
  );
  const queryValue = fc.oneof(
    fc.constantFrom('0', '1', '5', '-1', '1e400', 'NaN', '', '9007199254740993', '1.5', '0x10', ' 3 ', '500', '501'),
    junkString.map(encode),
    fc.constantFrom('%zz', '%ff', '%00'),
  );
  const query = fc.oneof(
    { weight: 3, arbitrary: fc.constant('') },
    {
      weight: 3,
      arbitrary: fc
        .array(fc.tuple(fc.constantFrom('after', 'limit', 'x', '', 'after[]'), queryValue), { minLength: 1, maxLength: 3 })
        .map((pairs) => `?${pairs.map(([key, value]) => `${key}=${value}`).join('&')}`),
    },
  );
  const templates = [
    '/health',
    '/devices',
    '/devices/me',
    '/devices/{s}',
    '/invites',
    '/invites/accept',
    '/invites/{s}',
    '/pairs',
    '/pairs/{s}',
    '/pairs/{s}/messages',
    '/pairs/{s}/messages/{s}',
    '/stream',
    '/admin/devices/{s}/revoke',
    '/admin/{s}',
    '/',
    '/{s}',
  ];
  // Mostly a real route with its own method, its segment and query possibly mutated.
  const routes: [string, string][] = [
    ['GET', '/health'],
    ['POST', '/devices'],
    ['PATCH', '/devices/me'],
    ['DELETE', '/devices/me'],
    ['POST', '/invites'],
    ['POST', '/invites/accept'],
    ['GET', '/pairs'],
    ['POST', '/pairs/{s}/messages'],
    ['POST', '/pairs/{s}/messages'],
    ['GET', '/pairs/{s}/messages'],
    ['DELETE', '/pairs/{s}'],
    ['GET', '/stream'],
    ['POST', '/admin/devices/{s}/revoke'],
    ['POST', `/admin/devices/${w.bob.deviceId}/revoke`],
  ];
  const pairSegment = fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(w.pairId, w.pairId.toUpperCase(), w.otherPairId) },
    { weight: 1, arbitrary: segment },
  );
  const routed = fc
    .tuple(
      fc.constantFrom(...routes),
      pairSegment,
      fc.oneof({ weight: 3, arbitrary: fc.constant('') }, { weight: 1, arbitrary: query }),
    )
    .map(([[verb, template], s, q]) => ({ method: verb, path: template.replace('{s}', s) + q }));

  const path = fc.oneof(
    {
      weight: 10,
      arbitrary: fc
        .tuple(fc.constantFrom(...templates), segment, segment, query)
        .map(([template, a, b, q]) => template.replace('{s}', a).replace('{s}', b) + q),
    },
    { weight: 2, arbitrary: fc.string({ maxLength: 60 }).map((text) => `/${text}`) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 60 }).map((text) => `/${encode(text)}`) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        `/${'x/'.repeat(10_000)}`,
        '//pairs',
        '/pairs//messages',
        '/DEVICES',
        '/devices/me/',
        '/%2e%2e/health',
      ),
    },
  );

  const method = fc.oneof(
    { weight: 12, arbitrary: fc.constantFrom('GET', 'POST', 'PATCH', 'DELETE') },
    { weight: 2, arbitrary: fc.constantFrom('PUT', 'OPTIONS', 'HEAD', 'get', 'post', 'patch', 'delete', 'Patch') },
    { weight: 1, arbitrary: fc.stringMatching(/^[A-Za-z]{1,12}$/).filter((m) => !/^(connect|trace|track)$/i.test(m)) },
  );

  const authorization = fc.oneof(
    { weight: 8, arbitrary: fc.constantFrom(...tokens).map((token) => `Bearer ${token}`) },
    {
      weight: 1,
      arbitrary: fc.constantFrom('Bearer', 'Basic x', 'Bearer a b c', `Bearer ${'A'.repeat(43)}`, `bearer ${w.ana.token}`),
    },
    { weight: 1, arbitrary: headerText(100) },
    { weight: 1, arbitrary: fc.constantFrom(...tokens).map((token) => `Bearer ${token}${'x'.repeat(5000)}`) },
  );
  const contentType = fc.constantFrom(
    'application/json',
    'application/json; charset=utf-8',
    'APPLICATION/JSON',
    'application/json; charset=utf-16',
    'application/vnd.api+json',
    'application/json;;;',
    'text/plain',
    'application/x-www-form-urlencoded',
    'multipart/form-data; boundary=xyz',
    '',
  );
  const headerName = fc.oneof(
    fc.constantFrom(
      'accept',
      'accept-encoding',
      'content-encoding',
      'cookie',
      'x-forwarded-for',
      'range',
      'referer',
      'if-none-match',
    ),
    fc.stringMatching(/^x-[a-z0-9-]{1,20}$/),
  );
  const headers = fc
    .record(
      {
        authorization,
        contentType,
        origin: fc.constantFrom('chrome-extension://abcdefgh', 'moz-extension://0a1b', 'https://evil.example', 'null'),
        client: fc.constantFrom('203.0.113.1', '203.0.113.2', '2001:db8::1', '::ffff:203.0.113.1', 'not an address', ''),
        upgrade: fc.constantFrom('websocket', 'h2c'),
        extra: fc.array(fc.tuple(headerName, headerText(200)), { maxLength: 3 }),
        huge: fc.constant('h'.repeat(100_000)),
      },
      { requiredKeys: [] },
    )
    .map((h) => {
      const list: [string, string][] = [];
      if (h.authorization !== undefined) list.push(['Authorization', h.authorization]);
      if (h.contentType !== undefined) list.push(['Content-Type', h.contentType]);
      if (h.origin !== undefined) list.push(['Origin', h.origin]);
      if (h.client !== undefined) list.push(['X-Test-Client', h.client]);
      if (h.upgrade !== undefined) list.push(['Upgrade', h.upgrade]);
      if (h.huge !== undefined) list.push(['X-Huge', h.huge]);
      return [...list, ...(h.extra ?? [])];
    });

  // Bodies close to what each route accepts, with any field swapped for something wrong.
  const anyValue = fc.oneof(
    fc.jsonValue({ maxDepth: 3 }),
    junkString,
    fc.constantFrom(1e308, -1, 2 ** 53, 1.5, -0, null, true, [], {}),
  );
  const field = <T>(valid: fc.Arbitrary<T>) => fc.oneof({ weight: 3, arbitrary: valid }, { weight: 1, arbitrary: anyValue });
  // Text of the right type and length, sometimes with any code point in it (NUL, half pairs).
  const text = (minLength: number, maxLength: number) =>
    fc.oneof(
      { weight: 2, arbitrary: fc.string({ minLength, maxLength }) },
      { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength, maxLength }) },
      {
        weight: 1,
        arbitrary: fc
          .tuple(fc.string({ maxLength: 10 }), fc.constantFrom('\u0000', '\ud800', '\udfff'))
          .map(([a, b]) => `x${a}${b}`),
      },
    );
  const nearValid = fc.record(
    {
      displayName: field(text(1, 80)),
      publicKey: field(fc.oneof(fc.constantFrom(w.ana.publicKey, 'pk-fuzz'), text(0, 50))),
      role: field(fc.constantFrom('learner', 'helper')),
      code: field(fc.constantFrom(w.code, formatInviteCode(w.code).toLowerCase(), 'ABCDEFGH', 'ABCD-EFGH')),
      id: field(fc.oneof(fc.uuid(), fc.constant(w.messageId))),
      kind: field(fc.constantFrom(...MESSAGE_KINDS)),
      createdAt: field(fc.nat()),
      payload: field(text(0, 200)),
    },
    { requiredKeys: [] },
  );
  const body = fc.oneof(
    { weight: 12, arbitrary: nearValid.map((value) => JSON.stringify(value)) },
    { weight: 3, arbitrary: fc.jsonValue().map((value) => JSON.stringify(value)) },
    { weight: 1, arbitrary: fc.integer({ min: 1, max: 100_000 }).map((depth) => '['.repeat(depth) + ']'.repeat(depth)) },
    {
      weight: 1,
      arbitrary: fc.integer({ min: 1, max: 20_000 }).map((depth) => `${'{"payload":'.repeat(depth)}1${'}'.repeat(depth)}`),
    },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 2048 }) },
    { weight: 1, arbitrary: fc.constantFrom('', '{', 'null', '"x"', '{"displayName":"x"', '\u0000', '\ufeff{"role":"learner"}') },
    { weight: 1, arbitrary: junkString },
    { weight: 1, arbitrary: fc.constant(OVERSIZED) },
  );

  return fc
    .record({
      target: fc.oneof({ weight: 3, arbitrary: routed }, { weight: 2, arbitrary: fc.record({ method, path }) }),
      headers: fc.oneof(
        { weight: 3, arbitrary: headers },
        // The common case: a device's token and JSON, so that requests often get past auth.
        {
          weight: 4,
          arbitrary: fc.constantFrom(...tokens).map((t): [string, string][] => [
            ['Authorization', `Bearer ${t}`],
            ['Content-Type', 'application/json'],
          ]),
        },
      ),
      body: fc.option(body, { nil: undefined, freq: 6 }),
    })
    .map(({ target: { method, path }, headers, body }) => ({
      method,
      path,
      headers,
      body: ['GET', 'HEAD'].includes(method.toUpperCase()) ? undefined : body,
    }));
}

/** A Request, or null when the platform itself refuses to build one (not the relay's doing). */
function toRequest(r: FuzzRequest): Request | null {
  try {
    return new Request(`http://localhost${r.path}`, {
      method: r.method,
      headers: r.headers,
      body: r.body as BodyInit | undefined,
    });
  } catch {
    return null;
  }
}

const describeRequest = (r: FuzzRequest) =>
  JSON.stringify({
    ...r,
    path: r.path.slice(0, 300),
    body: typeof r.body === 'string' ? r.body.slice(0, 300) : r.body && `${r.body.length} bytes`,
    headers: r.headers.map(([k, v]) => [k, v.slice(0, 100)]),
  });

describe.each(backends())('fuzzing every route on $name', (backend) => {
  const db = useRelayDatabase(backend);
  const runs = Number(process.env.FUZZ_RUNS) || 400;
  const seed = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined;
  let w: World;
  const clock = fakeClock();

  beforeAll(async () => {
    // Default limits: the fuzz goes through them. The address comes from a test header so that
    // junk addresses are fuzzed too; the clock moves on between requests.
    const relay = testRelay(db(), {
      now: clock.now,
      rateLimits: DEFAULT_RATE_LIMITS,
      clientAddress: (c) => c.req.header('X-Test-Client'),
      adminSecret: ADMIN_SECRET,
    });
    const [ana, bob, cleo, dan, revoked] = [
      await relay.register('Ana'),
      await relay.register('Bob'),
      await relay.register('Cleo'),
      await relay.register('Dan'),
      await relay.register('Revoked'),
    ];
    const { pairId } = await relay.pair(ana, bob);
    const { pairId: otherPairId } = await relay.pair(cleo, dan);
    const messageId = crypto.randomUUID();
    await relay.post(ana, pairId, { id: messageId, payload: 'first' });
    await relay.post(bob, pairId, { payload: 'second' });
    await relay.post(cleo, otherPairId, { payload: 'elsewhere' });
    await relay.call('DELETE', '/devices/me', { token: revoked.token });
    const { code } = await relay.invite(ana);
    w = { relay, ana, bob, cleo, revoked, pairId, otherPairId, messageId, code };
  });

  it(`never answers 5xx, and a 4xx is a JSON error that changed nothing (${runs} requests)`, { timeout: 180_000 }, async () => {
    const statuses = new Map<number, number>();
    let skipped = 0;
    await fc.assert(
      fc.asyncProperty(requests(w), async (r) => {
        const request = toRequest(r);
        if (!request) {
          skipped++;
          return;
        }
        // A fuzzed DELETE /devices/me or admin revoke may have revoked one of the devices, a
        // fuzzed DELETE /pairs/… ended a pair: bring them back.
        await db().sql.query('UPDATE devices SET revoked_at = NULL WHERE id = ANY($1::uuid[]) AND revoked_at IS NOT NULL', [
          [w.ana.deviceId, w.bob.deviceId, w.cleo.deviceId],
        ]);
        await db().sql.query('UPDATE pairs SET left_at = NULL, left_by_device_id = NULL WHERE left_at IS NOT NULL');
        clock.time += 20_000;
        const before = await snapshot(db().sql, { except: ['rate_limits'] });
        const res = await w.relay.app.request(request);
        const text = await res.text();
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        const context = `${res.status} ${text.slice(0, 300)} for ${describeRequest(r)}`;

        expect(res.status, context).toBeGreaterThanOrEqual(200);
        expect(res.status, context).toBeLessThan(500);
        if (res.status < 400) return;
        if (r.method.toUpperCase() !== 'HEAD') {
          expect(res.headers.get('Content-Type'), context).toMatch(/^application\/json/);
          const { error } = errorResponse.parse(JSON.parse(text));
          expect(error.message, context).toMatch(/^[A-Z].*\.$/);
          expect(text, context).not.toMatch(/node_modules|\.ts:\d+|\n\s+at /);
        }
        expect(await snapshot(db().sql, { except: ['rate_limits'] }), context).toEqual(before);
      }),
      { numRuns: runs, seed },
    );
    // The generators must reach the routes, not only the 404 handler and auth.
    expect(skipped).toBeLessThan(runs / 10);
    const count = (test: (status: number) => boolean) => [...statuses].filter(([s]) => test(s)).reduce((n, [, k]) => n + k, 0);
    expect(count((s) => s >= 200 && s < 300)).toBeGreaterThan(runs / 20);
    expect(count((s) => s === 400)).toBeGreaterThan(runs / 20);
    expect(count((s) => s === 401)).toBeGreaterThan(0);
  });
});
