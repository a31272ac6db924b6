/**
 * The authorization matrix: every route of the relay, every way of not being allowed.
 *
 * - Admin routes (mounted when the relay has ADMIN_SECRET) answer 401 to anything but that
 *   secret, device tokens included.
 * - Routes that need a device answer 401 `unauthorized` to a missing, malformed, unknown or
 *   revoked token, all alike (a caller cannot probe which tokens once existed).
 * - Pair routes answer 404 `not_found` to a valid device of another pair, exactly as for a pair
 *   that does not exist: the relay does not reveal which pairs exist. (Never 403.)
 * - Nothing changes: every table, rate-limit counters included, is the same before and after,
 *   and nothing is announced on the hub.
 *
 * ROUTES must have a row for each route the app registers: a new route without one fails here.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { errorResponse } from '@/lib/protocol/protocol';
import { createApp } from '@/relay/app';
import type { Hub } from '@/relay/hub';
import { startRelay, type RunningRelay } from '@/relay/server';
import { backends, newSchemaName, snapshot, testRelay, useRelayDatabase, type Device, type TestRelay } from './harness';
import { splitInviteCode } from '@/lib/protocol/invite-code';
import { acceptBody, inviteBody } from './pairing-client';
import { openStream } from './ws-client';
import { PROGRAMME_ROUTES } from './programme-routes';

interface World {
  ana: Device; // paired with bob: the pair under attack
  bob: Device;
  pairId: string;
  cleo: Device; // paired with dan: a device of another pair
  /** A pair of two other devices, for the operator's DELETE to remove. */
  sparePairId: string;
  revoked: Device;
  /** A live invite of ana's: accepting it would work, if the token were good. */
  code: string;
  inviterShare: string;
}

type Access = 'public' | 'device' | 'pair' | 'stream' | 'admin';
interface RouteRow {
  access: Access;
  /** The path and a body that would succeed with a valid token, so only the token is at fault. */
  request: (w: World) => { path: string; json?: unknown };
}

const ROUTES: Record<string, RouteRow> = {
  'GET /health': { access: 'public', request: () => ({ path: '/health' }) },
  'GET /.well-known/binome': { access: 'public', request: () => ({ path: '/.well-known/binome' }) },
  'GET /openapi.json': { access: 'public', request: () => ({ path: '/openapi.json' }) },
  'GET /api': { access: 'public', request: () => ({ path: '/api' }) },
  'POST /devices': { access: 'public', request: () => ({ path: '/devices', json: { displayName: 'Newcomer' } }) },
  'PATCH /devices/me': { access: 'device', request: () => ({ path: '/devices/me', json: { displayName: 'Mallory' } }) },
  'DELETE /devices/me': { access: 'device', request: () => ({ path: '/devices/me' }) },
  'POST /invites': { access: 'device', request: () => ({ path: '/invites', json: inviteBody() }) },
  'POST /invites/lookup': {
    access: 'device',
    request: (w) => ({ path: '/invites/lookup', json: { nameplate: splitInviteCode(w.code).nameplate } }),
  },
  'POST /invites/accept': {
    access: 'device',
    request: (w) => ({ path: '/invites/accept', json: acceptBody(w.code, w.inviterShare) }),
  },
  'GET /pairs': { access: 'device', request: () => ({ path: '/pairs' }) },
  'POST /pairs/:pairId/messages': {
    access: 'pair',
    request: (w) => ({
      path: `/pairs/${w.pairId}/messages`,
      json: { id: crypto.randomUUID(), kind: 'question', createdAt: 1_700_000_000_000, payload: 'forged' },
    }),
  },
  'GET /pairs/:pairId/messages': { access: 'pair', request: (w) => ({ path: `/pairs/${w.pairId}/messages?after=0` }) },
  // Last of the pair routes: a member saying the pairing failed ends the pair for the rows after it.
  'POST /pairs/:pairId/confirm': {
    access: 'pair',
    request: (w) => ({ path: `/pairs/${w.pairId}/confirm`, json: { failed: true } }),
  },
  // Last of the pair rows: a member's successful leave ends the pair for the rows after it.
  'DELETE /pairs/:pairId': { access: 'pair', request: (w) => ({ path: `/pairs/${w.pairId}` }) },
  'POST /admin/devices/:deviceId/revoke': {
    access: 'admin',
    request: (w) => ({ path: `/admin/devices/${w.ana.deviceId}/revoke` }),
  },
  'GET /admin/devices': { access: 'admin', request: () => ({ path: '/admin/devices' }) },
  'GET /admin/pairs': { access: 'admin', request: () => ({ path: '/admin/pairs' }) },
  'DELETE /admin/pairs/:pairId': { access: 'admin', request: (w) => ({ path: `/admin/pairs/${w.sparePairId}` }) },
  // The token comes in the first frame, not a header: checked over a real socket below.
  'GET /stream': { access: 'stream', request: () => ({ path: '/stream' }) },
};

const ADMIN_SECRET = 'operator-secret-0123456789abcdef';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const lastCharChanged = (token: string) => token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A');

/** Every way of presenting no valid token in the Authorization header. */
const TOKEN_CASES: [string, (w: World) => Record<string, string>][] = [
  ['no Authorization header', () => ({})],
  ['"Bearer" alone', () => ({ Authorization: 'Bearer' })],
  ['"Bearer" and spaces', () => ({ Authorization: 'Bearer    ' })],
  ['Basic credentials', () => ({ Authorization: 'Basic x' })],
  ['a valid token under another scheme', (w) => ({ Authorization: `Basic ${w.ana.token}` })],
  ['a valid token without a scheme', (w) => ({ Authorization: w.ana.token })],
  ['garbage with spaces', () => ({ Authorization: 'Bearer not a token at all' })],
  ['a valid token followed by garbage', (w) => ({ Authorization: `Bearer ${w.ana.token} ${w.bob.token}` })],
  ['an overlong token', () => ({ Authorization: `Bearer ${'A'.repeat(10_000)}` })],
  ['a valid token, one character short', (w) => ({ Authorization: `Bearer ${w.ana.token.slice(0, -1)}` })],
  ['a valid token, one character changed', (w) => ({ Authorization: `Bearer ${lastCharChanged(w.ana.token)}` })],
  ['an unknown token of the right shape', () => ({ Authorization: `Bearer ${'A'.repeat(43)}` })],
  ['the hash the database keeps of a valid token', (w) => ({ Authorization: `Bearer ${sha256(w.ana.token)}` })],
  ['a revoked device’s token', (w) => ({ Authorization: `Bearer ${w.revoked.token}` })],
];

/** Every way of not presenting the admin secret. */
const ADMIN_CASES: [string, (w: World) => Record<string, string>][] = [
  ['no Authorization header', () => ({})],
  ['"Bearer" alone', () => ({ Authorization: 'Bearer' })],
  ['a wrong secret', () => ({ Authorization: 'Bearer not-the-secret' })],
  ['the secret, one character changed', () => ({ Authorization: `Bearer ${lastCharChanged(ADMIN_SECRET)}` })],
  ['the secret, one character short', () => ({ Authorization: `Bearer ${ADMIN_SECRET.slice(0, -1)}` })],
  ['the secret and more', () => ({ Authorization: `Bearer ${ADMIN_SECRET}x` })],
  ['the secret under another scheme', () => ({ Authorization: `Basic ${ADMIN_SECRET}` })],
  ['the secret without a scheme', () => ({ Authorization: ADMIN_SECRET })],
  ['the secret followed by garbage', () => ({ Authorization: `Bearer ${ADMIN_SECRET} x` })],
  ['the hash of the secret', () => ({ Authorization: `Bearer ${sha256(ADMIN_SECRET)}` })],
  ['a device’s valid token', (w) => ({ Authorization: `Bearer ${w.ana.token}` })],
];

const routeKeys = (access: Access[]) => Object.keys(ROUTES).filter((key) => access.includes(ROUTES[key]!.access));
const methodOf = (key: string) => key.split(' ')[0]!;

describe('the authorization matrix', () => {
  it('has a row for every route the relay registers, and no row for a route it does not', () => {
    const { app } = createApp({ store: { sql: {} } as never, hub: {} as never, log: () => {}, adminSecret: ADMIN_SECRET });
    const registered = new Set(app.routes.filter((r) => r.method !== 'ALL').map((r) => `${r.method} ${r.path}`));
    // The programme's routes have their own matrix (programme-authorization.test.ts).
    expect([...registered].sort()).toEqual([...Object.keys(ROUTES), ...Object.keys(PROGRAMME_ROUTES)].sort());
  });
});

describe.each(backends())('authorization on $name', (backend) => {
  const db = useRelayDatabase(backend);
  let w: World;
  let relay: TestRelay;
  const published: unknown[] = [];

  beforeAll(async () => {
    const setup = testRelay(db());
    const [ana, bob, cleo, dan, revoked] = [
      await setup.register('Ana'),
      await setup.register('Bob'),
      await setup.register('Cleo'),
      await setup.register('Dan'),
      await setup.register('Revoked'),
    ];
    const { pairId } = await setup.pair(ana, bob);
    await setup.pair(cleo, dan);
    await setup.post(ana, pairId, { payload: 'already here' });
    await setup.pair(revoked, await setup.register('Revoked’s buddy'));
    expect((await setup.call('DELETE', '/devices/me', { token: revoked.token })).status).toBe(204);
    const { pairId: sparePairId } = await setup.pair(await setup.register('Spare A'), await setup.register('Spare B'));
    const { code, secret } = await setup.invite(ana);
    w = { ana, bob, pairId, cleo, sparePairId, revoked, code, inviterShare: secret.share };

    // The hub of the relay under test records what it would announce.
    const hub: Hub = Object.create(db().hub);
    const announce = db().hub.announce;
    Object.defineProperty(hub, 'announce', {
      value: {
        ...announce,
        notices(created: { pairId: string; seq: number }[]) {
          published.push(['messages', created]);
          return announce.notices(created);
        },
      },
    });
    hub.publishPairsChanged = async (...args) => void published.push(['pairs', ...args]);
    hub.publishRevoked = async (...args) => void published.push(['revoked', ...args]);
    relay = testRelay({ ...db(), hub }, { adminSecret: ADMIN_SECRET });
  });

  /** Sends the request and proves it changed nothing at all. */
  async function unchangedBy(send: () => Promise<{ status: number; body: any }>) {
    const before = await snapshot(db().sql);
    const announced = published.length;
    const res = await send();
    expect(await snapshot(db().sql)).toEqual(before);
    expect(published.length).toBe(announced);
    return res;
  }

  describe.each(routeKeys(['device', 'pair']))('%s', (key) => {
    it.each(TOKEN_CASES)('answers 401 to %s, and changes nothing', async (_name, headers) => {
      const { path, json } = ROUTES[key]!.request(w);
      const res = await unchangedBy(() => relay.call(methodOf(key), path, { json, headers: headers(w) }));
      expect(res.status).toBe(401);
      expect(errorResponse.parse(res.body).error).toEqual({
        code: 'unauthorized',
        message: 'This device is not connected to the relay any more. Open Binôme’s options and connect again.',
      });
    });
  });

  describe.each(routeKeys(['pair']))('%s', (key) => {
    it('answers a device of another pair 404, as for a pair that does not exist, and changes nothing', async () => {
      const { path, json } = ROUTES[key]!.request(w);
      const res = await unchangedBy(() => relay.call(methodOf(key), path, { json, token: w.cleo.token }));
      expect(res.status).toBe(404);
      const missing = await unchangedBy(() =>
        relay.call(methodOf(key), path.replace(w.pairId, crypto.randomUUID()), { json, token: w.cleo.token }),
      );
      expect(missing.status).toBe(404);
      expect(res.body).toEqual(missing.body);
      expect(errorResponse.parse(res.body).error.code).toBe('not_found');
    });

    it('lets the pair’s own members through (the matrix tests the token, not the request)', async () => {
      const { path, json } = ROUTES[key]!.request(w);
      const res = await relay.call(methodOf(key), path, { json, token: w.bob.token });
      expect(res.status).toBeLessThan(300);
    });
  });

  it('lets devices through on the device routes with their own token (the rows are sound)', async () => {
    const fresh = await testRelay(db()).register('Fresh');
    const { code, secret } = await testRelay(db()).invite(w.ana);
    const answers: Record<string, number> = {};
    const keys = routeKeys(['device']);
    // DELETE last: it revokes the fresh device.
    for (const key of [...keys.filter((k) => !k.startsWith('DELETE')), ...keys.filter((k) => k.startsWith('DELETE'))]) {
      const { path, json } = ROUTES[key]!.request({ ...w, code, inviterShare: secret.share });
      answers[key] = (await relay.call(methodOf(key), path, { json, token: fresh.token })).status;
    }
    expect(answers).toEqual(Object.fromEntries(keys.map((k) => [k, expect.toSatisfy((status: number) => status < 300)])));
  });

  describe.each(routeKeys(['admin']))('%s', (key) => {
    it.each(ADMIN_CASES)('answers 401 to %s, and changes nothing', async (_name, headers) => {
      const { path, json } = ROUTES[key]!.request(w);
      const res = await unchangedBy(() => relay.call(methodOf(key), path, { json, headers: headers(w) }));
      expect(res.status).toBe(401);
      expect(errorResponse.parse(res.body).error).toEqual({
        code: 'unauthorized',
        message: 'The admin secret is missing or wrong. Use the ADMIN_SECRET the relay was started with.',
      });
    });

    it('does not exist on a relay without ADMIN_SECRET, whatever is presented', async () => {
      const { path, json } = ROUTES[key]!.request(w);
      const plain = testRelay(db());
      const res = await unchangedBy(() => plain.call(methodOf(key), path, { json, token: ADMIN_SECRET }));
      expect(res.status).toBe(404);
      expect(errorResponse.parse(res.body).error.code).toBe('not_found');
    });

    it('lets the operator through with the secret (the cases above fail on the secret alone)', async () => {
      const { path, json } = ROUTES[key]!.request({ ...w, ana: await testRelay(db()).register('Lost laptop') });
      const res = await relay.call(methodOf(key), path, { json, token: ADMIN_SECRET });
      expect(res.status).toBeLessThan(300);
    });
  });

  it('serves the public routes without a token', async () => {
    for (const key of routeKeys(['public'])) {
      const { path, json } = ROUTES[key]!.request(w);
      expect((await relay.call(methodOf(key), path, { json })).status).toBeLessThan(300);
    }
  });

  describe('GET /stream (over a real socket)', () => {
    let server: RunningRelay;
    beforeAll(async () => {
      server = await startRelay({ port: 0, log: () => {}, sql: db().sql, hubChannel: newSchemaName() });
    });
    afterAll(() => server?.close());

    const HELLO_CASES: [string, (w: World) => unknown][] = [
      ['a revoked device’s token', (w) => ({ type: 'hello', token: w.revoked.token })],
      ['an unknown token of the right shape', () => ({ type: 'hello', token: 'A'.repeat(43) })],
      ['a valid token, one character changed', (w) => ({ type: 'hello', token: lastCharChanged(w.ana.token) })],
      ['a valid token with its scheme', (w) => ({ type: 'hello', token: `Bearer ${w.ana.token}` })],
      ['garbage with spaces', () => ({ type: 'hello', token: 'not a token at all' })],
      ['an overlong token', () => ({ type: 'hello', token: 'A'.repeat(201) })],
      ['the hash the database keeps of a valid token', (w) => ({ type: 'hello', token: sha256(w.ana.token) })],
      ['no token', () => ({ type: 'hello' })],
      ['a token that is not a string', () => ({ type: 'hello', token: 42 })],
      ['a frame that is not JSON', () => 'Bearer token'],
    ];

    it.each(HELLO_CASES)('closes with 4401 on %s, sends nothing, and changes nothing', async (_name, hello) => {
      const before = await snapshot(db().sql);
      const stream = await openStream(server.url);
      stream.send(hello(w));
      // Whichever comes first: a close, or (if the relay were wrong) an event; not a 30 s timeout.
      const spoke = new Promise<string>((resolve) => {
        const timer = setInterval(() => stream.events.length > 0 && resolve('an event'), 10);
        void stream.closed.then(() => clearInterval(timer));
      });
      expect(await Promise.race([stream.closed.then((closed) => closed.code), spoke])).toBe(4401);
      expect(stream.events).toEqual([]);
      expect(await snapshot(db().sql)).toEqual(before);
    });

    it('says ready to a valid hello (the cases above fail on the token alone)', async () => {
      const stream = await openStream(server.url);
      stream.send({ type: 'hello', token: w.bob.token });
      await vi.waitFor(() => expect(stream.events).toContainEqual({ type: 'ready', deviceId: w.bob.deviceId }));
      await stream.close();
    });
  });
});
