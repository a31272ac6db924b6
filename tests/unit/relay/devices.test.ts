import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  errorResponse,
  formatInviteCode,
  healthResponse,
  registerDeviceResponse,
  splitInviteCode,
} from '@/lib/protocol/protocol';
import { inviteBody } from './pairing-client';
import type { Hub } from '@/relay/hub';
import { migrate } from '@/relay/store/migrate';
import type { RelayStore } from '@/relay/store/relay-store';
import { NO_RATE_LIMITS } from '@/relay/rate-limit';
import { backends, countRows, fakeClock, newPublicKey, snapshot, testRelay, useRelayDatabase } from './harness';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

describe.each(backends())('devices and auth on $name', (backend) => {
  const db = useRelayDatabase(backend);

  it('registers a device and keeps only the hash of its token', async () => {
    const relay = testRelay(db());
    const publicKey = newPublicKey();
    const res = await relay.call('POST', '/devices', { json: { displayName: ' Ana ', publicKey } });
    expect(res.status).toBe(201);
    const { deviceId, token } = registerDeviceResponse.parse(res.body);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const rows = await db().sql.query<Record<string, unknown>>('SELECT * FROM devices WHERE id = $1', [deviceId]);
    expect(rows[0]).toMatchObject({ token_hash: sha256(token), display_name: 'Ana', public_key: publicKey, revoked_at: null });
    expect(JSON.stringify(rows)).not.toContain(token);
  });

  it('lets a device change its display name', async () => {
    const relay = testRelay(db());
    const device = await relay.register('Before');
    const res = await relay.call('PATCH', '/devices/me', { token: device.token, json: { displayName: 'After' } });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ deviceId: device.deviceId, displayName: 'After', publicKey: device.publicKey });
  });

  it('stores a display name cleaned, and its buddy sees it so; a name with nothing visible is refused', async () => {
    const relay = testRelay(db());
    const publicKey = newPublicKey();
    const registered = await relay.call('POST', '/devices', {
      json: { displayName: '\u202EAna\u200B  \u001b[31mMarie\u0007\u0301', publicKey },
    });
    expect(registered.status).toBe(201);
    const ana = { ...registerDeviceResponse.parse(registered.body), displayName: 'Ana', publicKey };
    const bob = await relay.register('Bob');
    await relay.pair(bob, ana);
    const peerName = async () => (await relay.call('GET', '/pairs', { token: bob.token })).body.pairs[0].peer.displayName;
    expect(await peerName()).toBe('Ana Marié');

    const renamed = await relay.call('PATCH', '/devices/me', { token: ana.token, json: { displayName: 'Jose\u0301\u2066 Ana' } });
    expect(renamed.body.displayName).toBe('José Ana');
    expect(await peerName()).toBe('José Ana');
    const before = await snapshot(db().sql);
    const invisible = await relay.call('PATCH', '/devices/me', {
      token: ana.token,
      json: { displayName: '\u200B\u202E \u001b[0m' },
    });
    expect(invisible.status).toBe(400);
    expect(invisible.body.error.message).toBe('Some information in this request is missing or not valid (displayName).');
    expect(await snapshot(db().sql)).toEqual(before);
  });

  it('lets a device set its public key once, and repeat it', async () => {
    const relay = testRelay(db());
    const registered = await relay.call('POST', '/devices', { json: { displayName: 'Keyless' } });
    const { deviceId, token } = registerDeviceResponse.parse(registered.body);
    const firstKey = newPublicKey();
    const set = await relay.call('PATCH', '/devices/me', { token, json: { publicKey: firstKey } });
    expect(set.status).toBe(200);
    expect(set.body).toEqual({ deviceId, displayName: 'Keyless', publicKey: firstKey });
    // The same key again is no change: a client retrying its update must not fail.
    const again = await relay.call('PATCH', '/devices/me', { token, json: { displayName: 'Renamed', publicKey: firstKey } });
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ deviceId, displayName: 'Renamed', publicKey: firstKey });
  });

  it('refuses to replace a public key with 409 conflict, and changes nothing, not even the name', async () => {
    const relay = testRelay(db());
    const ana = await relay.register('Ana');
    const bob = await relay.register('Bob');
    await relay.pair(ana, bob);
    const published: string[][] = [];
    const hub: Hub = Object.create(db().hub);
    hub.publishPairsChanged = async (ids) => void published.push(ids);
    const watched = testRelay({ ...db(), hub });
    const before = await snapshot(db().sql);

    const operatorKey = newPublicKey();
    for (const json of [{ publicKey: operatorKey }, { displayName: 'Mallory', publicKey: operatorKey }]) {
      const res = await watched.call('PATCH', '/devices/me', { token: ana.token, json });
      expect(res.status).toBe(409);
      const { error } = errorResponse.parse(res.body);
      expect(error.code).toBe('conflict');
      expect(error.message).toMatch(/^This device already has a public key.*\.$/);
    }
    expect(await snapshot(db().sql)).toEqual(before);
    expect(published).toEqual([]); // the buddy is not told to refresh: nothing changed
    const { pairs } = (await relay.call('GET', '/pairs', { token: bob.token })).body;
    expect(pairs[0].peer).toMatchObject({ displayName: 'Ana', publicKey: ana.publicKey });
  });

  describe('refuses requests without a valid token with 401', () => {
    const cases: [string, Record<string, string>][] = [
      ['missing', {}],
      ['not bearer', { Authorization: 'Basic dXNlcjpwYXNz' }],
      ['malformed', { Authorization: 'Bearer not-a-token' }],
      ['unknown', { Authorization: `Bearer ${'A'.repeat(43)}` }],
    ];
    it.each(cases)('%s token', async (_name, headers) => {
      const res = await testRelay(db()).call('GET', '/pairs', { headers });
      expect(res.status).toBe(401);
      expect(errorResponse.parse(res.body).error.code).toBe('unauthorized');
    });

    it('revoked token', async () => {
      const relay = testRelay(db());
      const device = await relay.register();
      expect((await relay.call('GET', '/pairs', { token: device.token })).status).toBe(200);
      const revoke = await relay.call('DELETE', '/devices/me', { token: device.token });
      expect(revoke.status).toBe(204);
      const after = await relay.call('GET', '/pairs', { token: device.token });
      expect(after.status).toBe(401);
      expect(after.body.error.code).toBe('unauthorized');
      const rows = await db().sql.query<{ revoked_at: unknown }>('SELECT revoked_at FROM devices WHERE id = $1', [
        device.deviceId,
      ]);
      expect(rows[0]!.revoked_at).not.toBeNull();
    });

    it('checks the token before the body', async () => {
      const res = await testRelay(db()).call('POST', '/invites', { json: { role: 'nope' } });
      expect(res.status).toBe(401);
    });
  });

  describe('answers bad input with 400 bad_request and writes nothing', () => {
    const cases: [string, { json?: unknown; body?: string; headers?: Record<string, string> }][] = [
      ['empty display name', { json: { displayName: '   ' } }],
      ['display name too long', { json: { displayName: 'x'.repeat(81) } }],
      ['public key of the wrong type', { json: { displayName: 'Ana', publicKey: 42 } }],
      ['not JSON', { body: '{"displayName":', headers: { 'Content-Type': 'application/json' } }],
      ['no JSON content type', { body: '{"displayName":"Ana"}' }],
      // PostgreSQL cannot store a NUL (it was a 500), and would store U+FFFD for half a pair.
      ['a NUL in the display name', { json: { displayName: 'A\u0000na' } }],
      ['half a surrogate pair in the display name', { json: { displayName: 'Ana \ud83d' } }],
      ['a NUL in the public key', { json: { displayName: 'Ana', publicKey: 'pk\u0000' } }],
    ];
    it.each(cases)('%s', async (_name, init) => {
      const before = await countRows(db().sql, 'devices');
      const res = await testRelay(db()).call('POST', '/devices', init);
      expect(res.status).toBe(400);
      const { error } = errorResponse.parse(res.body);
      expect(error.code).toBe('bad_request');
      expect(error.message).toMatch(/^[A-Z].*\.$/); // a sentence, not a zod dump
      expect(await countRows(db().sql, 'devices')).toBe(before);
    });

    it('names the field at fault, text fields too', async () => {
      const relay = testRelay(db());
      const device = await relay.register();
      const res = await relay.call('PATCH', '/devices/me', { token: device.token, json: { displayName: 'x\u0000' } });
      expect(res.status).toBe(400);
      expect(res.body.error.message).toBe('Some information in this request is missing or not valid (displayName).');
    });

    it('names the field at fault', async () => {
      const res = await testRelay(db()).call('POST', '/devices', { json: { displayName: '' } });
      expect(res.body.error.message).toContain('displayName');
    });
  });

  it('refuses a body over the size limit with 413 too_large', async () => {
    const relay = testRelay(db());
    const before = await countRows(db().sql, 'devices');
    const res = await relay.call('POST', '/devices', { json: { displayName: 'Ana', publicKey: 'x'.repeat(1.6 * 1024 * 1024) } });
    expect(res.status).toBe(413);
    expect(errorResponse.parse(res.body).error.code).toBe('too_large');
    expect(await countRows(db().sql, 'devices')).toBe(before);
  });

  it('answers unknown addresses with a 404 JSON error', async () => {
    const res = await testRelay(db()).call('GET', '/nothing-here');
    expect(res.status).toBe(404);
    expect(errorResponse.parse(res.body).error.code).toBe('not_found');
  });

  it('answers 426 to a WebSocket upgrade that did not come through the server’s upgrade path', async () => {
    const res = await testRelay(db()).call('GET', '/stream', { headers: { Upgrade: 'websocket' } });
    expect(res.status).toBe(426); // was a 500: node-ws needs the Node request to upgrade
    expect(errorResponse.parse(res.body).error.code).toBe('bad_request');
  });

  it('reports health and the database in use', async () => {
    const res = await testRelay(db()).call('GET', '/health');
    expect(res.status).toBe(200);
    expect(healthResponse.parse(res.body)).toEqual({ ok: true, database: backend.name, version: expect.any(String) });
  });

  it('hides internal errors behind a plain sentence, and logs them server-side', async () => {
    const store: RelayStore = Object.create(db().store);
    store.listPairs = async () => {
      throw new Error('secret detail at relay-store.ts:42');
    };
    const relay = testRelay({ ...db(), store });
    const device = await relay.register();
    const res = await relay.call('GET', '/pairs', { token: device.token });
    expect(res.status).toBe(500);
    expect(res.body).toEqual({
      error: { code: 'internal', message: 'The relay hit an unexpected error. Try again in a moment.' },
    });
    expect(relay.logLines.join('\n')).toContain('secret detail');
  });

  it('logs one JSON line per request: time, level, request id (sent back), method, route pattern, status, duration', async () => {
    const relay = testRelay(db());
    const device = await relay.register();
    const res = await relay.call('GET', '/pairs?secret=1', { token: device.token });
    const line = JSON.parse(relay.logLines.at(-1)!);
    expect(line).toEqual({
      level: 'info',
      time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      reqId: res.headers.get('X-Request-Id'),
      method: 'GET',
      route: '/pairs',
      status: 200,
      durationMs: expect.any(Number),
      msg: 'request',
    });
    expect(line.reqId).toMatch(/^[0-9a-f-]{36}$/);
    expect(relay.logLines.join('\n')).not.toContain(device.token);
    expect(relay.logLines.join('\n')).not.toContain('secret=1');
  });

  it('logs the route pattern, not the ids in the path', async () => {
    const relay = testRelay(db());
    const [ana, bob] = [await relay.register(), await relay.register()];
    const { pairId } = await relay.pair(ana, bob);
    const res = await relay.call('GET', `/pairs/${pairId}/messages?after=0`, { token: bob.token });
    expect(res.status).toBe(200);
    const line = JSON.parse(relay.logLines.at(-1)!);
    expect(line.route).toBe('/pairs/:pairId/messages');
    expect(relay.logLines.join('\n')).not.toContain(pairId);
  });

  it('never logs tokens, invite codes, payloads, names or addresses, on any path, refusals included', async () => {
    const clock = fakeClock();
    const relay = testRelay(db(), {
      now: clock.now,
      clientAddress: () => '203.0.113.9',
      rateLimits: {
        ...NO_RATE_LIMITS,
        failedAcceptsPerDevice: { max: 1, windowMs: 60_000 },
        registerPerAddress: { max: 3, windowMs: 60_000 },
        openInvitesPerDevice: 1,
      },
    });
    const ana = await relay.register('Ana Secretname');
    const bob = await relay.register('Bob Secretname');
    const cleo = await relay.register('Cleo Secretname');
    const danKey = newPublicKey();
    const refusedRegistration = await relay.call('POST', '/devices', {
      json: { displayName: 'Dan Secretname', publicKey: danKey },
    });
    expect(refusedRegistration.status).toBe(429);
    const invitation = await relay.invite(ana);
    const { code } = invitation;
    expect((await relay.call('POST', '/invites', { token: ana.token, json: inviteBody('helper') })).status).toBe(429);
    const guess = (attempt: string) => relay.accept(bob, attempt);
    expect((await guess('ABCDEFGHJ')).status).toBe(404);
    expect((await guess('HGFEDCBAZ')).status).toBe(429);
    clock.time += 60_000;
    const accepted = await guess(code);
    expect(accepted.status).toBe(201);
    expect((await relay.confirm(invitation, accepted.body.pair.pairId)).status).toBe(204);
    const pairId = accepted.body.pair.pairId;
    expect((await relay.post(ana, pairId, { payload: 'PAYLOAD-MARKER-1' })).status).toBe(201);
    expect((await relay.post(ana, pairId, { payload: 'PAYLOAD-MARKER-2\u0000' })).status).toBe(400);
    expect((await relay.call('GET', `/pairs/${pairId}/messages?after=0`, { token: bob.token })).status).toBe(200);
    expect((await relay.call('GET', `/pairs/${pairId}/messages`, { token: cleo.token })).status).toBe(404);
    const rotatedKey = newPublicKey();
    expect((await relay.call('PATCH', '/devices/me', { token: ana.token, json: { publicKey: rotatedKey } })).status).toBe(409);
    expect((await relay.call('DELETE', '/devices/me', { token: cleo.token })).status).toBe(204);
    expect((await relay.call('GET', '/pairs', { token: cleo.token })).status).toBe(401);
    expect((await relay.call('GET', '/pairs', { headers: { Authorization: `Bearer ${ana.token} extra` } })).status).toBe(401);

    const log = relay.logLines.join('\n');
    const entries = relay.logLines.map((line) => JSON.parse(line));
    const limitsReached = entries.filter((entry) => entry.msg === 'rate limit reached').map((entry) => entry.limit);
    expect(limitsReached).toEqual(
      expect.arrayContaining(['registerPerAddress', 'openInvitesPerDevice', 'failedAcceptsPerDevice']),
    );
    const secrets = [
      ana.token,
      bob.token,
      cleo.token,
      code,
      formatInviteCode(code),
      splitInviteCode(code).nameplate,
      'ABCDEFGH',
      'HGFEDCBA',
      'PAYLOAD-MARKER',
    ];
    for (const secret of [...secrets, 'Secretname', ana.publicKey, rotatedKey, danKey, '203.0.113.9']) {
      expect(log).not.toContain(secret);
    }
    for (const entry of entries) {
      expect(entry).toMatchObject({
        time: expect.any(String),
        level: expect.stringMatching(/^(info|warn)$/),
        reqId: expect.any(String),
      });
      expect(Object.keys(entry).sort()).toEqual(
        entry.msg === 'request'
          ? ['durationMs', 'level', 'method', 'msg', 'reqId', 'route', 'status', 'time']
          : entry.msg === 'a revoked device is still calling the relay'
            ? ['deviceId', 'level', 'msg', 'reqId', 'time']
            : ['level', 'limit', 'msg', 'reqId', 'time'],
      );
    }
  });

  it('never logs a path no route matched, so a client cannot forge lines or flood the log with long ones', async () => {
    const relay = testRelay(db());
    await relay.call('GET', '/x%0A{"level":"info"}');
    await relay.call('GET', `/${'y'.repeat(5000)}`);
    expect(relay.logLines).toHaveLength(2);
    for (const line of relay.logLines) {
      expect(JSON.parse(line)).toMatchObject({ route: null, status: 404 });
      expect(line.length).toBeLessThan(250);
    }
  });

  it('migrates once: a second run applies nothing', async () => {
    expect(await migrate(db().sql)).toEqual([]);
  });
});

describe('CORS', () => {
  // CORS is decided before any handler runs, so this needs no database.
  const fakeDb = { store: {}, hub: {} } as never;
  const preflight = (origin: string) =>
    testRelay(fakeDb).app.request('/pairs/x/messages', {
      method: 'OPTIONS',
      headers: {
        Origin: origin,
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'authorization,content-type',
      },
    });

  it.each(['chrome-extension://abc', 'moz-extension://0a1b-2c3d', 'safari-web-extension://xyz'])(
    'allows the preflight of %s',
    async (origin) => {
      const res = await preflight(origin);
      expect(res.status).toBe(204);
      expect(res.headers.get('Access-Control-Allow-Origin')).toBe(origin);
      expect(res.headers.get('Access-Control-Allow-Headers')).toMatch(/Authorization/);
      expect(res.headers.get('Access-Control-Allow-Headers')).toMatch(/Content-Type/);
      for (const method of ['GET', 'POST', 'PATCH', 'DELETE']) {
        expect(res.headers.get('Access-Control-Allow-Methods')).toContain(method);
      }
    },
  );

  it.each(['https://evil.example', 'http://localhost:3000', 'null'])('gives no CORS grant to %s', async (origin) => {
    const res = await preflight(origin);
    expect(res.headers.get('Access-Control-Allow-Origin')).toBeNull();
  });

  it('grants errors too, so the extension can read why a request failed', async () => {
    const res = await testRelay(fakeDb).app.request('/pairs', { headers: { Origin: 'chrome-extension://abc' } });
    expect(res.status).toBe(401);
    expect(res.headers.get('Access-Control-Allow-Origin')).toBe('chrome-extension://abc');
  });
});
