/**
 * Shared set-up for the relay suites: every suite runs once per database backend (PGlite in
 * memory always; PostgreSQL in a throw-away schema when DATABASE_URL is set), and drives the
 * app through `app.request()` with a typed little client.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll } from 'vitest';
import type { RegisterDeviceResponse } from '@/lib/protocol/protocol';
import { inviteBody, newPublicKey, pairingClient } from './pairing-client';
export { newPublicKey };
export type { Invitation } from './pairing-client';
import { createApp, type CreateAppOptions } from '@/relay/app';
import { Hub } from '@/relay/hub';
import { NO_RATE_LIMITS } from '@/relay/rate-limit';
import { migrate } from '@/relay/store/migrate';
import { openPglite } from '@/relay/store/pglite';
import { openPostgres } from '@/relay/store/postgres';
import { RelayStore } from '@/relay/store/relay-store';
import type { Sql } from '@/relay/store/sql';

export interface Backend {
  name: 'pglite' | 'postgres';
  /** For startRelay: how to reach the same kind of database. */
  databaseUrl?: string;
  open(): Promise<{ sql: Sql; dispose(): Promise<void> }>;
}

const uniqueName = (prefix: string) => `${prefix}_${process.pid}_${randomBytes(4).toString('hex')}`;

/** PGlite always; PostgreSQL too when DATABASE_URL is set (as `.ci/run` does when it answers). */
export function backends(): Backend[] {
  const list: Backend[] = [
    {
      name: 'pglite',
      async open() {
        const sql = await openPglite();
        return { sql, dispose: () => sql.close() };
      },
    },
  ];
  const databaseUrl = process.env.DATABASE_URL;
  if (databaseUrl) {
    list.push({
      name: 'postgres',
      databaseUrl,
      async open() {
        const schema = uniqueName('relay_test');
        const sql = await openPostgres({ connectionString: databaseUrl, schema });
        return {
          sql,
          async dispose() {
            await sql.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
            await sql.close();
          },
        };
      },
    });
  }
  return list;
}

/** A throw-away PostgreSQL schema name for tests that start whole relays. */
export const newSchemaName = () => uniqueName('relay_test');

export async function dropSchema(databaseUrl: string, schema: string) {
  const sql = await openPostgres({ connectionString: databaseUrl });
  try {
    await sql.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await sql.close();
  }
}

export interface RelayDatabase {
  sql: Sql;
  store: RelayStore;
  hub: Hub;
}

/**
 * One database per test file and backend (PGlite's start-up costs seconds), migrated, with a
 * started hub on a channel of its own. Closed in afterAll so vitest can exit.
 */
export function useRelayDatabase(backend: Backend): () => RelayDatabase {
  let db: RelayDatabase | undefined;
  let dispose: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    const opened = await backend.open();
    dispose = opened.dispose;
    await migrate(opened.sql);
    const store = new RelayStore(opened.sql);
    const hub = new Hub(store, { channel: uniqueName('binome_test') });
    await hub.start();
    db = { sql: opened.sql, store, hub };
  });
  afterAll(async () => {
    await db?.hub.close();
    await dispose?.();
  });
  return () => {
    if (!db) throw new Error('The relay database is not open yet');
    return db;
  };
}

export interface Reply<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

export interface Device extends RegisterDeviceResponse {
  displayName: string;
  publicKey: string;
}

/** A fake clock the app reads; tests move it forward to expire invites. */
export function fakeClock(start = 1_800_000_000_000) {
  const clock = { time: start, now: () => clock.time };
  return clock;
}

/**
 * The app on this database. Rate limits are off unless the test passes `rateLimits` (merged
 * over the defaults): every relay of a test file shares one database, and so its counters.
 */
export function testRelay(db: RelayDatabase, options: Partial<CreateAppOptions> = {}) {
  const logLines: string[] = [];
  const { app } = createApp({
    store: db.store,
    hub: db.hub,
    log: (line) => logLines.push(line),
    rateLimits: NO_RATE_LIMITS,
    ...options,
  });

  async function call<T = any>(
    method: string,
    path: string,
    init: { token?: string; json?: unknown; body?: string; headers?: Record<string, string> } = {},
  ): Promise<Reply<T>> {
    const headers: Record<string, string> = { ...init.headers };
    if (init.token) headers.Authorization = `Bearer ${init.token}`;
    let body = init.body;
    if (init.json !== undefined) {
      body = JSON.stringify(init.json);
      headers['Content-Type'] ??= 'application/json';
    }
    const res = await app.request(path, { method, headers, body });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      // keep the raw text: some tests assert on non-JSON answers
    }
    return { status: res.status, body: parsed as T, headers: res.headers };
  }

  let devices = 0;
  async function register(displayName = `Device ${++devices}`): Promise<Device> {
    const publicKey = newPublicKey();
    const res = await call<RegisterDeviceResponse>('POST', '/devices', { json: { displayName, publicKey } });
    if (res.status !== 201) throw new Error(`register failed: ${res.status} ${JSON.stringify(res.body)}`);
    return { ...res.body, displayName, publicKey };
  }

  const pairing = pairingClient((method, path, token, json) => call(method, path, { token, json }));
  const { invite, accept, confirm, pair } = pairing;

  function post(
    device: Device,
    pairId: string,
    message: Partial<{ id: string; kind: string; payload: string; createdAt: number }> = {},
  ) {
    return call('POST', `/pairs/${pairId}/messages`, {
      token: device.token,
      json: { id: crypto.randomUUID(), kind: 'question', createdAt: 1_700_000_000_000, payload: 'ciphertext', ...message },
    });
  }

  return { app, call, register, invite, inviteBody, accept, confirm, pair, post, logLines };
}

export type TestRelay = ReturnType<typeof testRelay>;

/** Counts rows, to prove a refused request wrote nothing. */
export async function countRows(sql: Sql, table: 'devices' | 'invites' | 'pairs' | 'pair_members' | 'messages') {
  const rows = await sql.query<{ n: unknown }>(`SELECT count(*) AS n FROM ${table}`);
  return Number(rows[0]!.n);
}

export type Snapshot = Record<string, Record<string, unknown>[]>;

/**
 * Every row of every table of the relay's schema, in a stable order (by all columns), to prove
 * that a refused request changed nothing. `except` leaves tables out, e.g. rate_limits, whose
 * counters are what a refused guess is meant to change.
 */
export async function snapshot(sql: Sql, options: { except?: string[] } = {}): Promise<Snapshot> {
  const result: Snapshot = {};
  for (const [table, query] of await snapshotQueries(sql)) {
    if (!options.except?.includes(table)) result[table] = await sql.query(query);
  }
  return result;
}

/** The schema does not change once a test file has migrated it: look it up once per database. */
const queriesBySql = new WeakMap<Sql, Promise<[string, string][]>>();
function snapshotQueries(sql: Sql): Promise<[string, string][]> {
  let queries = queriesBySql.get(sql);
  if (!queries) {
    queries = (async () => {
      const columns = await sql.query<{ table_name: string; n: unknown }>(
        `SELECT t.table_name, count(c.column_name) AS n
         FROM information_schema.tables t
         JOIN information_schema.columns c ON c.table_schema = t.table_schema AND c.table_name = t.table_name
         WHERE t.table_schema = current_schema() AND t.table_type = 'BASE TABLE'
         GROUP BY t.table_name ORDER BY t.table_name`,
      );
      return columns.map(({ table_name: table, n }): [string, string] => {
        const order = Array.from({ length: Number(n) }, (_, i) => i + 1).join(', ');
        return [table, `SELECT * FROM "${table}" ORDER BY ${order}`];
      });
    })();
    queriesBySql.set(sql, queries);
  }
  return queries;
}
