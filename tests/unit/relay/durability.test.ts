/**
 * Nothing lost: faults, restarts and scale-out.
 *
 * - kill -9: a real relay process is killed in the middle of a burst of posts. After a restart
 *   on the same data, every acknowledged post is there with its seq, and retrying every post
 *   (same ids, same bodies) creates no duplicates. PGlite in a data folder, and PostgreSQL in a
 *   schema of its own when DATABASE_URL is set.
 * - The push always travels through the database: NOTIFY out, LISTEN back, even with one PGlite
 *   relay alone. That is what lets several relays share one PostgreSQL.
 * - Scale-out: two relays on different ports sharing one PostgreSQL reach each other's
 *   streams within a second, and what goes through NOTIFY is ids only.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Envelope, PairInfo, RegisterDeviceResponse, StreamEvent } from '@/lib/protocol/protocol';
import { startRelay, type RunningRelay } from '@/relay/server';
import { openPostgres } from '@/relay/store/postgres';
import type { Sql, SqlQuery } from '@/relay/store/sql';
import { backends, dropSchema, newSchemaName, useRelayDatabase } from './harness';
import { RelayChild, type Exit, type RelayChildOptions } from './relay-child';
import { newPublicKey, pairingClient } from './pairing-client';
import { openStream } from './ws-client';

const DATABASE_URL = process.env.DATABASE_URL || undefined;
const quiet = () => {};
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

// ---- A small HTTP client for relays given by URL ----

interface Device extends RegisterDeviceResponse {
  displayName: string;
  publicKey: string;
}

async function api<T = any>(baseUrl: string, method: string, path: string, token?: string, json?: unknown) {
  const res = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { ...(token ? { Authorization: `Bearer ${token}` } : {}), ...(json ? { 'Content-Type': 'application/json' } : {}) },
    body: json ? JSON.stringify(json) : undefined,
  });
  // A body cut short by a dying relay throws here: the post was not acknowledged.
  return { status: res.status, body: (res.status === 204 ? null : await res.json()) as T };
}

async function register(baseUrl: string, displayName: string): Promise<Device> {
  const publicKey = await newPublicKey();
  const res = await api<RegisterDeviceResponse>(baseUrl, 'POST', '/devices', undefined, { displayName, publicKey });
  expect(res.status).toBe(201);
  return { ...res.body, displayName, publicKey };
}

/** The inviter invites through one relay, the accepter accepts through another (or the same). */
async function pairUp(inviterUrl: string, accepterUrl = inviterUrl) {
  const ana = await register(inviterUrl, 'Ana');
  const bob = await register(accepterUrl, 'Bob');
  const callOn = (url: string) => (method: string, path: string, token?: string, json?: unknown) =>
    api(url, method, path, token, json);
  const pair = await pairingClient(callOn(inviterUrl)).pair(ana, bob, 'learner', callOn(accepterUrl));
  return { ana, bob, pairId: pair.pairId };
}

interface Post {
  sender: Device;
  id: string;
  payload: string;
  createdAt: number;
}

const newPost = (sender: Device, payload = `ciphertext-${randomBytes(12).toString('base64url')}`): Post => ({
  sender,
  id: randomUUID(),
  payload,
  createdAt: 1_800_000_000_000,
});

const send = (baseUrl: string, pairId: string, post: Post) =>
  api<{ seq: number; duplicate: boolean }>(baseUrl, 'POST', `/pairs/${pairId}/messages`, post.sender.token, {
    id: post.id,
    kind: 'question',
    createdAt: post.createdAt,
    payload: post.payload,
  });

/** What a client does after a network error: send the same post again, a few times. */
async function sendRetrying(baseUrl: string, pairId: string, post: Post, attempts = 5) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await send(baseUrl, pairId, post);
    } catch (error) {
      if (attempt >= attempts) throw error;
      await sleep(100);
    }
  }
}

/** Every message of the pair, page by page. */
async function pullAll(baseUrl: string, token: string, pairId: string): Promise<Envelope[]> {
  const messages: Envelope[] = [];
  for (let after = 0; ; ) {
    const res = await api<{ messages: Envelope[]; lastSeq: number }>(
      baseUrl,
      'GET',
      `/pairs/${pairId}/messages?after=${after}&limit=500`,
      token,
    );
    expect(res.status).toBe(200);
    messages.push(...res.body.messages);
    const last = res.body.messages.at(-1)?.seq;
    if (last === undefined || last >= res.body.lastSeq) return messages;
    after = last;
  }
}

/** Runs `work` over the items with at most `concurrency` in flight; stops taking new ones once `stop()`. */
async function inPool<T>(items: T[], concurrency: number, work: (item: T) => Promise<void>, stop = () => false) {
  let next = 0;
  const worker = async () => {
    while (next < items.length && !stop()) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}

// ---- kill -9 in the middle of a burst ----

const BURST = 300;
const IN_FLIGHT = 8;
const KILL_AFTER_ACKS = 100;

interface ProcessVariant {
  name: string;
  setUp(): { options: RelayChildOptions; tearDown(): Promise<void> };
}

const processVariants: ProcessVariant[] = [
  {
    name: 'PGlite in a data folder',
    setUp() {
      const dataDir = mkdtempSync(join(tmpdir(), 'binome-durability-'));
      return { options: { dataDir }, tearDown: async () => rmSync(dataDir, { recursive: true, force: true }) };
    },
  },
  {
    name: 'PGlite in a data folder, in a thread of its own',
    setUp() {
      const dataDir = mkdtempSync(join(tmpdir(), 'binome-durability-'));
      return {
        options: { dataDir, env: { PGLITE_THREAD: 'on' } },
        tearDown: async () => rmSync(dataDir, { recursive: true, force: true }),
      };
    },
  },
  ...(DATABASE_URL
    ? [
        {
          name: 'PostgreSQL',
          setUp() {
            const schema = newSchemaName();
            return { options: { databaseUrl: DATABASE_URL, schema }, tearDown: () => dropSchema(DATABASE_URL, schema) };
          },
        },
      ]
    : []),
];

describe.each(processVariants)('kill -9 in the middle of a burst of posts, on $name', (variant) => {
  let relay: RelayChild | undefined;
  let tearDown: (() => Promise<void>) | undefined;

  afterAll(async () => {
    await relay?.stop();
    await tearDown?.();
  });

  it('keeps every acknowledged post, and a client retrying all of them creates no duplicates', async () => {
    const setUp = variant.setUp();
    tearDown = setUp.tearDown;
    relay = await RelayChild.start(setUp.options);
    const { ana, bob, pairId } = await pairUp(relay.url);
    // Both members post into the same pair, as a conversation does.
    const posts = range(1, BURST).map((i) => newPost(i % 2 ? ana : bob));

    // The burst: the relay is killed from the response handler of the 100th acknowledgement,
    // while up to 7 other posts are on the wire or in a transaction.
    const acked = new Map<string, number>();
    const refused: string[] = [];
    let killed: Promise<Exit> | undefined;
    await inPool(
      posts,
      IN_FLIGHT,
      async (post) => {
        try {
          const res = await send(relay!.url, pairId, post);
          if (res.status === 201) acked.set(post.id, res.body.seq);
          else refused.push(`${res.status} ${JSON.stringify(res.body)}`);
        } catch {
          // Connection refused or cut by the kill: not acknowledged, the client will retry.
        }
        if (!killed && acked.size >= KILL_AFTER_ACKS) killed = relay!.kill('SIGKILL');
      },
      () => killed !== undefined,
    );
    expect((await killed)?.signal).toBe('SIGKILL');
    expect(refused).toEqual([]);
    expect(acked.size).toBeGreaterThanOrEqual(KILL_AFTER_ACKS);
    expect(acked.size).toBeLessThan(BURST);

    // Restart on the same port and data: every acknowledged post is there, with its seq.
    await relay.restart();
    const byId = new Map(posts.map((post) => [post.id, post]));
    const afterRestart = await pullAll(relay.url, bob.token, pairId);
    expect(afterRestart.map((m) => m.seq)).toEqual(range(1, afterRestart.length));
    expect(new Set(afterRestart.map((m) => m.id)).size).toBe(afterRestart.length);
    for (const message of afterRestart) {
      const post = byId.get(message.id);
      expect(post, `message ${message.seq} is one of the burst`).toBeDefined();
      expect(message).toMatchObject({ payload: post!.payload, senderDeviceId: post!.sender.deviceId, pairId });
    }
    const seqAfterRestart = new Map(afterRestart.map((m) => [m.id, m.seq]));
    for (const [id, seq] of acked) expect(seqAfterRestart.get(id), `acknowledged post ${seq}`).toBe(seq);

    // The client retries everything: what the relay had answers duplicate with its seq, the
    // rest is appended after it. Same concurrency as the burst.
    const retried = new Map<string, { status: number; seq: number; duplicate: boolean }>();
    await inPool(posts, IN_FLIGHT, async (post) => {
      const res = await sendRetrying(relay!.url, pairId, post);
      retried.set(post.id, { status: res.status, ...res.body });
    });
    let created = 0;
    for (const post of posts) {
      const answer = retried.get(post.id)!;
      const before = seqAfterRestart.get(post.id);
      if (before !== undefined) {
        expect(answer).toEqual({ status: 200, seq: before, duplicate: true });
      } else {
        expect(answer).toMatchObject({ status: 201, duplicate: false });
        expect(answer.seq).toBeGreaterThan(afterRestart.length);
        created++;
      }
    }

    const final = await pullAll(relay.url, bob.token, pairId);
    expect(final.map((m) => m.seq)).toEqual(range(1, BURST));
    expect(new Set(final.map((m) => m.id))).toEqual(new Set(posts.map((p) => p.id)));
    for (const message of final) {
      expect(message.payload).toBe(byId.get(message.id)!.payload);
      expect(message.seq).toBe(retried.get(message.id)!.seq);
    }
    const { body } = await api<{ pairs: PairInfo[] }>(relay.url, 'GET', '/pairs', ana.token);
    expect(body.pairs.find((p) => p.pairId === pairId)?.lastSeq).toBe(BURST);

    console.log(
      `[kill -9, ${variant.name}] ${BURST} posts, ${IN_FLIGHT} in flight: ${acked.size} acknowledged before the kill, ` +
        `${afterRestart.length} present after restart (${afterRestart.length - acked.size} committed but unacknowledged); ` +
        `retry of all ${BURST}: ${BURST - created} duplicates, ${created} created; final count ${final.length}`,
    );
  }, 120_000); // typically 5–15 s; PGlite's first start alone can take 20 s on a busy 2-core machine
});

// ---- The push goes through the database ----

type Stream = Awaited<ReturnType<typeof openStream>>;

/** Resolves with the arrival time (performance.now()) of the first event that matches. */
function nextEvent(stream: Stream, match: (event: StreamEvent) => boolean, timeoutMs = 5_000): Promise<number> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      stream.socket.off('message', onMessage);
      reject(new Error(`No matching event within ${timeoutMs} ms; got ${JSON.stringify(stream.events)}`));
    }, timeoutMs);
    const onMessage = (data: Buffer) => {
      if (!match(JSON.parse(data.toString()) as StreamEvent)) return;
      clearTimeout(timer);
      stream.socket.off('message', onMessage);
      resolve(performance.now());
    };
    stream.socket.on('message', onMessage);
  });
}

async function connect(relayUrl: string, device: Device): Promise<Stream> {
  const stream = await openStream(relayUrl);
  const ready = nextEvent(stream, (e) => e.type === 'ready');
  stream.send({ type: 'hello', token: device.token });
  await ready;
  return stream;
}

/** Posts and waits for the buddy's push of that seq; returns the seq and the time from send to push. */
async function postAndTimePush(relayUrl: string, pairId: string, post: Post, buddy: Stream, timeoutMs = 5_000) {
  // The push may arrive before the response that tells us the seq: note every arrival.
  const arrivals = new Map<number, number>();
  const onMessage = (data: Buffer) => {
    const event = JSON.parse(data.toString()) as StreamEvent;
    if (event.type === 'message' && event.pairId === pairId) arrivals.set(event.seq, performance.now());
  };
  buddy.socket.on('message', onMessage);
  try {
    const sentAt = performance.now();
    const res = await send(relayUrl, pairId, post);
    expect(res.status).toBe(201);
    const { seq } = res.body;
    while (!arrivals.has(seq)) {
      if (performance.now() - sentAt > timeoutMs) throw new Error(`No push of seq ${seq} within ${timeoutMs} ms`);
      await sleep(2);
    }
    return { seq, ms: arrivals.get(seq)! - sentAt };
  } finally {
    buddy.socket.off('message', onMessage);
  }
}

/** The database seen by the relay, with NOTIFY and LISTEN traffic recorded and NOTIFY mutable. */
function tapped(sql: Sql, channel: string) {
  const tap = { notified: [] as string[], heard: [] as string[], muted: false };
  /**
   * A batch of posts NOTIFYs inside its own transaction (relay/store/append-batch.ts), the channel
   * followed by the notices among its parameters: recorded here, and sent to a channel nobody
   * listens to when muted.
   */
  const tapQuery = (tx: SqlQuery): SqlQuery => ({
    query(text, params) {
      const at = params?.indexOf(channel) ?? -1;
      if (at < 0 || !text.includes('pg_notify')) return tx.query(text, params);
      tap.notified.push(...(params![at + 1] as string[]));
      return tx.query(text, tap.muted ? params!.with(at, `${channel}_muted`) : params);
    },
  });
  const wrapped: Sql = {
    kind: sql.kind,
    description: sql.description,
    schema: sql.schema,
    query: (text, params) => sql.query(text, params),
    transaction: (fn) => sql.transaction((tx) => fn(tapQuery(tx))),
    listen: (channel, onPayload) =>
      sql.listen(channel, (payload) => {
        tap.heard.push(payload);
        onPayload(payload);
      }),
    async notify(channel, payload) {
      tap.notified.push(payload);
      if (!tap.muted) await sql.notify(channel, payload);
    },
    close: () => sql.close(),
  };
  return { sql: wrapped, tap };
}

describe.each(backends())('the push goes through NOTIFY and LISTEN, one relay on $name', (backend) => {
  const db = useRelayDatabase(backend);
  const running: RunningRelay[] = [];
  afterEach(async () => {
    await Promise.all(running.splice(0).map((relay) => relay.close()));
  });

  it('reaches the buddy through its own LISTEN, and not at all without NOTIFY', async () => {
    const hubChannel = newSchemaName();
    const { sql, tap } = tapped(db().sql, hubChannel);
    const relay = await startRelay({ port: 0, log: quiet, sql, hubChannel });
    running.push(relay);
    const { ana, bob, pairId } = await pairUp(relay.url);
    const stream = await connect(relay.url, bob);

    const first = await postAndTimePush(relay.url, pairId, newPost(ana), stream);
    expect(first.seq).toBe(1);
    expect(first.ms).toBeLessThan(1_000);
    const notice = JSON.stringify({ t: 'm', pairId, seq: 1 });
    expect(tap.notified).toContain(notice);
    expect(tap.heard).toContain(notice); // came back from the database, not from a shortcut

    // Without NOTIFY the post still succeeds (clients pull anyway) but nothing is pushed.
    tap.muted = true;
    const silent = await send(relay.url, pairId, newPost(ana));
    expect(silent).toMatchObject({ status: 201, body: { seq: 2 } });
    await sleep(300);
    expect(stream.events.filter((e) => e.type === 'message').map((e) => (e as { seq: number }).seq)).toEqual([1]);
    expect(tap.heard).not.toContain(JSON.stringify({ t: 'm', pairId, seq: 2 }));

    tap.muted = false;
    expect((await postAndTimePush(relay.url, pairId, newPost(ana), stream)).seq).toBe(3);
    await stream.close();
  });
});

// ---- Scale-out: two relays, one PostgreSQL ----

describe.runIf(DATABASE_URL)('two relays sharing one PostgreSQL', () => {
  const schema = newSchemaName();
  const hubChannel = `binome_test_${schema}`;
  let first: RunningRelay;
  let second: RunningRelay;
  let spy: Sql;
  const wire: string[] = [];

  beforeAll(async () => {
    // Each relay opens its own pool and its own LISTEN connection, as separate hosts would.
    const shared = { port: 0, log: quiet, databaseUrl: DATABASE_URL, schema, hubChannel };
    first = await startRelay(shared);
    second = await startRelay(shared);
    // A third session LISTENing on the channel sees exactly what any database user could.
    spy = await openPostgres({ connectionString: DATABASE_URL! });
    await spy.listen(hubChannel, (payload) => wire.push(payload));
  });

  afterAll(async () => {
    await first?.close();
    await second?.close();
    await spy?.close();
    await dropSchema(DATABASE_URL!, schema);
  });

  it('pushes to a device on one relay, within a second, a message posted through the other', async () => {
    expect(first.port).not.toBe(second.port);
    const { ana, bob, pairId } = await pairUp(first.url, second.url);
    // Bob's stream is on the first relay, Ana's on the second.
    const bobStream = await connect(first.url, bob);
    const anaStream = await connect(second.url, ana);

    const toBob = await postAndTimePush(second.url, pairId, newPost(ana), bobStream);
    const toAna = await postAndTimePush(first.url, pairId, newPost(bob), anaStream);
    expect([toBob.seq, toAna.seq]).toEqual([1, 2]);
    expect(toBob.ms).toBeLessThan(1_000);
    expect(toAna.ms).toBeLessThan(1_000);

    // Each stream hears of each message once, although two relays LISTEN on the channel.
    await sleep(200);
    for (const stream of [bobStream, anaStream]) {
      expect(stream.events.filter((e) => e.type === 'message')).toEqual([
        { type: 'message', pairId, seq: 1 },
        { type: 'message', pairId, seq: 2 },
      ]);
    }
    // No stickiness: either relay serves either device.
    expect((await pullAll(second.url, bob.token, pairId)).map((m) => m.seq)).toEqual([1, 2]);
    await bobStream.close();
    await anaStream.close();
  });

  it('carries ids only through NOTIFY', async () => {
    wire.length = 0;
    const { ana, bob, pairId } = await pairUp(second.url, first.url);
    const stream = await connect(first.url, bob);
    const secret = `SECRET-${randomBytes(16).toString('hex')}`;
    const post = newPost(ana, secret);
    const { seq } = await postAndTimePush(second.url, pairId, post, stream);
    await stream.close();
    await sleep(100);

    const notices = wire.map((payload) => JSON.parse(payload) as Record<string, unknown>);
    // The pairing (both devices' lists changed) and the message.
    expect(notices).toContainEqual({ t: 'p', deviceIds: expect.arrayContaining([ana.deviceId, bob.deviceId]) });
    expect(notices).toContainEqual({ t: 'm', pairId, seq });
    for (const notice of notices) {
      expect(['m', 'p', 'r']).toContain(notice.t);
      if (notice.t === 'm') expect(Object.keys(notice).sort()).toEqual(['pairId', 'seq', 't']);
      else expect(Object.keys(notice).sort()).toEqual(['deviceIds', 't']);
    }
    for (const payload of wire) {
      expect(payload.length).toBeLessThan(200);
      for (const leak of [secret, post.id, ana.token, bob.token, 'question', 'Ana', 'Bob']) expect(payload).not.toContain(leak);
    }
  });
});
