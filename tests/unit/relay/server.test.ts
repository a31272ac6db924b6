/**
 * Over real HTTP and WebSocket: startRelay serves the same app, and a device's stream is told
 * about messages posted by its buddy. Relays share the file's database (`sql` option), except
 * where the test is about relays with databases of their own.
 */
import http from 'node:http';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { RegisterDeviceResponse } from '@/lib/protocol/protocol';
import { startRelay, type RunningRelay, type StartRelayOptions } from '@/relay/server';
import { backends, dropSchema, newSchemaName, useRelayDatabase } from './harness';
import { newPublicKey, pairingClient } from './pairing-client';
import { openStream } from './ws-client';

const quiet = () => {};

async function api<T = any>(relay: RunningRelay, method: string, path: string, token?: string, json?: unknown) {
  const res = await fetch(`${relay.url}${path}`, {
    method,
    headers: { ...(token ? { Authorization: `Bearer ${token}` } : {}), ...(json ? { 'Content-Type': 'application/json' } : {}) },
    body: json ? JSON.stringify(json) : undefined,
  });
  return { status: res.status, body: (res.status === 204 ? null : await res.json()) as T };
}

async function registerDevice(relay: RunningRelay, displayName: string) {
  const publicKey = await newPublicKey();
  const device = (await api<RegisterDeviceResponse>(relay, 'POST', '/devices', undefined, { displayName, publicKey })).body;
  return { ...device, publicKey };
}

const callOn = (relay: RunningRelay) => (method: string, path: string, token?: string, json?: unknown) =>
  api(relay, method, path, token, json);

async function registerPair(inviterRelay: RunningRelay, accepterRelay = inviterRelay) {
  const ana = await registerDevice(inviterRelay, 'Ana');
  const bob = await registerDevice(accepterRelay, 'Bob');
  const pair = await pairingClient(callOn(inviterRelay)).pair(ana, bob, 'learner', callOn(accepterRelay));
  return { ana, bob, pairId: pair.pairId };
}

const postMessage = (relay: RunningRelay, token: string, pairId: string) =>
  api(relay, 'POST', `/pairs/${pairId}/messages`, token, {
    id: crypto.randomUUID(),
    kind: 'question',
    createdAt: Date.now(),
    payload: 'ciphertext',
  });

describe.each(backends())('relay over HTTP on $name', (backend) => {
  const db = useRelayDatabase(backend);
  const running: RunningRelay[] = [];
  const schemas: string[] = [];

  /** A relay on a free port, serving the file's database unless told otherwise. */
  async function start(options: StartRelayOptions = {}) {
    const relay = await startRelay({ port: 0, log: quiet, sql: db().sql, hubChannel: newSchemaName(), ...options });
    running.push(relay);
    return relay;
  }

  afterEach(async () => {
    await Promise.all(running.splice(0).map((relay) => relay.close()));
    for (const schema of schemas.splice(0)) await dropSchema(backend.databaseUrl!, schema);
  });

  it('opens, migrates and closes a database of its own', async () => {
    const schema = backend.databaseUrl ? newSchemaName() : undefined;
    if (schema) schemas.push(schema);
    const relay = await start({ sql: undefined, databaseUrl: backend.databaseUrl, schema });
    expect(relay.database).toMatch(backend.name === 'pglite' ? /^PGlite in memory$/ : /^PostgreSQL at 127\.0\.0\.1:5432\/\w+/);
    expect((await api(relay, 'POST', '/devices', undefined, { displayName: 'Ana' })).status).toBe(201);
  });

  it('picks a free port and reports health', async () => {
    const relay = await start();
    expect(relay.port).toBeGreaterThan(0);
    expect(relay.url).toBe(`http://127.0.0.1:${relay.port}`);
    expect((await api(relay, 'GET', '/health')).body).toMatchObject({ ok: true, database: backend.name });
  });

  it('pushes a new message to the buddy’s stream', async () => {
    const relay = await start();
    const { ana, bob, pairId } = await registerPair(relay);
    const stream = await openStream(relay.url);
    stream.send({ type: 'hello', token: bob.token });
    await vi.waitFor(() => expect(stream.events).toContainEqual({ type: 'ready', deviceId: bob.deviceId }));

    const { body } = await postMessage(relay, ana.token, pairId);
    await vi.waitFor(() => expect(stream.events).toContainEqual({ type: 'message', pairId, seq: body.seq }));
    await stream.close();
  });

  it('tells the inviter’s stream when the buddy accepts', async () => {
    const relay = await start();
    const ana = await registerDevice(relay, 'Ana');
    const bob = await registerDevice(relay, 'Bob');
    const stream = await openStream(relay.url);
    stream.send({ type: 'hello', token: ana.token });
    await vi.waitFor(() => expect(stream.events[0]?.type).toBe('ready'));
    const pairing = pairingClient(callOn(relay));
    const { code } = await pairing.invite(ana, 'helper');
    expect((await pairing.accept(bob, code)).status).toBe(201);
    await vi.waitFor(() => expect(stream.events).toContainEqual({ type: 'pairs-changed' }));
    await stream.close();
  });

  it.each([
    ['an unknown token', { type: 'hello', token: 'A'.repeat(43) }],
    ['a malformed token', { type: 'hello', token: 'nope' }],
    ['a frame that is not a hello', { type: 'subscribe' }],
    ['a frame that is not JSON', 'hello?'],
  ])('closes with 4401 on %s', async (_name, frame) => {
    const relay = await start();
    const stream = await openStream(relay.url);
    stream.send(frame);
    expect((await stream.closed).code).toBe(4401);
    expect(stream.events).toEqual([]);
  });

  it('refuses an oversized first frame without reading it', async () => {
    const relay = await start();
    const stream = await openStream(relay.url);
    stream.send({ type: 'hello', token: 'x'.repeat(100_000) });
    expect((await stream.closed).code).toBe(1009); // "message too big"
  });

  it('answers a plain HTTP request to /stream with 426', async () => {
    const relay = await start();
    const res = await api(relay, 'GET', '/stream');
    expect(res.status).toBe(426);
    expect(res.body.error.code).toBe('bad_request');
  });

  it('answers 426 to a plain request that only carries an Upgrade header, instead of leaving it hanging', async () => {
    // Without Connection: upgrade, Node serves it as a plain request: node-ws used to answer 200
    // and keep the request in memory forever, waiting for a socket that never comes.
    const relay = await start();
    const res = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = http.request(
        `${relay.url}/stream`,
        { headers: { Upgrade: 'websocket', Connection: 'keep-alive' } },
        (response) => {
          let body = '';
          response.on('data', (chunk) => (body += chunk));
          response.on('end', () => resolve({ status: response.statusCode!, body }));
        },
      );
      req.on('error', reject);
      req.end();
    });
    expect(res.status).toBe(426);
    expect(JSON.parse(res.body).error.code).toBe('bad_request');
  });

  it('closes with 4401 when no hello comes in time', async () => {
    const relay = await start({ helloTimeoutMs: 100 });
    const stream = await openStream(relay.url);
    expect((await stream.closed).code).toBe(4401);
  });

  it('pings to keep the service worker alive', async () => {
    const relay = await start({ pingIntervalMs: 50 });
    const { bob } = await registerPair(relay);
    const stream = await openStream(relay.url);
    stream.send({ type: 'hello', token: bob.token });
    await vi.waitFor(() => expect(stream.events.filter((e) => e.type === 'ping').length).toBeGreaterThanOrEqual(2));
    await stream.close();
  });

  it('hangs up on a device when it is revoked', async () => {
    const relay = await start();
    const { bob } = await registerPair(relay);
    const stream = await openStream(relay.url);
    stream.send({ type: 'hello', token: bob.token });
    await vi.waitFor(() => expect(stream.events[0]?.type).toBe('ready'));
    expect((await api(relay, 'DELETE', '/devices/me', bob.token)).status).toBe(204);
    expect((await stream.closed).code).toBe(4401);
  });

  it('closes open streams when the relay closes', async () => {
    const relay = await start();
    const { bob } = await registerPair(relay);
    const stream = await openStream(relay.url);
    stream.send({ type: 'hello', token: bob.token });
    await vi.waitFor(() => expect(stream.events[0]?.type).toBe('ready'));
    await relay.close();
    expect((await stream.closed).code).toBe(1001);
  });

  it.runIf(backend.name === 'postgres')('reaches a stream connected to another relay sharing the database', async () => {
    const schema = newSchemaName();
    schemas.push(schema);
    const hubChannel = `binome_test_${schema}`;
    const own = { sql: undefined, databaseUrl: backend.databaseUrl, schema, hubChannel };
    const first = await start(own);
    const second = await start(own);
    const { ana, bob, pairId } = await registerPair(first, second);
    const stream = await openStream(first.url);
    stream.send({ type: 'hello', token: bob.token });
    await vi.waitFor(() => expect(stream.events[0]?.type).toBe('ready'));
    const { body } = await postMessage(second, ana.token, pairId);
    await vi.waitFor(() => expect(stream.events).toContainEqual({ type: 'message', pairId, seq: body.seq }));
    await stream.close();
  });
});
