/**
 * Relay load: posts per second and delivery latency with 200 simulated devices on loopback,
 * on PGlite and (when DATABASE_URL is set) on PostgreSQL, beside a raw-database baseline
 * measured in the same run. DESIGN.md's budget: delivery to an open popup p50 < 200 ms,
 * p95 < 500 ms; posts per second reported next to the raw baseline.
 *
 *   npx tsx bench/relay-load.ts                      PGlite only
 *   DATABASE_URL=postgres://… npx tsx bench/relay-load.ts   PGlite and PostgreSQL
 *
 * Options: --pairs 100 --posts 20 (per device) --concurrency 32 (posts in flight) --paced-rate 50
 * --paced-posts 500 --reps 3 --payload-bytes 512 --db pglite,postgres --out bench/results
 * --relay-node-args="--cpu-prof --cpu-prof-dir=/tmp/prof" (to profile the relay) --quick (a smoke run: 10 pairs, 5 posts per device, 50 paced posts, 1 repetition).
 *
 * How it works, per database:
 * - The relay runs as a child process (`node --import tsx relay/cli.ts`, the deployed way), so
 *   that it has an event loop of its own and the load generator does not share it. Fresh
 *   PGlite data folder / fresh PostgreSQL schema, dropped at the end.
 * - 100 pairs = 200 devices registered and paired over HTTP, one WebSocket stream each.
 * - Each repetition, two loads. Saturated (throughput): every device posts its messages, round
 *   robin across devices, `concurrency` posts in flight (so each device has at most one).
 *   Steady (latency): posts sent at a fixed rate whatever the answers, like users would.
 *   Post latency is send → HTTP response; delivery latency is send → the buddy's WebSocket
 *   push, as seen by this process.
 * - Raw baseline, in this process, on the same kind of database (a PGlite data folder of its
 *   own; the same PostgreSQL in a schema of its own, a pool of the same default size): the
 *   same number of rows into the relay's own `messages` table,
 *     1. one INSERT per statement (autocommit), the floor of "one post = one row";
 *     2. the relay's own append transaction (RelayStore.postMessage: lock the pair, check the
 *        id, bump the seq, insert), i.e. the relay without HTTP, auth, JSON and NOTIFY;
 *     3. batched INSERTs of 100 rows (unnest).
 * Figures are medians over the repetitions, written to bench/results/relay-load.{json,md}.
 * Loopback only; every wait is bounded, and the whole run stops itself after 15 minutes.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import WebSocket from 'ws';
import { WELL_KNOWN_PATH } from '../lib/protocol/well-known.ts';
import { migrate } from '../relay/store/migrate.ts';
import { openPglite } from '../relay/store/pglite.ts';
import { openPostgres } from '../relay/store/postgres.ts';
import { newPublicKey, pairingClient } from '../tests/unit/relay/pairing-client.ts';
import { RelayStore } from '../relay/store/relay-store.ts';
import type { Sql } from '../relay/store/sql.ts';
import { RelayChild } from '../tests/unit/relay/relay-child.ts';

// ---- Options ----

const { values: args } = parseArgs({
  options: {
    pairs: { type: 'string', default: '100' },
    posts: { type: 'string', default: '20' },
    concurrency: { type: 'string', default: '32' },
    'paced-rate': { type: 'string', default: '50' },
    'paced-posts': { type: 'string', default: '500' },
    reps: { type: 'string', default: '3' },
    'payload-bytes': { type: 'string', default: '512' },
    db: { type: 'string' },
    quick: { type: 'boolean', default: false },
    out: { type: 'string', default: 'bench/results' },
    'relay-node-args': { type: 'string', default: '' },
  },
});
const positive = (name: string, value: string | undefined) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a positive integer, got ${value}`);
  return n;
};
const PAIRS = args.quick ? 10 : positive('pairs', args.pairs);
const POSTS_PER_DEVICE = args.quick ? 5 : positive('posts', args.posts);
const CONCURRENCY = positive('concurrency', args.concurrency);
const REPS = args.quick ? 1 : positive('reps', args.reps);
const PACED_RATE = positive('paced-rate', args['paced-rate']);
const PACED_POSTS = args.quick ? 50 : positive('paced-posts', args['paced-posts']);
const PAYLOAD_BYTES = positive('payload-bytes', args['payload-bytes']);
const DATABASE_URL = process.env.DATABASE_URL || undefined;
const DATABASES = (args.db ?? (DATABASE_URL ? 'pglite,postgres' : 'pglite')).split(',') as ('pglite' | 'postgres')[];
if (DATABASES.includes('postgres') && !DATABASE_URL) throw new Error('--db postgres needs DATABASE_URL');
const DEVICES = PAIRS * 2;
const POSTS = DEVICES * POSTS_PER_DEVICE;
const RAW_BATCH = 100;
const DELIVERY_WAIT_MS = 15_000;
const RUN_LIMIT_MS = 15 * 60_000;
/** 200 registrations and 100 accepts from one address would trip the abuse limits, by design. */
const RELAY_ENV = { RATE_LIMITS: 'off' };
/** e.g. --relay-node-args="--cpu-prof --cpu-prof-dir=/tmp/prof" to profile the relay under load. */
const RELAY_NODE_ARGS = args['relay-node-args']!.split(' ').filter(Boolean);

const runLimit = setTimeout(() => {
  console.error(`relay-load: still running after ${RUN_LIMIT_MS / 60_000} minutes, giving up.`);
  process.exit(2); // relay children are killed on exit (relay-child.ts)
}, RUN_LIMIT_MS);
runLimit.unref();

// ---- Small tools ----

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const now = () => performance.now();

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}
const median = (values: number[]) =>
  percentile(
    [...values].sort((a, b) => a - b),
    50,
  );

/** Runs `work` on each item with at most `concurrency` in flight, in the items' order. */
async function inPool<T>(items: T[], concurrency: number, work: (item: T) => Promise<void>) {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
}

const payload = () => randomBytes(PAYLOAD_BYTES).toString('base64');

const CLOCK_TICKS = 100; // USER_HZ on Linux

/** CPU seconds (user + system) a process has used so far, from /proc; undefined elsewhere. */
function cpuSeconds(pid: number | undefined): number | undefined {
  if (!pid) return undefined;
  try {
    // Fields after the command name: state is 3rd, utime 14th, stime 15th.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
  } catch {
    return undefined;
  }
}

// ---- HTTP and WebSocket clients (keep-alive, like a browser) ----

const newAgent = () => new http.Agent({ keepAlive: true, maxSockets: Math.max(64, CONCURRENCY * 2) });
/**
 * Renewed before each load: the relay closes connections idle for 5 s (Node's keepAliveTimeout),
 * and a POST sent on one just as it closes fails with ECONNRESET, which would count as a failed
 * post that says nothing about the relay.
 */
let agent = newAgent();
function freshConnections() {
  agent.destroy();
  agent = newAgent();
}

function request<T = any>(baseUrl: string, method: string, path: string, token?: string, json?: unknown) {
  const body = json === undefined ? undefined : JSON.stringify(json);
  return new Promise<{ status: number; body: T }>((resolve, reject) => {
    const req = http.request(
      `${baseUrl}${path}`,
      {
        method,
        agent,
        headers: {
          ...(token ? { Authorization: `Bearer ${token}` } : {}),
          ...(body ? { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) } : {}),
        },
        timeout: 30_000,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString();
          resolve({ status: res.statusCode ?? 0, body: (text ? JSON.parse(text) : null) as T });
        });
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`${method} ${path} timed out`)));
    req.on('error', reject);
    req.end(body);
  });
}

interface SimDevice {
  index: number;
  deviceId: string;
  token: string;
  publicKey: string;
  pairId: string;
  buddy: number;
  socket?: WebSocket;
}

/** Push arrivals, by `${deviceIndex}:${seq}` (each device is in exactly one pair). */
const arrivals = new Map<string, number>();

async function openStreams(baseUrl: string, devices: SimDevice[]) {
  const wsUrl = `${baseUrl.replace(/^http/, 'ws')}/stream`;
  await inPool(devices, 32, async (device) => {
    const socket = new WebSocket(wsUrl);
    device.socket = socket;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`stream of device ${device.index} not ready in 10 s`)), 10_000);
      socket.on('error', reject);
      socket.on('open', () => socket.send(JSON.stringify({ type: 'hello', token: device.token })));
      socket.on('message', (data) => {
        const at = now();
        const event = JSON.parse(data.toString()) as { type: string; seq?: number };
        if (event.type === 'message') arrivals.set(`${device.index}:${event.seq}`, at);
        else if (event.type === 'ready') {
          clearTimeout(timer);
          resolve();
        }
      });
    });
  });
}

async function setUpDevices(baseUrl: string): Promise<SimDevice[]> {
  const devices: SimDevice[] = Array.from({ length: DEVICES }, (_, index) => ({
    index,
    deviceId: '',
    token: '',
    publicKey: '',
    pairId: '',
    buddy: index ^ 1, // 0↔1, 2↔3, …
  }));
  await inPool(devices, 16, async (device) => {
    const publicKey = newPublicKey();
    const res = await request(baseUrl, 'POST', '/devices', undefined, { displayName: `Device ${device.index}`, publicKey });
    if (res.status !== 201) throw new Error(`register: ${res.status} ${JSON.stringify(res.body)}`);
    Object.assign(device, res.body, { publicKey });
  });
  const inviters = devices.filter((d) => d.index % 2 === 0);
  await inPool(inviters, 16, async (inviter) => {
    const accepter = devices[inviter.buddy]!;
    // The whole SPAKE2 exchange, as two browsers run it: the relay takes messages only once confirmed.
    const pairing = pairingClient((method, path, token, json) => request(baseUrl, method, path, token, json));
    const pair = await pairing.pair(inviter, accepter);
    inviter.pairId = accepter.pairId = pair.pairId;
  });
  return devices;
}

// ---- One relay load run ----

interface LoadFigures {
  posts: number;
  errors: number;
  seconds: number;
  postsPerSecond: number;
  post: { p50: number; p95: number; p99: number };
  delivery: { p50: number; p95: number; p99: number; missing: number };
  relayCpuCores?: number;
  /** This process's CPU meanwhile: the load generator's HTTP and WebSocket clients, on the same cores. */
  clientCpuCores?: number;
  /** The first few failures, for the JSON: HTTP status and error code, or the network error. */
  errorSamples?: string[];
}

type Load = { inFlight: number } | { perSecond: number };

/**
 * `count` posts, round robin over the devices (post j of every device, then post j+1), either
 * closed-loop with a fixed number in flight (throughput) or open-loop at a fixed rate (latency
 * at a steady, moderate load).
 */
async function loadRun(
  baseUrl: string,
  devices: SimDevice[],
  count: number,
  load: Load,
  relayPid?: number,
): Promise<LoadFigures> {
  arrivals.clear();
  freshConnections();
  const jobs = Array.from({ length: count }, (_, i) => ({
    device: devices[i % devices.length]!,
    body: { id: randomUUID(), kind: 'question', createdAt: Date.now(), payload: payload() },
  }));
  const postMs: number[] = [];
  const sent: { buddy: number; seq: number; at: number }[] = [];
  let errors = 0;
  const errorSamples: string[] = [];
  const failed = (why: string) => {
    errors++;
    if (errorSamples.length < 5) errorSamples.push(why);
  };
  const post = async ({ device, body }: (typeof jobs)[number]) => {
    const at = now();
    try {
      const res = await request<any>(baseUrl, 'POST', `/pairs/${device.pairId}/messages`, device.token, body);
      postMs.push(now() - at);
      if (res.status === 201) sent.push({ buddy: device.buddy, seq: res.body.seq, at });
      else failed(`${res.status} ${res.body?.error?.code ?? ''}`);
    } catch (error) {
      failed(error instanceof Error ? `${(error as NodeJS.ErrnoException).code ?? ''} ${error.message}` : String(error));
    }
  };
  const cpuBefore = cpuSeconds(relayPid);
  const clientCpuBefore = cpuSeconds(process.pid);
  const started = now();
  if ('inFlight' in load) {
    await inPool(jobs, load.inFlight, post);
  } else {
    const pending: Promise<void>[] = [];
    for (let i = 0; i < jobs.length; i++) {
      const due = started + (i * 1000) / load.perSecond;
      if (due > now()) await sleep(due - now());
      pending.push(post(jobs[i]!));
    }
    await Promise.all(pending);
  }
  const seconds = (now() - started) / 1000;
  const cpuAfter = cpuSeconds(relayPid);
  const clientCpuAfter = cpuSeconds(process.pid);

  // Every push should already be in, or close: wait for stragglers, bounded.
  const deadline = now() + DELIVERY_WAIT_MS;
  while (sent.some((s) => !arrivals.has(`${s.buddy}:${s.seq}`)) && now() < deadline) await sleep(20);
  const deliveryMs: number[] = [];
  let missing = 0;
  for (const s of sent) {
    const arrived = arrivals.get(`${s.buddy}:${s.seq}`);
    if (arrived === undefined) missing++;
    else deliveryMs.push(arrived - s.at);
  }
  postMs.sort((a, b) => a - b);
  deliveryMs.sort((a, b) => a - b);
  return {
    posts: jobs.length,
    errors,
    seconds,
    postsPerSecond: sent.length / seconds,
    post: { p50: percentile(postMs, 50), p95: percentile(postMs, 95), p99: percentile(postMs, 99) },
    delivery: { p50: percentile(deliveryMs, 50), p95: percentile(deliveryMs, 95), p99: percentile(deliveryMs, 99), missing },
    relayCpuCores: cpuBefore !== undefined && cpuAfter !== undefined ? (cpuAfter - cpuBefore) / seconds : undefined,
    clientCpuCores:
      clientCpuBefore !== undefined && clientCpuAfter !== undefined ? (clientCpuAfter - clientCpuBefore) / seconds : undefined,
    ...(errorSamples.length ? { errorSamples } : {}),
  };
}

// ---- The relay's HTTP ceiling ----

/**
 * GET /.well-known/binome (no auth, no database) with the same number in flight: what this
 * machine's Node HTTP stack, Hono and the request log cost alone, the ceiling any route has.
 * With the relay's and this process's CPU per request, to compare with a post's.
 */
async function httpCeiling(
  baseUrl: string,
  count: number,
  relayPid?: number,
): Promise<{ perSecond: number; relayCpuMs?: number; clientCpuMs?: number }> {
  freshConnections();
  const relayBefore = cpuSeconds(relayPid);
  const clientBefore = cpuSeconds(process.pid);
  const started = now();
  await inPool(
    Array.from({ length: count }, (_, i) => i),
    CONCURRENCY,
    async () => {
      const res = await request(baseUrl, 'GET', WELL_KNOWN_PATH);
      if (res.status !== 200) throw new Error(`well-known: ${res.status}`);
    },
  );
  const seconds = (now() - started) / 1000;
  const perRequestMs = (before: number | undefined, after: number | undefined) =>
    before !== undefined && after !== undefined ? ((after - before) * 1000) / count : undefined;
  return {
    perSecond: count / seconds,
    relayCpuMs: perRequestMs(relayBefore, cpuSeconds(relayPid)),
    clientCpuMs: perRequestMs(clientBefore, cpuSeconds(process.pid)),
  };
}

// ---- Raw baseline ----

interface RawFigures {
  insertPerStatement: number;
  storeAppend: number;
  insertBatched: number;
}

async function prepareRaw(sql: Sql) {
  await migrate(sql);
  const store = new RelayStore(sql);
  const pairs: { pairId: string; devices: [string, string] }[] = [];
  for (let p = 0; p < PAIRS; p++) {
    const a = await store.createDevice({ tokenHash: randomBytes(32).toString('hex'), displayName: `A${p}`, now: Date.now() });
    const b = await store.createDevice({ tokenHash: randomBytes(32).toString('hex'), displayName: `B${p}`, now: Date.now() });
    const pairId = randomUUID();
    await sql.query('INSERT INTO pairs (id, created_at) VALUES ($1, $2)', [pairId, Date.now()]);
    await sql.query("INSERT INTO pair_members (pair_id, device_id, role) VALUES ($1, $2, 'learner'), ($1, $3, 'helper')", [
      pairId,
      a.id,
      b.id,
    ]);
    pairs.push({ pairId, devices: [a.id, b.id] });
  }
  return { store, pairs };
}

async function rawRun(
  sql: Sql,
  store: RelayStore,
  pairs: { pairId: string; devices: [string, string] }[],
  posts: number,
): Promise<RawFigures> {
  const reset = async () => {
    await sql.query('TRUNCATE messages');
    await sql.query('UPDATE pairs SET last_seq = 0');
  };
  // The same rows as the relay's posts: round robin over pairs and senders, per-pair seqs.
  const rows = Array.from({ length: posts }, (_, i) => {
    const pair = pairs[i % pairs.length]!;
    return {
      pairId: pair.pairId,
      seq: Math.floor(i / pairs.length) + 1,
      id: randomUUID(),
      sender: pair.devices[Math.floor(i / pairs.length) % 2]!,
      createdAt: Date.now(),
      payload: payload(),
    };
  });
  const rate = async (run: () => Promise<void>) => {
    await reset();
    const started = now();
    await run();
    return posts / ((now() - started) / 1000);
  };

  const insertPerStatement = await rate(() =>
    inPool(rows, CONCURRENCY, async (r) => {
      await sql.query(
        `INSERT INTO messages (pair_id, seq, id, sender_device_id, kind, created_at, received_at, payload)
         VALUES ($1, $2, $3, $4, 'question', $5, $6, $7)`,
        [r.pairId, r.seq, r.id, r.sender, r.createdAt, Date.now(), r.payload],
      );
    }),
  );
  const storeAppend = await rate(() =>
    inPool(rows, CONCURRENCY, async (r) => {
      const result = await store.postMessage({
        pairId: r.pairId,
        senderDeviceId: r.sender,
        id: r.id,
        kind: 'question',
        createdAt: r.createdAt,
        payload: r.payload,
        receivedAt: Date.now(),
      });
      if (result.status !== 'created') throw new Error(`raw append: ${result.status}`);
    }),
  );
  const batches = Array.from({ length: Math.ceil(posts / RAW_BATCH) }, (_, b) => rows.slice(b * RAW_BATCH, (b + 1) * RAW_BATCH));
  const insertBatched = await rate(() =>
    inPool(batches, CONCURRENCY, async (batch) => {
      await sql.query(
        `INSERT INTO messages (pair_id, seq, id, sender_device_id, kind, created_at, received_at, payload)
         SELECT p, s, i, d, 'question', c, c, x
         FROM unnest($1::uuid[], $2::bigint[], $3::uuid[], $4::uuid[], $5::bigint[], $6::text[]) AS t(p, s, i, d, c, x)`,
        [
          batch.map((r) => r.pairId),
          batch.map((r) => r.seq),
          batch.map((r) => r.id),
          batch.map((r) => r.sender),
          batch.map((r) => r.createdAt),
          batch.map((r) => r.payload),
        ],
      );
    }),
  );
  return { insertPerStatement, storeAppend, insertBatched };
}

// ---- One database: relay and raw, interleaved repetitions ----

interface Rep {
  /** GET/s of a route without auth or database, CONCURRENCY in flight. */
  httpCeiling: number;
  /** CPU milliseconds per such GET, in the relay and in this process. */
  httpRelayCpuMs?: number;
  httpClientCpuMs?: number;
  saturated: LoadFigures;
  paced: LoadFigures;
  raw: RawFigures;
}

interface DatabaseResult {
  database: 'pglite' | 'postgres';
  description: string;
  reps: Rep[];
  median: Rep;
}

/** The median of each figure across repetitions (each figure on its own). */
function medianRep(reps: Rep[]): Rep {
  const m = (pick: (r: Rep) => number | undefined) => {
    const values = reps.map(pick).filter((v): v is number => v !== undefined && !Number.isNaN(v));
    return values.length ? median(values) : NaN;
  };
  const load = (which: (r: Rep) => LoadFigures): LoadFigures => ({
    posts: m((r) => which(r).posts),
    errors: m((r) => which(r).errors),
    seconds: m((r) => which(r).seconds),
    postsPerSecond: m((r) => which(r).postsPerSecond),
    post: { p50: m((r) => which(r).post.p50), p95: m((r) => which(r).post.p95), p99: m((r) => which(r).post.p99) },
    delivery: {
      p50: m((r) => which(r).delivery.p50),
      p95: m((r) => which(r).delivery.p95),
      p99: m((r) => which(r).delivery.p99),
      missing: m((r) => which(r).delivery.missing),
    },
    relayCpuCores: m((r) => which(r).relayCpuCores),
    clientCpuCores: m((r) => which(r).clientCpuCores),
  });
  return {
    httpCeiling: m((r) => r.httpCeiling),
    httpRelayCpuMs: m((r) => r.httpRelayCpuMs),
    httpClientCpuMs: m((r) => r.httpClientCpuMs),
    saturated: load((r) => r.saturated),
    paced: load((r) => r.paced),
    raw: {
      insertPerStatement: m((r) => r.raw.insertPerStatement),
      storeAppend: m((r) => r.raw.storeAppend),
      insertBatched: m((r) => r.raw.insertBatched),
    },
  };
}

const describeLoad = (f: LoadFigures) =>
  `${f.postsPerSecond.toFixed(0)} posts/s, post p50 ${f.post.p50.toFixed(1)} ms, ` +
  `delivery p50 ${f.delivery.p50.toFixed(1)} / p95 ${f.delivery.p95.toFixed(1)} / p99 ${f.delivery.p99.toFixed(1)} ms` +
  (f.errors || f.delivery.missing ? ` (${f.errors} failed posts, ${f.delivery.missing} pushes missing)` : '') +
  (f.errorSamples ? `; first failures: ${f.errorSamples.join(' | ')}` : '');

async function benchDatabase(database: 'pglite' | 'postgres'): Promise<DatabaseResult> {
  const cleanups: (() => Promise<void>)[] = [];
  try {
    // The relay under test, in its own process; the raw baseline's database, in this one.
    let relay: RelayChild;
    let rawSql: Sql;
    if (database === 'pglite') {
      const relayDir = mkdtempSync(join(os.tmpdir(), 'binome-bench-relay-'));
      const rawDir = mkdtempSync(join(os.tmpdir(), 'binome-bench-raw-'));
      cleanups.push(async () => rmSync(relayDir, { recursive: true, force: true }));
      cleanups.push(async () => rmSync(rawDir, { recursive: true, force: true }));
      relay = await RelayChild.start({ dataDir: relayDir, env: RELAY_ENV, nodeArgs: RELAY_NODE_ARGS });
      cleanups.unshift(() => relay.stop());
      rawSql = await openPglite(rawDir);
    } else {
      const suffix = `${process.pid}_${randomBytes(3).toString('hex')}`;
      const relaySchema = `bench_relay_${suffix}`;
      const rawSchema = `bench_raw_${suffix}`;
      const admin = await openPostgres({ connectionString: DATABASE_URL! });
      cleanups.push(async () => {
        for (const schema of [relaySchema, rawSchema]) await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
        await admin.close();
      });
      relay = await RelayChild.start({
        databaseUrl: DATABASE_URL,
        schema: relaySchema,
        env: RELAY_ENV,
        nodeArgs: RELAY_NODE_ARGS,
      });
      cleanups.unshift(() => relay.stop());
      rawSql = await openPostgres({ connectionString: DATABASE_URL!, schema: rawSchema });
    }
    cleanups.unshift(() => rawSql.close());
    console.log(`\n${database}: relay pid ${relay.pid} at ${relay.url}; raw baseline on ${rawSql.description}`);

    let started = now();
    const devices = await setUpDevices(relay.url);
    await openStreams(relay.url, devices);
    cleanups.unshift(async () => {
      for (const device of devices) device.socket?.terminate();
    });
    console.log(
      `  ${DEVICES} devices in ${PAIRS} pairs registered, paired and streaming in ${((now() - started) / 1000).toFixed(1)} s`,
    );
    const raw = await prepareRaw(rawSql);

    // Warm-up: JIT, connection pools, the hub's membership cache; not measured.
    await loadRun(relay.url, devices, DEVICES, { inFlight: CONCURRENCY });
    await rawRun(rawSql, raw.store, raw.pairs, DEVICES);

    const reps: Rep[] = [];
    for (let rep = 1; rep <= REPS; rep++) {
      started = now();
      const saturated = await loadRun(relay.url, devices, POSTS, { inFlight: CONCURRENCY }, relay.pid);
      const paced = await loadRun(relay.url, devices, PACED_POSTS, { perSecond: PACED_RATE }, relay.pid);
      const rawFigures = await rawRun(rawSql, raw.store, raw.pairs, POSTS);
      const http = await httpCeiling(relay.url, POSTS, relay.pid);
      reps.push({
        httpCeiling: http.perSecond,
        httpRelayCpuMs: http.relayCpuMs,
        httpClientCpuMs: http.clientCpuMs,
        saturated,
        paced,
        raw: rawFigures,
      });
      console.log(
        `  rep ${rep}/${REPS} (${((now() - started) / 1000).toFixed(1)} s)\n` +
          `    ${CONCURRENCY} in flight: ${describeLoad(saturated)}\n` +
          `    paced at ${PACED_RATE}/s: ${describeLoad(paced)}\n` +
          `    raw: ${rawFigures.insertPerStatement.toFixed(0)} INSERT/s, ${rawFigures.storeAppend.toFixed(0)} append tx/s, ` +
          `${rawFigures.insertBatched.toFixed(0)} batched rows/s; relay HTTP alone (no database): ${http.perSecond.toFixed(0)} GET/s\n` +
          `    CPU per post: relay ${cpuMs(saturated.relayCpuCores, saturated.postsPerSecond)} ms, client ${cpuMs(saturated.clientCpuCores, saturated.postsPerSecond)} ms; ` +
          `per GET: relay ${ms(http.relayCpuMs ?? NaN)} ms, client ${ms(http.clientCpuMs ?? NaN)} ms`,
      );
    }
    return { database, description: rawSql.description.replace(/ at .*$/, ''), reps, median: medianRep(reps) };
  } finally {
    for (const cleanup of cleanups) await cleanup().catch((error) => console.error('cleanup:', error));
  }
}

// ---- Report ----

const ms = (v: number) => (Number.isNaN(v) ? '–' : v < 1 ? v.toFixed(2) : v < 10 ? v.toFixed(1) : v.toFixed(0));
/** CPU milliseconds per post, from cores busy and posts per second. */
const cpuMs = (cores: number | undefined, perSecond: number) => (cores === undefined ? '–' : ms((cores * 1000) / perSecond));
const rate = (v: number) => (Number.isNaN(v) ? '–' : Math.round(v).toLocaleString('en-US'));
const label = (database: DatabaseResult['database']) => (database === 'pglite' ? 'PGlite (data folder)' : 'PostgreSQL');

function tables(results: DatabaseResult[]): string {
  const throughput = [
    `| database | relay posts/s (${CONCURRENCY} in flight) | raw INSERT/s, 1 per statement | raw append tx/s (relay's SQL, no HTTP) | raw batched rows/s (${RAW_BATCH} per INSERT) | relay ÷ raw INSERT | relay ÷ raw append tx | relay HTTP alone, GET/s (no auth, no database) | relay ÷ HTTP alone | relay CPU (cores) | CPU ms per post: relay / load generator | CPU ms per GET: relay / load generator |`,
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  const latency = [
    '| database | load | post p50 / p95 / p99 (ms) | delivery p50 / p95 / p99 (ms) |',
    '| --- | --- | ---: | ---: |',
  ];
  for (const r of results) {
    const { saturated, paced, raw } = r.median;
    throughput.push(
      `| ${label(r.database)} | ${rate(saturated.postsPerSecond)} | ${rate(raw.insertPerStatement)} | ${rate(raw.storeAppend)} | ` +
        `${rate(raw.insertBatched)} | ${(saturated.postsPerSecond / raw.insertPerStatement).toFixed(2)} | ` +
        `${(saturated.postsPerSecond / raw.storeAppend).toFixed(2)} | ${rate(r.median.httpCeiling)} | ` +
        `${(saturated.postsPerSecond / r.median.httpCeiling).toFixed(2)} | ${saturated.relayCpuCores?.toFixed(2) ?? '–'} | ` +
        `${cpuMs(saturated.relayCpuCores, saturated.postsPerSecond)} / ${cpuMs(saturated.clientCpuCores, saturated.postsPerSecond)} | ` +
        `${ms(r.median.httpRelayCpuMs ?? NaN)} / ${ms(r.median.httpClientCpuMs ?? NaN)} |`,
    );
    for (const [load, f] of [
      [`steady ${PACED_RATE} posts/s`, paced],
      [`saturated, ${CONCURRENCY} in flight`, saturated],
    ] as const) {
      latency.push(
        `| ${label(r.database)} | ${load} | ${ms(f.post.p50)} / ${ms(f.post.p95)} / ${ms(f.post.p99)} | ` +
          `${ms(f.delivery.p50)} / ${ms(f.delivery.p95)} / ${ms(f.delivery.p99)} |`,
      );
    }
  }
  return `${throughput.join('\n')}\n\n${latency.join('\n')}`;
}

async function main() {
  const machine = `${os.cpus().length} × ${os.cpus()[0]?.model.trim() ?? 'CPU'}, Node ${process.version}, ${os.platform()}`;
  console.log(
    `relay-load: ${PAIRS} pairs = ${DEVICES} devices; per repetition ${POSTS} posts (${POSTS_PER_DEVICE} per device) with ` +
      `${CONCURRENCY} in flight, then ${PACED_POSTS} posts at ${PACED_RATE}/s; ${PAYLOAD_BYTES}-byte payloads; ` +
      `${REPS} repetition(s) on ${DATABASES.join(' and ')}. ${machine}`,
  );
  // Other work on the machine skews every figure: say how busy it was.
  const loadBefore = os.loadavg()[0]!;
  const results: DatabaseResult[] = [];
  for (const database of DATABASES) results.push(await benchDatabase(database));
  const loadAfter = os.loadavg()[0]!;

  const pgVersion = DATABASES.includes('postgres') ? await postgresVersion() : undefined;
  const header =
    `${DEVICES} devices (${PAIRS} pairs), each with a WebSocket stream; ${POSTS.toLocaleString('en-US')} posts ` +
    `(${POSTS_PER_DEVICE} per device) with ${CONCURRENCY} in flight, and ${PACED_POSTS} at a steady ${PACED_RATE}/s; ` +
    `${PAYLOAD_BYTES}-byte payloads; medians of ${REPS} repetition(s). Relay in a child process, loopback; ` +
    `raw baseline in the bench process on the same kind of database. ${machine}` +
    (pgVersion ? `; PostgreSQL ${pgVersion} on the same machine` : '') +
    `; 1-minute load average ${loadBefore.toFixed(1)} before, ${loadAfter.toFixed(1)} after.`;
  const md = `${header}\n\n${tables(results)}\n`;
  console.log(`\n${md}`);
  const failures = results.reduce(
    (sum, r) =>
      sum +
      r.reps.reduce(
        (s, rep) => s + rep.saturated.errors + rep.saturated.delivery.missing + rep.paced.errors + rep.paced.delivery.missing,
        0,
      ),
    0,
  );
  if (failures > 0) console.log(`WARNING: ${failures} failed posts or missing pushes in total (see the JSON).`);

  mkdirSync(args.out!, { recursive: true });
  const config = {
    pairs: PAIRS,
    devices: DEVICES,
    postsPerDevice: POSTS_PER_DEVICE,
    posts: POSTS,
    concurrency: CONCURRENCY,
    pacedRate: PACED_RATE,
    pacedPosts: PACED_POSTS,
    payloadBytes: PAYLOAD_BYTES,
    reps: REPS,
    rawBatch: RAW_BATCH,
  };
  writeFileSync(
    join(args.out!, 'relay-load.json'),
    `${JSON.stringify({ date: new Date().toISOString(), machine, loadAverage: { before: loadBefore, after: loadAfter }, postgres: pgVersion, config, results }, null, 2)}\n`,
  );
  writeFileSync(join(args.out!, 'relay-load.md'), md);
  console.log(`Written to ${join(args.out!, 'relay-load.json')} and relay-load.md`);
  return failures;
}

async function postgresVersion(): Promise<string | undefined> {
  const sql = await openPostgres({ connectionString: DATABASE_URL! });
  try {
    return (await sql.query<{ server_version: string }>('SHOW server_version'))[0]?.server_version;
  } finally {
    await sql.close();
  }
}

main().then(
  (failures) => {
    agent.destroy();
    process.exit(failures > 0 ? 1 : 0);
  },
  (error: unknown) => {
    console.error('relay-load failed:', error);
    process.exit(1);
  },
);
