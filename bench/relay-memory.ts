/**
 * Relay memory: the relay process's resident memory (RSS) idle, then with 100, 1,000 and 10,000
 * open streams (WebSockets from this process, one registered device each), on PGlite and (when
 * DATABASE_URL is set) on PostgreSQL. On PostgreSQL the server's own processes are measured
 * too (their PSS, so shared memory is counted once), since that memory is what PGlite carries
 * inside the relay.
 *
 *   npx tsx bench/relay-memory.ts                  PGlite only
 *   DATABASE_URL=postgres://… npx tsx bench/relay-memory.ts   PGlite and PostgreSQL
 *
 * Options: --streams 100,1000,10000 --db pglite,postgres --out bench/results.
 *
 * Per database: the relay starts on a fresh data folder (PGlite) or schema (PostgreSQL) and is
 * measured idle; it is restarted on the same data and measured idle again (what a relay that
 * has run before costs); the largest number of devices is registered over HTTP; then streams are
 * opened step by step, and each step is measured once the relay is quiet. Per-stream memory is
 * the growth over the registered-but-unconnected relay, divided by the streams. RSS is read from
 * /proc (Linux) after a garbage collection, as the median of 5 readings a second apart, and written to
 * bench/results/relay-memory.{json,md}.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import WebSocket from 'ws';
import { openPostgres } from '../relay/store/postgres.ts';
import { PGLITE_SETTINGS } from '../relay/store/pglite.ts';
import { RelayChild } from '../tests/unit/relay/relay-child.ts';

const { values: args } = parseArgs({
  options: {
    streams: { type: 'string', default: '100,1000,10000' },
    db: { type: 'string' },
    out: { type: 'string', default: 'bench/results' },
  },
});
const STEPS = args
  .streams!.split(',')
  .map(Number)
  .sort((a, b) => a - b);
if (STEPS.some((n) => !Number.isInteger(n) || n < 1)) throw new Error(`--streams takes positive integers, got ${args.streams}`);
const DEVICES = STEPS.at(-1)!;
const DATABASE_URL = process.env.DATABASE_URL || undefined;
const DATABASES = (args.db ?? (DATABASE_URL ? 'pglite,postgres' : 'pglite')).split(',') as ('pglite' | 'postgres')[];
if (DATABASES.includes('postgres') && !DATABASE_URL) throw new Error('--db postgres needs DATABASE_URL');
/** Registering thousands of devices from one address would trip the abuse limits, by design. */
const RELAY_ENV = { RATE_LIMITS: 'off' };
const MIB = 1024 * 1024;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** kB fields of /proc/<pid>/status or smaps_rollup, in bytes. */
function procField(path: string, field: string): number {
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(path, 'utf8'));
  return match ? Number(match[1]) * 1024 : NaN;
}
const rssOf = (pid: number) => procField(`/proc/${pid}/status`, 'VmRSS');

/** Every PostgreSQL server process on this machine (its PSS: shared buffers counted once). */
function postgresServerPss(): number {
  let total = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, 'utf8').trim() !== 'postgres') continue;
      total += procField(`/proc/${entry}/smaps_rollup`, 'Pss');
    } catch {
      // the process ended, or is not ours to read
    }
  }
  return total;
}

/**
 * The relay runs with an inspector on a free loopback port, so that the bench can make it
 * collect its garbage before each reading: without it, readings of the same relay drift by tens
 * of MB with V8's heap, more than 100 streams weigh.
 */
const INSPECT = ['--inspect=127.0.0.1:0'];

/** Read right after each start: the output kept is a short tail, soon full of request lines. */
function inspectorUrl(relay: RelayChild): string {
  const url = [...relay.output.matchAll(/Debugger listening on (ws:\/\/\S+)/g)].at(-1)?.[1];
  if (!url) throw new Error(`the relay printed no inspector address:\n${relay.output}`);
  return url;
}

async function collectGarbage(url: string) {
  const socket = new WebSocket(url);
  await new Promise<void>((resolve, reject) => {
    socket.on('error', reject);
    socket.on('open', () => socket.send(JSON.stringify({ id: 1, method: 'HeapProfiler.collectGarbage' })));
    socket.on('message', (data) => {
      if ((JSON.parse(data.toString()) as { id?: number }).id === 1) resolve();
    });
  });
  socket.close();
}

/** The relay once it is quiet and has collected its garbage: the median of 5 readings, a second apart. */
async function quietRss(relay: RelayChild, inspector: string): Promise<number> {
  const pid = relay.pid!;
  await sleep(2000);
  await collectGarbage(inspector);
  const readings: number[] = [];
  for (let i = 0; i < 5; i++) {
    readings.push(rssOf(pid));
    await sleep(1000);
  }
  return median(readings);
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 32 });
function post<T>(baseUrl: string, path: string, json: unknown) {
  const body = JSON.stringify(json);
  return new Promise<{ status: number; body: T }>((resolve, reject) => {
    const req = http.request(
      `${baseUrl}${path}`,
      { method: 'POST', agent, headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString()) as T }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

async function inPool<T>(items: T[], concurrency: number, work: (item: T) => Promise<void>) {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
}

async function registerDevices(baseUrl: string, count: number): Promise<string[]> {
  const tokens: string[] = new Array(count);
  await inPool(
    Array.from({ length: count }, (_, i) => i),
    32,
    async (i) => {
      const res = await post<{ token: string }>(baseUrl, '/devices', { displayName: `Device ${i}` });
      if (res.status !== 201) throw new Error(`register: ${res.status} ${JSON.stringify(res.body)}`);
      tokens[i] = res.body.token;
    },
  );
  return tokens;
}

/** Opens one stream per token and resolves once each has had its `ready`. */
async function openStreams(baseUrl: string, tokens: string[], into: WebSocket[]) {
  const wsUrl = `${baseUrl.replace(/^http/, 'ws')}/stream`;
  await inPool(tokens, 64, async (token) => {
    const socket = new WebSocket(wsUrl);
    into.push(socket);
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('a stream was not ready in 30 s')), 30_000);
      socket.on('error', reject);
      socket.on('open', () => socket.send(JSON.stringify({ type: 'hello', token })));
      socket.on('message', (data) => {
        if ((JSON.parse(data.toString()) as { type: string }).type !== 'ready') return;
        clearTimeout(timer);
        resolve();
      });
    });
  });
}

interface MemoryResult {
  database: 'pglite' | 'postgres';
  /** Relay RSS, bytes. */
  idleFresh: number;
  idleExisting: number;
  registered: number;
  streams: { streams: number; rss: number; perStream: number; serverPss?: number }[];
  /** PostgreSQL only: the server's processes, PSS, with the relay idle. */
  serverIdle?: number;
}

async function benchDatabase(database: 'pglite' | 'postgres'): Promise<MemoryResult> {
  const cleanups: (() => Promise<void>)[] = [];
  const sockets: WebSocket[] = [];
  try {
    let relay: RelayChild;
    if (database === 'pglite') {
      const dataDir = mkdtempSync(join(os.tmpdir(), 'binome-bench-memory-'));
      cleanups.push(async () => rmSync(dataDir, { recursive: true, force: true }));
      relay = await RelayChild.start({ dataDir, env: RELAY_ENV, nodeArgs: INSPECT });
    } else {
      const schema = `bench_memory_${process.pid}_${randomBytes(3).toString('hex')}`;
      cleanups.push(async () => {
        const admin = await openPostgres({ connectionString: DATABASE_URL! });
        await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
        await admin.close();
      });
      relay = await RelayChild.start({ databaseUrl: DATABASE_URL, schema, env: RELAY_ENV, nodeArgs: INSPECT });
    }
    cleanups.unshift(() => relay.stop());
    const idleFresh = await quietRss(relay, inspectorUrl(relay));
    await relay.stop();
    await relay.restart();
    const inspector = inspectorUrl(relay);
    const idleExisting = await quietRss(relay, inspector);
    const serverIdle = database === 'postgres' ? postgresServerPss() : undefined;
    console.log(`${database}: idle ${mb(idleFresh)} on fresh data, ${mb(idleExisting)} restarted on it`);

    const tokens = await registerDevices(relay.url, DEVICES);
    cleanups.unshift(async () => {
      for (const socket of sockets) socket.terminate();
    });
    const registered = await quietRss(relay, inspector);
    console.log(`  ${DEVICES} devices registered: ${mb(registered)}`);
    const streams: MemoryResult['streams'] = [];
    for (const step of STEPS) {
      await openStreams(relay.url, tokens.slice(sockets.length, step), sockets);
      const rss = await quietRss(relay, inspector);
      const serverPss = database === 'postgres' ? postgresServerPss() : undefined;
      streams.push({ streams: step, rss, perStream: (rss - registered) / step, serverPss });
      console.log(`  ${step} streams: ${mb(rss)}, ${((rss - registered) / step / 1024).toFixed(1)} KB per stream`);
    }
    return { database, idleFresh, idleExisting, registered, streams, serverIdle };
  } finally {
    for (const cleanup of cleanups) await cleanup().catch((error) => console.error('cleanup:', error));
  }
}

const mb = (bytes: number | undefined) => (bytes === undefined || Number.isNaN(bytes) ? '–' : `${(bytes / MIB).toFixed(0)} MB`);
const label = (database: MemoryResult['database']) => (database === 'pglite' ? 'PGlite (data folder)' : 'PostgreSQL');

function table(results: MemoryResult[]): string {
  const head = [
    '| database | relay idle, fresh data | relay idle, restarted | relay, devices registered | ' +
      STEPS.map((n) => `${n.toLocaleString('en-US')} streams (per stream)`).join(' | ') +
      ' |',
    `| --- | ---: | ---: | ---: | ${STEPS.map(() => '---:').join(' | ')} |`,
  ];
  const rows = results.map(
    (r) =>
      `| ${label(r.database)} | ${mb(r.idleFresh)} | ${mb(r.idleExisting)} | ${mb(r.registered)} | ` +
      r.streams.map((s) => `${mb(s.rss)} (${(s.perStream / 1024).toFixed(1)} KB)`).join(' | ') +
      ' |',
  );
  const server = results
    .filter((r) => r.serverIdle !== undefined)
    .map(
      (r) =>
        `PostgreSQL server processes (PSS, the whole server, other databases' sessions included): ${mb(r.serverIdle)} with the relay idle, ` +
        r.streams.map((s) => `${mb(s.serverPss)} at ${s.streams.toLocaleString('en-US')} streams`).join(', ') +
        '.',
    );
  return [...head, ...rows].join('\n') + (server.length ? `\n\n${server.join('\n')}` : '');
}

async function main() {
  const machine = `${os.cpus().length} × ${os.cpus()[0]?.model.trim() ?? 'CPU'}, Node ${process.version}, ${os.platform()}`;
  const loadBefore = os.loadavg()[0]!;
  const results: MemoryResult[] = [];
  for (const database of DATABASES) results.push(await benchDatabase(database));
  const loadAfter = os.loadavg()[0]!;
  const header =
    `Relay process RSS (median of 5 readings once quiet, after a garbage collection); streams are WebSockets from the bench process, one registered ` +
    `device each, past their hello. PGlite settings: ${PGLITE_SETTINGS.join(', ')}. ${machine}; ` +
    `1-minute load average ${loadBefore.toFixed(1)} before, ${loadAfter.toFixed(1)} after.`;
  const md = `${header}\n\n${table(results)}\n`;
  console.log(`\n${md}`);
  mkdirSync(args.out!, { recursive: true });
  writeFileSync(
    join(args.out!, 'relay-memory.json'),
    `${JSON.stringify({ date: new Date().toISOString(), machine, loadAverage: { before: loadBefore, after: loadAfter }, pgliteSettings: PGLITE_SETTINGS, results }, null, 2)}\n`,
  );
  writeFileSync(join(args.out!, 'relay-memory.md'), md);
  console.log(`Written to ${join(args.out!, 'relay-memory.json')} and relay-memory.md`);
}

main().then(
  () => {
    agent.destroy();
    process.exit(0);
  },
  (error: unknown) => {
    console.error('relay-memory failed:', error);
    process.exit(1);
  },
);
