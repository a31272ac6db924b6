/**
 * The body read at the edge under a real Node server (relay/middleware/request-body.ts): a JSON
 * body is read from Node's IncomingMessage with the same limit and the same answers as Hono's
 * bodyLimit and json validator give through the web Request, whether its length is announced or
 * it comes chunked.
 */
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '@/relay/app';
import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { Hub } from '@/relay/hub';
import { NO_RATE_LIMITS } from '@/relay/rate-limit';
import { migrate } from '@/relay/store/migrate';
import { openPglite } from '@/relay/store/pglite';
import { RelayStore } from '@/relay/store/relay-store';
import type { Sql } from '@/relay/store/sql';
import { newPublicKey } from './pairing-client';

const MAX_BODY_BYTES = 2_000;

/** Sends `chunks` as the body: with Content-Length when `announced`, else chunked (no length up front). */
function send(url: string, chunks: (string | Buffer)[], { announced = true, contentType = 'application/json' } = {}) {
  const body = Buffer.concat(chunks.map((chunk) => Buffer.from(chunk)));
  return new Promise<{ status: number; body: any }>((resolve, reject) => {
    const req = http.request(`${url}/devices`, {
      method: 'POST',
      headers: { 'Content-Type': contentType, ...(announced ? { 'Content-Length': body.length } : {}) },
    });
    req.on('response', (res) => {
      const parts: Buffer[] = [];
      res.on('data', (part: Buffer) => parts.push(part));
      res.on('end', () => {
        const text = Buffer.concat(parts).toString();
        resolve({ status: res.statusCode ?? 0, body: text ? JSON.parse(text) : null });
      });
    });
    // The relay may answer 413 and close before the whole body is written.
    req.on('error', (error: NodeJS.ErrnoException) =>
      error.code === 'EPIPE' || error.code === 'ECONNRESET' ? undefined : reject(error),
    );
    if (announced) req.end(body);
    else {
      for (const chunk of chunks) req.write(chunk);
      req.end();
    }
  });
}

/** A GET through node:http (fetch itself would make an AbortController here). */
const fetchFree = (url: string) =>
  new Promise<number>((resolve, reject) => {
    http
      .get(url, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      })
      .on('error', reject);
  });

describe('request bodies under a Node server', () => {
  let sql: Sql;
  let server: http.Server;
  let url: string;

  beforeAll(async () => {
    sql = await openPglite();
    await migrate(sql);
    const store = new RelayStore(sql);
    const hub = new Hub(store);
    await hub.start();
    const { app } = createApp({ store, hub, log: () => {}, rateLimits: NO_RATE_LIMITS, maxBodyBytes: MAX_BODY_BYTES });
    server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }) as http.Server;
    await new Promise((resolve) => server.once('listening', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await sql.close();
  });

  const registration = async () => JSON.stringify({ displayName: 'Ana', publicKey: await newPublicKey() });

  it('takes a JSON body whether its length is announced or it comes in chunks', async () => {
    const text = await registration();
    expect((await send(url, [text])).status).toBe(201);
    const chunked = await send(url, [text.slice(0, 10), text.slice(10, 40), text.slice(40)], { announced: false });
    expect(chunked.status).toBe(201);
    expect(chunked.body.deviceId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('builds no web Request for a JSON body or a GET (@hono/node-server makes one, with an AbortController, only when asked)', async () => {
    let made = 0;
    const Original = globalThis.AbortController;
    globalThis.AbortController = class extends Original {
      constructor() {
        super();
        made++;
      }
    };
    try {
      expect((await send(url, [await registration()])).status).toBe(201);
      const res = await fetchFree(`${url}/health`);
      expect(res).toBe(200);
    } finally {
      globalThis.AbortController = Original;
    }
    expect(made).toBe(0);
  });

  it('reads UTF-8 as the web Request does, a leading byte order mark dropped and a character split across chunks kept', async () => {
    const text = JSON.stringify({ displayName: 'Anaïs 🦊', publicKey: await newPublicKey() });
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]);
    const fox = bytes.indexOf(Buffer.from('🦊'));
    const res = await send(url, [bytes.subarray(0, fox + 2), bytes.subarray(fox + 2)], { announced: false });
    expect(res.status).toBe(201);
    const device = await sql.query<{ display_name: string }>('SELECT display_name FROM devices WHERE id = $1', [
      res.body.deviceId,
    ]);
    expect(device[0]?.display_name).toBe('Anaïs 🦊');
  });

  it('refuses a body over the limit with 413, announced or found out while reading the chunks', async () => {
    const big = JSON.stringify({ displayName: 'x'.repeat(MAX_BODY_BYTES), publicKey: await newPublicKey() });
    const announced = await send(url, [big]);
    expect(announced.status).toBe(413);
    expect(announced.body.error.code).toBe('too_large');
    const chunked = await send(url, [big.slice(0, 1_000), big.slice(1_000, 2_000), big.slice(2_000)], { announced: false });
    expect(chunked.status).toBe(413);
    expect(chunked.body.error.code).toBe('too_large');
    // The connection's rest was drained: the relay still answers.
    expect((await send(url, [await registration()])).status).toBe(201);
  });

  it('answers a body that is not JSON with 400 bad_request, and an empty one too', async () => {
    for (const body of ['{"displayName": ', '']) {
      const res = await send(url, [body]);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('bad_request');
    }
  });

  it('leaves a body of another type to the web Request, with the same limit', async () => {
    const res = await send(url, ['x'.repeat(MAX_BODY_BYTES + 1)], { announced: false, contentType: 'text/csv' });
    expect(res.status).toBe(413);
  });
});
