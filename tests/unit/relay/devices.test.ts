import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { errorResponse, healthResponse, registerDeviceResponse } from '@/lib/protocol';
import { migrate } from '@/relay/store/migrate';
import type { RelayStore } from '@/relay/store/relay-store';
import { backends, countRows, testRelay, useRelayDatabase } from './harness';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

describe.each(backends())('devices and auth on $name', (backend) => {
  const db = useRelayDatabase(backend);

  it('registers a device and keeps only the hash of its token', async () => {
    const relay = testRelay(db());
    const res = await relay.call('POST', '/devices', { json: { displayName: ' Ana ', publicKey: 'pk' } });
    expect(res.status).toBe(201);
    const { deviceId, token } = registerDeviceResponse.parse(res.body);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const rows = await db().sql.query<Record<string, unknown>>('SELECT * FROM devices WHERE id = $1', [deviceId]);
    expect(rows[0]).toMatchObject({ token_hash: sha256(token), display_name: 'Ana', public_key: 'pk', revoked_at: null });
    expect(JSON.stringify(rows)).not.toContain(token);
  });

  it('lets a device change its display name and public key', async () => {
    const relay = testRelay(db());
    const device = await relay.register('Before');
    const res = await relay.call('PATCH', '/devices/me', { token: device.token, json: { displayName: 'After' } });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ deviceId: device.deviceId, displayName: 'After', publicKey: device.publicKey });
    const key = await relay.call('PATCH', '/devices/me', { token: device.token, json: { publicKey: 'new-key' } });
    expect(key.body).toEqual({ deviceId: device.deviceId, displayName: 'After', publicKey: 'new-key' });
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
      const rows = await db().sql.query<{ revoked_at: unknown }>('SELECT revoked_at FROM devices WHERE id = $1', [device.deviceId]);
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

  it('logs method, path, status and time, never tokens or query strings', async () => {
    const relay = testRelay(db());
    const device = await relay.register();
    await relay.call('GET', '/pairs?secret=1', { token: device.token });
    const line = relay.logLines.at(-1)!;
    expect(line).toMatch(/^GET \/pairs 200 \d+(\.\d+)?ms$/);
    expect(relay.logLines.join('\n')).not.toContain(device.token);
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
