/**
 * Revocation by an operator: POST /admin/devices/:deviceId/revoke (behind ADMIN_SECRET) and the
 * CLI that calls it. The device's token stops, its live streams close on every relay sharing
 * the database, and its buddies are told and can no longer post to it.
 */
import { execFile } from 'node:child_process';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { errorResponse, listPairsResponse, pullResponse, type RegisterDeviceResponse } from '@/lib/protocol/protocol';
import { deletePairResponse, listDevicesResponse, listPairsAdminResponse, revokeDeviceResponse } from '@/relay/admin-api';
import { createApp } from '@/relay/app';
import { NO_RATE_LIMITS } from '@/relay/rate-limit';
import { revokeDevice } from '@/relay/revocation';
import type { RelayStore } from '@/relay/store/relay-store';
import { startRelay, type RunningRelay, type StartRelayOptions } from '@/relay/server';
import { backends, dropSchema, fakeClock, newPublicKey, newSchemaName, snapshot, testRelay, useRelayDatabase } from './harness';
import { pairingClient } from './pairing-client';
import { RelayChild } from './relay-child';
import { openStream } from './ws-client';

const ADMIN_SECRET = 'test-admin-secret-0123456789abcdef';
const WRONG_SECRET_MESSAGE = 'The admin secret is missing or wrong. Use the ADMIN_SECRET the relay was started with.';

async function api<T = any>(url: string, method: string, path: string, token?: string, json?: unknown) {
  const res = await fetch(`${url}${path}`, {
    method,
    headers: { ...(token ? { Authorization: `Bearer ${token}` } : {}), ...(json ? { 'Content-Type': 'application/json' } : {}) },
    body: json ? JSON.stringify(json) : undefined,
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
}

async function registerPair(inviterUrl: string, accepterUrl = inviterUrl) {
  const register = async (url: string, displayName: string) => {
    const publicKey = newPublicKey();
    return {
      ...(await api<RegisterDeviceResponse>(url, 'POST', '/devices', undefined, { displayName, publicKey })).body,
      publicKey,
    };
  };
  const ana = await register(inviterUrl, 'Ana');
  const bob = await register(accepterUrl, 'Bob');
  const callOn = (url: string) => (method: string, path: string, token?: string, json?: unknown) =>
    api(url, method, path, token, json);
  const pair = await pairingClient(callOn(inviterUrl)).pair(ana, bob, 'learner', callOn(accepterUrl));
  return { ana, bob, pairId: pair.pairId };
}

const postTo = (url: string, token: string, pairId: string) =>
  api(url, 'POST', `/pairs/${pairId}/messages`, token, {
    id: crypto.randomUUID(),
    kind: 'question',
    createdAt: Date.now(),
    payload: 'sealed',
  });

async function readyStream(url: string, token: string, deviceId: string) {
  const stream = await openStream(url);
  stream.send({ type: 'hello', token });
  await vi.waitFor(() => expect(stream.events).toContainEqual({ type: 'ready', deviceId }));
  return stream;
}

describe.each(backends())('revocation by an operator on $name', (backend) => {
  const db = useRelayDatabase(backend);
  const running: RunningRelay[] = [];
  const schemas: string[] = [];
  afterEach(async () => {
    await Promise.all(running.splice(0).map((relay) => relay.close()));
    for (const schema of schemas.splice(0)) await dropSchema(backend.databaseUrl!, schema);
  });

  /**
   * Two relays sharing one database and NOTIFY channel, as behind a load balancer. On PostgreSQL
   * each has connections of its own; PGlite is one process's database, so they share it.
   */
  async function twoRelays(options: StartRelayOptions = {}) {
    const shared: StartRelayOptions =
      backend.name === 'postgres'
        ? { sql: undefined, databaseUrl: backend.databaseUrl, schema: newSchemaName() }
        : { sql: db().sql };
    if (shared.schema) schemas.push(shared.schema);
    const start = async () => {
      const relay = await startRelay({
        port: 0,
        log: () => {},
        hubChannel: `binome_${shared.schema ?? 'pglite'}_revoke`,
        adminSecret: ADMIN_SECRET,
        ...shared,
        ...options,
      });
      running.push(relay);
      return relay;
    };
    return [await start(), await start()] as const;
  }
  const revoke = (url: string, deviceId: string, secret = ADMIN_SECRET) =>
    api(url, 'POST', `/admin/devices/${deviceId}/revoke`, secret);

  it('closes the device’s live streams on every relay sharing the database, and stops its token', async () => {
    const [first, second] = await twoRelays();
    const { ana, bob } = await registerPair(first.url);
    const onFirst = await readyStream(first.url, bob.token, bob.deviceId);
    const onSecond = await readyStream(second.url, bob.token, bob.deviceId);
    const bystander = await readyStream(second.url, ana.token, ana.deviceId);

    const res = await revoke(first.url, bob.deviceId);
    expect(res.status).toBe(200);
    expect(revokeDeviceResponse.parse(res.body)).toMatchObject({
      deviceId: bob.deviceId,
      displayName: 'Bob',
      alreadyRevoked: false,
      buddiesTold: 1,
    });

    expect(await onFirst.closed).toEqual({ code: 4401, reason: 'revoked' });
    expect(await onSecond.closed).toEqual({ code: 4401, reason: 'revoked' });
    for (const relay of [first, second]) {
      expect((await api(relay.url, 'GET', '/pairs', bob.token)).status).toBe(401);
      const stream = await openStream(relay.url);
      stream.send({ type: 'hello', token: bob.token });
      expect((await stream.closed).code).toBe(4401);
    }
    // The buddy's own stream stays open, and is told that its pairs changed.
    await vi.waitFor(() => expect(bystander.events).toContainEqual({ type: 'pairs-changed' }));
    expect(bystander.socket.readyState).toBe(bystander.socket.OPEN);
    await bystander.close();
  });

  it('closes a stream whose device is revoked while its hello is being checked', async () => {
    const { store, hub } = db();
    const bob = await testRelay(db()).register('Bob');
    // The revocation commits, and its notice is delivered, between the stream's token lookup
    // and its subscription: the notice reaches nobody, so the stream must look again.
    const racing: RelayStore = Object.create(store);
    racing.findActiveDeviceByTokenHash = async (hash) => {
      const device = await store.findActiveDeviceByTokenHash(hash);
      racing.findActiveDeviceByTokenHash = (next) => store.findActiveDeviceByTokenHash(next);
      if (device) {
        const delivered = new Promise<void>((resolve) => {
          const off = hub.subscribe(device.id, (event) => {
            if (event.type !== 'revoked') return;
            off();
            resolve();
          });
        });
        await revokeDevice({ store, hub, now: Date.now }, device.id);
        await delivered;
      }
      return device;
    };
    const { app, injectWebSocket, wss } = createApp({ store: racing, hub, log: () => {} });
    const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }) as Server;
    injectWebSocket(server);
    await new Promise((resolve) => server.once('listening', resolve));
    try {
      const stream = await openStream(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
      stream.send({ type: 'hello', token: bob.token });
      // Whichever comes first: the close, or (if the relay were wrong) `ready`.
      const spoke = new Promise<unknown>((resolve) => {
        const timer = setInterval(() => stream.events.length > 0 && resolve(stream.events[0]), 10);
        void stream.closed.then(() => clearInterval(timer));
      });
      expect(await Promise.race([stream.closed, spoke])).toEqual({ code: 4401, reason: 'revoked' });
      expect(stream.events).toEqual([]);
    } finally {
      for (const ws of wss.clients) ws.terminate();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('shows the buddy the revocation and refuses its posts with 410 peer_revoked, while pulls still work', async () => {
    const [relay] = await twoRelays();
    const { ana, bob, pairId } = await registerPair(relay.url);
    expect((await postTo(relay.url, bob.token, pairId)).status).toBe(201);
    const { body } = await revoke(relay.url, bob.deviceId);

    const { pairs } = listPairsResponse.parse((await api(relay.url, 'GET', '/pairs', ana.token)).body);
    expect(pairs[0]!.peer).toMatchObject({ deviceId: bob.deviceId, revokedAt: body.revokedAt });
    const refused = await postTo(relay.url, ana.token, pairId);
    expect(refused.status).toBe(410);
    expect(errorResponse.parse(refused.body).error).toEqual({
      code: 'peer_revoked',
      message: 'Your buddy’s device was removed from Binôme: ask your buddy to pair again.',
    });
    const pulled = await api(relay.url, 'GET', `/pairs/${pairId}/messages?after=0`, ana.token);
    expect(pullResponse.parse(pulled.body).messages).toHaveLength(1);
  });

  it('refuses a wrong secret with 401 and a sentence, changing nothing', async () => {
    const relay = testRelay(db(), { adminSecret: ADMIN_SECRET });
    const bob = await relay.register('Bob');
    const before = await snapshot(db().sql);
    const wrong: Record<string, string>[] = [
      {},
      { Authorization: 'Bearer wrong-secret' },
      { Authorization: `Bearer ${bob.token}` },
    ];
    for (const headers of wrong) {
      const res = await relay.call('POST', `/admin/devices/${bob.deviceId}/revoke`, { headers });
      expect(res.status).toBe(401);
      expect(errorResponse.parse(res.body).error).toEqual({ code: 'unauthorized', message: WRONG_SECRET_MESSAGE });
    }
    expect(await snapshot(db().sql)).toEqual(before);
    expect((await relay.call('GET', '/pairs', { token: bob.token })).status).toBe(200);
  });

  it('limits wrong secrets per client address, counting each before comparing it', async () => {
    const clock = fakeClock();
    const limits = { ...NO_RATE_LIMITS, failedAdminPerAddress: { max: 2, windowMs: 60_000 } };
    const from = (address: string) =>
      testRelay(db(), { adminSecret: ADMIN_SECRET, rateLimits: limits, now: clock.now, clientAddress: () => address });
    const guesser = from('198.51.100.66');
    const device = await guesser.register('Target');
    const attempt = (relay: ReturnType<typeof from>, secret: string) =>
      relay.call('POST', `/admin/devices/${device.deviceId}/revoke`, { token: secret });
    const parallel = await Promise.all(['guess-1', 'guess-2', 'guess-3', 'guess-4'].map((guess) => attempt(guesser, guess)));
    expect(parallel.map((r) => r.status).sort()).toEqual([401, 401, 429, 429]);
    // Locked out, even with the right secret, until the window ends; another address is not.
    expect((await attempt(guesser, ADMIN_SECRET)).status).toBe(429);
    expect((await attempt(from('198.51.100.67'), ADMIN_SECRET)).status).toBe(200);
    clock.time += 60_000;
    expect((await attempt(guesser, ADMIN_SECRET)).status).toBe(200);
  });

  it('answers an unknown device with 404 and a sentence, and a repeated revoke as already done', async () => {
    const relay = testRelay(db(), { adminSecret: ADMIN_SECRET });
    for (const id of [crypto.randomUUID(), 'not-a-device']) {
      const res = await relay.call('POST', `/admin/devices/${id}/revoke`, { token: ADMIN_SECRET });
      expect(res.status).toBe(404);
      expect(errorResponse.parse(res.body).error.message).toBe(
        'No device with this id is registered on this relay. Check the id, then try again.',
      );
    }
    const bob = await relay.register('Bob');
    const first = revokeDeviceResponse.parse(
      (await relay.call('POST', `/admin/devices/${bob.deviceId}/revoke`, { token: ADMIN_SECRET })).body,
    );
    const again = revokeDeviceResponse.parse(
      (await relay.call('POST', `/admin/devices/${bob.deviceId.toUpperCase()}/revoke`, { token: ADMIN_SECRET })).body,
    );
    expect(again).toEqual({ ...first, alreadyRevoked: true });
  });

  it('has no admin routes without ADMIN_SECRET, and refuses to start with a guessable one', async () => {
    const relay = testRelay(db());
    const bob = await relay.register('Bob');
    const res = await relay.call('POST', `/admin/devices/${bob.deviceId}/revoke`, { token: ADMIN_SECRET });
    expect(res.status).toBe(404);
    expect(errorResponse.parse(res.body).error.message).toBe(
      'This relay has no admin commands: start it with ADMIN_SECRET set in its environment.',
    );
    expect((await relay.call('GET', '/pairs', { token: bob.token })).status).toBe(200);
    expect(() => createApp({ ...db(), log: () => {}, adminSecret: 'short' })).toThrow(
      /ADMIN_SECRET must be at least 24 characters/,
    );
    expect(() => createApp({ ...db(), log: () => {}, adminSecret: 'a secret with spaces in it, long' })).toThrow(
      /without spaces/,
    );
  });
});

// ---- The CLI, end to end: a real relay process, the command as an operator runs it ----

const REPO_ROOT = fileURLToPath(new URL('../../..', import.meta.url));

function runCli(args: string[], env: Record<string, string>) {
  return new Promise<{ status: number; stdout: string; stderr: string }>((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'relay/admin.ts', ...args],
      { cwd: REPO_ROOT, env: { PATH: process.env.PATH ?? '', ...env }, timeout: 30_000 },
      (error, stdout, stderr) =>
        resolve({ status: error ? Number(error.code ?? 1) : 0, stdout: stdout.trim(), stderr: stderr.trim() }),
    );
  });
}

describe('npm run relay:admin, against a relay process', () => {
  let relay: RelayChild;
  let dataDir: string;
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'binome-admin-'));
    relay = await RelayChild.start({ dataDir, env: { ADMIN_SECRET } });
  });
  afterAll(async () => {
    await relay?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });
  const env = (extra: Record<string, string> = {}) => ({ RELAY_URL: relay.url, ADMIN_SECRET, ...extra });

  it('revokes a device: one sentence, exit 0, its stream closed and its buddy told', async () => {
    const { ana, bob, pairId } = await registerPair(relay.url);
    const stream = await readyStream(relay.url, bob.token, bob.deviceId);
    const run = await runCli(['revoke', bob.deviceId], env());
    expect(run).toMatchObject({ status: 0, stderr: '' });
    expect(run.stdout).toBe(
      `Device ${bob.deviceId} (“Bob”) is revoked: its token no longer works, its live connections are closing, and 1 buddy was told.`,
    );
    expect((await stream.closed).code).toBe(4401);
    expect((await api(relay.url, 'GET', '/pairs', bob.token)).status).toBe(401);
    expect((await postTo(relay.url, ana.token, pairId)).status).toBe(410);
  });

  it('prints the relay’s answer as JSON with --json', async () => {
    const { bob } = await registerPair(relay.url);
    const run = await runCli(['revoke', bob.deviceId, '--json'], env());
    expect(run.status).toBe(0);
    expect(revokeDeviceResponse.parse(JSON.parse(run.stdout))).toMatchObject({
      deviceId: bob.deviceId,
      alreadyRevoked: false,
      buddiesTold: 1,
    });
    const again = await runCli(['revoke', bob.deviceId, '--json'], env());
    expect(JSON.parse(again.stdout)).toMatchObject({ alreadyRevoked: true });
  });

  it('exits 1 with the relay’s sentence on a wrong secret or an unknown device, revoking nothing', async () => {
    const { bob } = await registerPair(relay.url);
    const wrong = await runCli(['revoke', bob.deviceId], env({ ADMIN_SECRET: 'not-the-secret-at-all-0123456789' }));
    expect(wrong).toMatchObject({ status: 1, stdout: '', stderr: WRONG_SECRET_MESSAGE });
    const unknown = await runCli(['revoke', crypto.randomUUID()], env());
    expect(unknown).toMatchObject({
      status: 1,
      stderr: 'No device with this id is registered on this relay. Check the id, then try again.',
    });
    const asJson = await runCli(['revoke', crypto.randomUUID(), '--json'], env());
    expect(asJson.status).toBe(1);
    expect(JSON.parse(asJson.stdout)).toEqual({ error: { code: 'not_found', message: expect.stringMatching(/^No device/) } });
    expect((await api(relay.url, 'GET', '/pairs', bob.token)).status).toBe(200);
  });

  it('lists devices and pairs, for people and with --json for scripts', async () => {
    const { ana, bob, pairId } = await registerPair(relay.url);
    await postTo(relay.url, ana.token, pairId);
    const devices = await runCli(['devices'], env());
    expect(devices.status).toBe(0);
    expect(devices.stdout).toMatch(/^\d+ devices on this relay\.\n/);
    expect(devices.stdout).toMatch(new RegExp(`^${ana.deviceId}  “Ana”  registered \\S+Z  active  1 pair$`, 'm'));
    const devicesJson = listDevicesResponse.parse(JSON.parse((await runCli(['devices', '--json'], env())).stdout));
    expect(devicesJson.devices).toContainEqual(
      expect.objectContaining({ deviceId: bob.deviceId, displayName: 'Bob', revokedAt: null }),
    );

    const pairs = await runCli(['pairs'], env());
    expect(pairs.stdout).toMatch(new RegExp(`^${pairId}  members .*${ana.deviceId}.*  1 of 1 messages held, 6 bytes$`, 'm'));
    const pairsJson = listPairsAdminResponse.parse(JSON.parse((await runCli(['pairs', '--json'], env())).stdout));
    expect(pairsJson.pairs.find((p) => p.pairId === pairId)).toMatchObject({ storedMessages: 1, lastSeq: 1, leftAt: null });
    expect(pairs.stdout + devices.stdout).not.toContain(ana.token);
  });

  it('deletes a pair and what the relay holds for it; its members no longer see it', async () => {
    const { ana, bob, pairId } = await registerPair(relay.url);
    await postTo(relay.url, ana.token, pairId);
    const run = await runCli(['delete-pair', pairId, '--json'], env());
    expect(run.status).toBe(0);
    expect(deletePairResponse.parse(JSON.parse(run.stdout))).toEqual({ pairId, deletedMessages: 1, membersTold: 2 });
    for (const device of [ana, bob]) {
      expect((await api(relay.url, 'GET', '/pairs', device.token)).body.pairs).toEqual([]);
      expect((await api(relay.url, 'GET', `/pairs/${pairId}/messages`, device.token)).status).toBe(404);
    }
    const again = await runCli(['delete-pair', pairId], env());
    expect(again).toMatchObject({ status: 1, stderr: expect.stringMatching(/^No pair with this id exists on this relay\./) });
  });

  it('refuses every command with a wrong secret: exit 1, the relay’s sentence, nothing changed', async () => {
    const { bob, pairId } = await registerPair(relay.url);
    const before = {
      devices: (await runCli(['devices', '--json'], env())).stdout,
      pairs: (await runCli(['pairs', '--json'], env())).stdout,
    };
    const wrong = env({ ADMIN_SECRET: 'not-the-secret-at-all-0123456789' });
    for (const args of [['devices'], ['pairs'], ['revoke', bob.deviceId], ['delete-pair', pairId], ['programme', 'list']]) {
      expect(await runCli(args, wrong)).toMatchObject({ status: 1, stdout: '', stderr: WRONG_SECRET_MESSAGE });
    }
    const asJson = await runCli(['devices', '--json'], wrong);
    expect(asJson.status).toBe(1);
    expect(JSON.parse(asJson.stdout)).toEqual({ error: { code: 'unauthorized', message: WRONG_SECRET_MESSAGE } });
    expect({
      devices: (await runCli(['devices', '--json'], env())).stdout,
      pairs: (await runCli(['pairs', '--json'], env())).stdout,
    }).toEqual(before);
  });

  it('explains what is wrong without calling the relay: no secret, no command, no device id, no relay', async () => {
    const noSecret = await runCli(['revoke', crypto.randomUUID()], { RELAY_URL: relay.url });
    expect(noSecret.status).toBe(2);
    expect(noSecret.stderr).toMatch(
      /^Set ADMIN_SECRET to the secret the relay was started with\.\nUsage: npm run relay:admin -- <command>/,
    );
    expect((await runCli(['unrevoke', 'x'], env())).stderr).toMatch(
      /^There is no command “unrevoke”\.\nUsage:[\s\S]*\n {2}revoke <deviceId> /,
    );
    expect((await runCli(['revoke'], env())).status).toBe(2);
    const down = await runCli(['revoke', crypto.randomUUID()], env({ RELAY_URL: 'http://127.0.0.1:9' }));
    expect(down).toMatchObject({
      status: 1,
      stderr: 'Could not reach the relay at http://127.0.0.1:9. Check that it is running, or set RELAY_URL to its address.',
    });
  });
});
