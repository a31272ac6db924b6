/**
 * PGlite in a thread of its own (relay/store/pglite-thread.ts) behaves as the in-process one
 * behind the Sql seam: rows, transactions that commit or roll back, PostgreSQL's error codes,
 * NOTIFY delivered at commit. When the thread dies, every waiting request and every later one
 * fails at once with an error that says so, and a post is answered with a retryable 503 instead
 * of hanging.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { NO_RATE_LIMITS } from '@/relay/rate-limit';
import { startRelay, type RunningRelay } from '@/relay/server';
import { openDatabase } from '@/relay/store/open';
import { openPgliteThread, type PgliteThreadSql } from '@/relay/store/pglite-thread';
import { isUniqueViolation } from '@/relay/store/sql';
import { newPublicKey, pairingClient } from './pairing-client';

const opened: PgliteThreadSql[] = [];
const relays: RunningRelay[] = [];
const folders: string[] = [];
afterEach(async () => {
  await Promise.all(relays.splice(0).map((relay) => relay.close()));
  await Promise.all(opened.splice(0).map((sql) => sql.close()));
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

async function open(dataDir?: string, onError?: (error: unknown) => void) {
  const sql = await openPgliteThread(dataDir, onError);
  opened.push(sql);
  return sql;
}

describe('PGlite in a thread of its own', () => {
  it('answers queries and keeps a data folder across reopenings', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'binome-thread-'));
    folders.push(folder);
    const first = await open(folder);
    await first.query('CREATE TABLE t (id int PRIMARY KEY, label text)');
    await first.query('INSERT INTO t VALUES ($1, $2), ($3, $4)', [1, 'one', 2, 'two']);
    await first.close();
    const again = await open(folder);
    expect(await again.query('SELECT id, label FROM t ORDER BY id')).toEqual([
      { id: 1, label: 'one' },
      { id: 2, label: 'two' },
    ]);
  });

  it('commits a transaction whose callback resolves, rolls back one that throws, and keeps PostgreSQL’s error code', async () => {
    const sql = await open();
    await sql.query('CREATE TABLE t (id int PRIMARY KEY)');
    expect(
      await sql.transaction(async (tx) => {
        await tx.query('INSERT INTO t VALUES (1)');
        return (await tx.query<{ n: number }>('SELECT count(*)::int AS n FROM t'))[0]!.n;
      }),
    ).toBe(1);
    await expect(
      sql.transaction(async (tx) => {
        await tx.query('INSERT INTO t VALUES (2)');
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    const duplicate = await sql.transaction((tx) => tx.query('INSERT INTO t VALUES (1)')).catch((error: unknown) => error);
    expect(isUniqueViolation(duplicate)).toBe(true);
    expect((await sql.query<{ id: number }>('SELECT id FROM t')).map((row) => row.id)).toEqual([1]);
    // The thread is still in a clean state for the next one.
    await sql.transaction((tx) => tx.query('INSERT INTO t VALUES (3)'));
    expect((await sql.query<{ id: number }>('SELECT id FROM t ORDER BY id')).map((row) => row.id)).toEqual([1, 3]);
  });

  it('delivers a NOTIFY sent in a transaction when it commits, and not at all when it rolls back', async () => {
    const sql = await open();
    const heard: string[] = [];
    const stop = await sql.listen('binome_test', (payload) => heard.push(payload));
    await sql
      .transaction(async (tx) => {
        await tx.query(`SELECT pg_notify('binome_test', 'rolled back')`);
        throw new Error('roll back');
      })
      .catch(() => {});
    await sql.transaction((tx) => tx.query(`SELECT pg_notify('binome_test', 'committed')`));
    await sql.notify('binome_test', 'alone');
    await vi.waitFor(() => expect(heard).toEqual(['committed', 'alone']));
    await stop();
  });

  it('fails what waits on a thread that died, and what comes after, instead of hanging', async () => {
    const reported: unknown[] = [];
    const sql = await open(undefined, (error) => reported.push(error));
    let waiting: Promise<unknown> | undefined;
    const inTransaction = sql.transaction(async (tx) => {
      await tx.query('SELECT 1');
      // Queued in the thread behind the open transaction when the thread dies.
      waiting = sql.query('SELECT 2');
      waiting.catch(() => {});
      await sql.thread.terminate();
      return tx.query('SELECT 3');
    });
    await expect(inTransaction).rejects.toThrow(/database thread stopped/);
    await expect(waiting).rejects.toThrow(/database thread stopped/);
    await expect(sql.query('SELECT 1')).rejects.toThrow(/database thread stopped.*restart the relay/);
    expect(reported).toHaveLength(1);
  });

  it('tells the relay its database is lost when the thread dies, once, so that it can stop (relay/cli.ts exits)', async () => {
    const lost: unknown[] = [];
    const errors: unknown[] = [];
    const sql = (await openDatabase({
      pgliteThread: true,
      onError: (error) => errors.push(error),
      onLost: (error) => lost.push(error),
    })) as PgliteThreadSql;
    opened.push(sql);
    await sql.query('SELECT 1');
    expect(lost).toEqual([]);
    await sql.thread.terminate();
    await vi.waitFor(() => expect(lost).toHaveLength(1));
    expect(errors).toEqual(lost);
  });

  it('answers a post whose database thread died with a retryable 503', async () => {
    const sql = await open();
    const relay = await startRelay({ port: 0, log: () => {}, sql, rateLimits: NO_RATE_LIMITS });
    relays.push(relay);
    const call = async (method: string, path: string, token?: string, json?: unknown) => {
      const res = await fetch(`${relay.url}${path}`, {
        method,
        headers: {
          ...(token ? { Authorization: `Bearer ${token}` } : {}),
          ...(json ? { 'Content-Type': 'application/json' } : {}),
        },
        body: json ? JSON.stringify(json) : undefined,
      });
      return { status: res.status, body: (res.status === 204 ? null : await res.json()) as any };
    };
    const register = async (displayName: string) => {
      const publicKey = await newPublicKey();
      return { ...(await call('POST', '/devices', undefined, { displayName, publicKey })).body, publicKey };
    };
    const ana = await register('Ana');
    const bob = await register('Bob');
    const { pairId } = await pairingClient(call).pair(ana, bob);
    const post = () =>
      call('POST', `/pairs/${pairId}/messages`, ana.token, {
        id: crypto.randomUUID(),
        kind: 'question',
        createdAt: Date.now(),
        payload: 'ciphertext',
      });
    expect((await post()).status).toBe(201);

    await sql.thread.terminate();
    const refused = await post();
    expect(refused.status).toBe(503);
    expect(refused.body.error.code).toBe('internal');
  });
});
