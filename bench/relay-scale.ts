/**
 * Relay cost as work grows: pull and post latency with 1,000, 10,000 and 100,000 pairs and
 * 1 million envelopes stored, on PGlite and (when DATABASE_URL is set) PostgreSQL. The figure at
 * the fewest pairs is the floor; the others are given as a ratio to it, so "flat" reads as ≈ 1.
 *
 *   npx tsx bench/relay-scale.ts
 *   DATABASE_URL=postgres://… npx tsx bench/relay-scale.ts
 *
 * Options: --pairs 1000,10000,100000 --messages 1000000 --requests 300 --payload-chars 100
 * --db pglite,postgres --out bench/results.
 *
 * Per database and number of pairs: a fresh data folder (or schema) is migrated, then filled
 * with SQL alone (generate_series: devices with known tokens, pairs, members, the envelopes
 * spread evenly over the pairs, each pair's counters), and the query plans of the pull and of
 * the append's lock are recorded (EXPLAIN ANALYZE on one pair). The relay then starts on that
 * data in a child process and is timed from this process, one request at a time as one person
 * would: pulls of the newest page of random pairs, and posts into random pairs. Figures are
 * medians and 95th percentiles, written to bench/results/relay-scale.{json,md}.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { migrate } from '../relay/store/migrate.ts';
import { openPglite } from '../relay/store/pglite.ts';
import { openPostgres } from '../relay/store/postgres.ts';
import type { Sql } from '../relay/store/sql.ts';
import { RelayChild } from '../tests/unit/relay/relay-child.ts';

const { values: args } = parseArgs({
  options: {
    pairs: { type: 'string', default: '1000,10000,100000' },
    messages: { type: 'string', default: '1000000' },
    requests: { type: 'string', default: '300' },
    'payload-chars': { type: 'string', default: '100' },
    db: { type: 'string' },
    out: { type: 'string', default: 'bench/results' },
  },
});
const positive = (name: string, value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a positive integer, got ${value}`);
  return n;
};
const SCALES = args.pairs!.split(',').map((v) => positive('pairs', v));
const MESSAGES = positive('messages', args.messages!);
const REQUESTS = positive('requests', args.requests!);
const PAYLOAD_CHARS = positive('payload-chars', args['payload-chars']!);
const DATABASE_URL = process.env.DATABASE_URL || undefined;
const DATABASES = (args.db ?? (DATABASE_URL ? 'pglite,postgres' : 'pglite')).split(',') as ('pglite' | 'postgres')[];
if (DATABASES.includes('postgres') && !DATABASE_URL) throw new Error('--db postgres needs DATABASE_URL');
const RELAY_ENV = { RATE_LIMITS: 'off' };
/** The newest page a client pulls after being told of a new message. */
const PULL_PAGE = 20;

const now = () => performance.now();
function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/** Device d's token: 43 characters of the token alphabet, so the relay's own check accepts it. */
const tokenOf = (device: number) => `tok${String(device).padStart(40, '0')}`;
/** md5 of a prefix and a number, shaped as a version-4 UUID (the relay's routes accept only those). */
const uuidSql = (prefix: string, expr: string) =>
  `overlay(overlay(md5('${prefix}' || (${expr})) placing '4' from 13) placing '8' from 17)::uuid`;
const pairIdSql = (expr: string) => uuidSql('p', expr);
const deviceIdSql = (expr: string) => uuidSql('d', expr);

/** Everything with SQL, in the database: a few seconds for a million rows on PostgreSQL. */
async function fill(sql: Sql, pairs: number) {
  const at = Date.now();
  await sql.query(
    `INSERT INTO devices (id, token_hash, display_name, created_at)
     SELECT ${deviceIdSql('d')}, encode(sha256(convert_to('tok' || lpad(d::text, 40, '0'), 'UTF8')), 'hex'), 'Device ' || d, $1
     FROM generate_series(0, $2::int * 2 - 1) AS d`,
    [at, pairs],
  );
  await sql.query(`INSERT INTO pairs (id, created_at) SELECT ${pairIdSql('p')}, $1 FROM generate_series(0, $2::int - 1) AS p`, [
    at,
    pairs,
  ]);
  await sql.query(
    `INSERT INTO pair_members (pair_id, device_id, role)
     SELECT ${pairIdSql('p')}, ${deviceIdSql('p * 2 + r')}, CASE r WHEN 0 THEN 'learner' ELSE 'helper' END
     FROM generate_series(0, $1::int - 1) AS p, generate_series(0, 1) AS r`,
    [pairs],
  );
  // Envelope n goes to pair n mod P as its (n div P + 1)-th message, from each member in turn.
  await sql.query(
    `INSERT INTO messages (pair_id, seq, id, sender_device_id, kind, created_at, received_at, payload)
     SELECT ${pairIdSql('n % $1')}, n / $1 + 1, ${uuidSql('m', 'n')}, ${deviceIdSql('(n % $1) * 2 + (n / $1) % 2')},
            'answer', $2, $2, repeat('x', $3)
     FROM generate_series(0, $4::int - 1) AS n`,
    [pairs, at, PAYLOAD_CHARS, MESSAGES],
  );
  await sql.query(
    `UPDATE pairs p SET last_seq = c.n, stored_bytes = c.n * $1
     FROM (SELECT pair_id, count(*) AS n FROM messages GROUP BY pair_id) c WHERE c.pair_id = p.id`,
    [PAYLOAD_CHARS],
  );
  await sql.query('ANALYZE');
}

/** The plans of the two queries whose cost could grow with the data: one pair's newest page, and the append's lock. */
async function plans(sql: Sql, pairs: number): Promise<{ pull: string[]; lock: string[] }> {
  const pairId = (await sql.query<{ id: string }>(`SELECT ${pairIdSql(String(Math.floor(pairs / 2)))} AS id`))[0]!.id;
  const sender = (await sql.query<{ id: string }>(`SELECT ${deviceIdSql(String(Math.floor(pairs / 2) * 2))} AS id`))[0]!.id;
  const lastSeq = Math.ceil(MESSAGES / pairs);
  const explain = async (text: string, params: unknown[]) =>
    (await sql.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) ${text}`, params)).map(
      (row) => row['QUERY PLAN'],
    );
  return {
    pull: await explain(
      `SELECT id, pair_id, sender_device_id, kind, created_at, payload, seq, received_at
       FROM messages WHERE pair_id = $1 AND seq > $2 ORDER BY seq LIMIT $3`,
      [pairId, Math.max(0, lastSeq - PULL_PAGE), 100],
    ),
    // The batch append's lock (relay/store/append-batch.ts), for one post.
    lock: await explain(
      `SELECT p.id FROM pairs p JOIN pair_members mb ON mb.pair_id = p.id JOIN devices sd ON sd.id = mb.device_id
       WHERE (p.id, mb.device_id) IN (SELECT * FROM unnest($1::uuid[], $2::uuid[]))
       ORDER BY p.id FOR UPDATE OF p`,
      [[pairId], [sender]],
    ),
  };
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });
function request(baseUrl: string, method: string, path: string, token: string, json?: unknown) {
  const body = json === undefined ? undefined : JSON.stringify(json);
  return new Promise<number>((resolve, reject) => {
    const req = http.request(
      `${baseUrl}${path}`,
      {
        method,
        agent,
        headers: {
          Authorization: `Bearer ${token}`,
          ...(body ? { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) } : {}),
        },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** The ids of these numbers (pairIdSql, deviceIdSql), as PostgreSQL prints them. */
async function ids(sql: Sql, expr: (n: string) => string, values: number[]): Promise<string[]> {
  const rows = await sql.query<{ id: string }>(
    `SELECT ${expr('n')} AS id FROM unnest($1::int[]) WITH ORDINALITY AS t(n, i) ORDER BY i`,
    [values],
  );
  return rows.map((row) => row.id);
}

interface ScaleResult {
  pairs: number;
  fillSeconds: number;
  pull: { p50: number; p95: number };
  post: { p50: number; p95: number };
  plans: { pull: string[]; lock: string[] };
}

async function measure(baseUrl: string, targets: { pairId: string; device: number }[], perPair: number) {
  const pullMs: number[] = [];
  const postMs: number[] = [];
  const after = Math.max(0, perPair - PULL_PAGE);
  for (const [i, target] of targets.entries()) {
    const token = tokenOf(target.device);
    let at = now();
    const pulled = await request(baseUrl, 'GET', `/pairs/${target.pairId}/messages?after=${after}`, token);
    if (pulled !== 200) throw new Error(`pull: ${pulled}`);
    if (i >= 10) pullMs.push(now() - at); // the first requests warm the relay up
    at = now();
    const posted = await request(baseUrl, 'POST', `/pairs/${target.pairId}/messages`, token, {
      id: randomUUID(),
      kind: 'answer',
      createdAt: Date.now(),
      payload: 'y'.repeat(PAYLOAD_CHARS),
    });
    if (posted !== 201) throw new Error(`post: ${posted}`);
    if (i >= 10) postMs.push(now() - at);
  }
  return {
    pull: { p50: percentile(pullMs, 50), p95: percentile(pullMs, 95) },
    post: { p50: percentile(postMs, 50), p95: percentile(postMs, 95) },
  };
}

async function benchScale(database: 'pglite' | 'postgres', pairs: number): Promise<ScaleResult> {
  const cleanups: (() => Promise<void>)[] = [];
  try {
    let sql: Sql;
    let start: () => Promise<RelayChild>;
    if (database === 'pglite') {
      const dataDir = mkdtempSync(join(os.tmpdir(), 'binome-bench-scale-'));
      cleanups.push(async () => rmSync(dataDir, { recursive: true, force: true }));
      sql = await openPglite(dataDir);
      start = () => RelayChild.start({ dataDir, env: RELAY_ENV });
    } else {
      const schema = `bench_scale_${process.pid}_${randomBytes(3).toString('hex')}`;
      sql = await openPostgres({ connectionString: DATABASE_URL!, schema });
      cleanups.push(async () => {
        const admin = await openPostgres({ connectionString: DATABASE_URL! });
        await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
        await admin.close();
      });
      start = () => RelayChild.start({ databaseUrl: DATABASE_URL, schema, env: RELAY_ENV });
    }
    let open = true;
    cleanups.unshift(async () => {
      if (open) await sql.close();
    });
    await migrate(sql);
    const filledAt = now();
    await fill(sql, pairs);
    const fillSeconds = (now() - filledAt) / 1000;
    const queryPlans = await plans(sql, pairs);
    // Random pairs, the same sequence for every scale's share of them; a member of each posts.
    const picks = Array.from({ length: REQUESTS + 10 }, (_, i) => Math.floor((((i * 2654435761) >>> 0) / 2 ** 32) * pairs));
    const pairIds = await ids(sql, pairIdSql, picks);
    // PGlite's folder belongs to one process at a time: the relay's, from now on.
    if (database === 'pglite') {
      await sql.close();
      open = false;
    }
    const relay = await start();
    cleanups.unshift(() => relay.stop());
    const figures = await measure(
      relay.url,
      picks.map((pair, i) => ({ pairId: pairIds[i]!, device: pair * 2 + (i % 2) })),
      Math.floor(MESSAGES / pairs),
    );
    console.log(
      `  ${database}, ${pairs.toLocaleString('en-US')} pairs (filled in ${fillSeconds.toFixed(0)} s): pull p50 ${figures.pull.p50.toFixed(1)} ms, ` +
        `post p50 ${figures.post.p50.toFixed(1)} ms`,
    );
    return { pairs, fillSeconds, ...figures, plans: queryPlans };
  } finally {
    for (const cleanup of cleanups) await cleanup().catch((error) => console.error('cleanup:', error));
  }
}

const ms = (v: number) => (v < 10 ? v.toFixed(1) : v.toFixed(0));
const label = (database: 'pglite' | 'postgres') => (database === 'pglite' ? 'PGlite (data folder)' : 'PostgreSQL');
/** The indexes a plan reads: index scans, index-only scans and bitmap index scans. */
const indexesOf = (plan: string[]) => [
  ...new Set(
    plan.flatMap(
      (line) => /Index (?:Only )?Scan using (\w+)|Bitmap Index Scan on (\w+)/.exec(line)?.slice(1).find(Boolean) ?? [],
    ),
  ),
];

async function main() {
  const machine = `${os.cpus().length} × ${os.cpus()[0]?.model.trim() ?? 'CPU'}, Node ${process.version}, ${os.platform()}`;
  const loadBefore = os.loadavg()[0]!;
  const results: { database: 'pglite' | 'postgres'; scales: ScaleResult[] }[] = [];
  for (const database of DATABASES) {
    const scales: ScaleResult[] = [];
    for (const pairs of SCALES) scales.push(await benchScale(database, pairs));
    results.push({ database, scales });
  }
  const loadAfter = os.loadavg()[0]!;
  const lines = [
    `${MESSAGES.toLocaleString('en-US')} envelopes of ${PAYLOAD_CHARS} characters stored, spread evenly over the pairs; ` +
      `${REQUESTS} pulls (the newest page) and ${REQUESTS} posts into random pairs, one request at a time; the fewest pairs are the floor. ` +
      `${machine}; 1-minute load average ${loadBefore.toFixed(1)} before, ${loadAfter.toFixed(1)} after.`,
    '',
    '| database | pairs | pull p50 / p95 (ms) | pull p50 ÷ floor | post p50 / p95 (ms) | post p50 ÷ floor | indexes used (pull; append lock) |',
    '| --- | ---: | ---: | ---: | ---: | ---: | --- |',
  ];
  for (const { database, scales } of results) {
    const floor = scales[0]!;
    for (const s of scales) {
      lines.push(
        `| ${label(database)} | ${s.pairs.toLocaleString('en-US')} | ${ms(s.pull.p50)} / ${ms(s.pull.p95)} | ${(s.pull.p50 / floor.pull.p50).toFixed(2)} | ` +
          `${ms(s.post.p50)} / ${ms(s.post.p95)} | ${(s.post.p50 / floor.post.p50).toFixed(2)} | ` +
          `${indexesOf(s.plans.pull).join(', ') || 'none'}; ${indexesOf(s.plans.lock).join(', ') || 'none'} |`,
      );
    }
  }
  const largest = results.map(({ database, scales }) => {
    const s = scales.at(-1)!;
    return `${label(database)}, ${s.pairs.toLocaleString('en-US')} pairs, pull:\n\n\`\`\`\n${s.plans.pull.join('\n')}\n\`\`\`\n\nappend lock:\n\n\`\`\`\n${s.plans.lock.join('\n')}\n\`\`\``;
  });
  const md = `${lines.join('\n')}\n\nThe plans at the largest scale (EXPLAIN ANALYZE):\n\n${largest.join('\n\n')}\n`;
  console.log(`\n${md}`);
  mkdirSync(args.out!, { recursive: true });
  writeFileSync(
    join(args.out!, 'relay-scale.json'),
    `${JSON.stringify({ date: new Date().toISOString(), machine, loadAverage: { before: loadBefore, after: loadAfter }, messages: MESSAGES, requests: REQUESTS, results }, null, 2)}\n`,
  );
  writeFileSync(join(args.out!, 'relay-scale.md'), md);
  console.log(`Written to ${join(args.out!, 'relay-scale.json')} and relay-scale.md`);
}

main().then(
  () => {
    agent.destroy();
    process.exit(0);
  },
  (error: unknown) => {
    console.error('relay-scale failed:', error);
    process.exit(1);
  },
);
