/**
 * Group commit (relay/post-batcher.ts): posts that arrive together share one transaction, each
 * is answered only after that transaction committed, a failed commit stores nothing of its batch
 * and answers each of its posts with a retryable error, an id repeated inside one batch is stored
 * once, and a device token remembered by the posting route stops working once revoked.
 */
import { describe, expect, it, vi } from 'vitest';
import { PostBatcher } from '@/relay/post-batcher';
import type { NewMessage } from '@/relay/store/append-batch';
import { RelayStore } from '@/relay/store/relay-store';
import type { Sql, SqlQuery } from '@/relay/store/sql';
import { backends, snapshot, testRelay, useRelayDatabase, type TestRelay } from './harness';

const NO_QUOTA = { maxStoredBytes: Infinity };

/**
 * The same database, whose transactions can be made to fail at COMMIT: the work is done inside a
 * real transaction, which is then rolled back, as when the server refuses or loses the commit.
 */
function failingCommits(sql: Sql) {
  const control = { failing: 0, transactions: 0 };
  const wrapped: Sql = {
    ...sql,
    query: (text, params) => sql.query(text, params),
    transaction<T>(fn: (tx: SqlQuery) => Promise<T>): Promise<T> {
      control.transactions++;
      if (control.failing === 0) return sql.transaction(fn);
      control.failing--;
      return sql.transaction(async (tx) => {
        await fn(tx);
        throw Object.assign(new Error('could not commit: the server closed the connection'), { code: '08006' });
      });
    },
  };
  return { sql: wrapped, control };
}

describe.each(backends())('group commit on $name', (backend) => {
  const db = useRelayDatabase(backend);

  async function pairedDevices(relay: TestRelay) {
    const ana = await relay.register('Ana');
    const bob = await relay.register('Bob');
    const { pairId } = await relay.pair(ana, bob);
    return { ana, bob, pairId };
  }

  const message = (pairId: string, senderDeviceId: string, fields: Partial<NewMessage> = {}): NewMessage => ({
    pairId,
    senderDeviceId,
    id: crypto.randomUUID(),
    kind: 'answer',
    createdAt: 1_700_000_000_000,
    payload: `ciphertext-${crypto.randomUUID()}`,
    receivedAt: 1_700_000_000_500,
    ...fields,
  });

  const storedIds = async (pairId: string) =>
    (
      await db().sql.query<{ id: string; seq: unknown }>('SELECT id, seq FROM messages WHERE pair_id = $1 ORDER BY seq', [pairId])
    ).map((row) => ({ id: row.id, seq: Number(row.seq) }));

  it('stores posts of several pairs that arrive together in one transaction, whose own NOTIFY announces them', async () => {
    const relay = testRelay(db());
    const first = await pairedDevices(relay);
    const second = await pairedDevices(relay);
    const store = new RelayStore(db().sql);
    const batches = vi.spyOn(store, 'postMessages');
    const notifiedApart = vi.spyOn(db().sql, 'notify');
    const notices: string[] = [];
    const stopListening = await db().sql.listen(db().hub.announce.channel, (notice) => notices.push(notice));
    const batcher = new PostBatcher(store, db().hub);

    const posts = [
      message(first.pairId, first.ana.deviceId),
      message(second.pairId, second.bob.deviceId),
      message(first.pairId, first.bob.deviceId),
      message(second.pairId, second.ana.deviceId),
      message(first.pairId, first.ana.deviceId),
    ];
    const results = await Promise.all(posts.map((m) => batcher.post(m, NO_QUOTA)));

    expect(batches).toHaveBeenCalledTimes(1);
    expect(batches.mock.calls[0]![0]).toHaveLength(5);
    // Each pair's seqs in the order the posts arrived, with no gap.
    expect(results).toEqual([
      { status: 'created', seq: 1 },
      { status: 'created', seq: 1 },
      { status: 'created', seq: 2 },
      { status: 'created', seq: 2 },
      { status: 'created', seq: 3 },
    ]);
    expect(await storedIds(first.pairId)).toEqual([posts[0], posts[2], posts[4]].map((m, i) => ({ id: m!.id, seq: i + 1 })));
    // No NOTIFY round trip of its own: the notice went out with the batch's commit.
    expect(notifiedApart).not.toHaveBeenCalled();
    await vi.waitFor(() => expect(notices).toHaveLength(1));
    const notice = JSON.parse(notices[0]!) as { t: string; m: [string, number][] };
    expect(notice.t).toBe('ms');
    expect(notice.m).toEqual(
      posts.map((m, i) => [m.pairId, results[i]!.status === 'created' ? (results[i] as { seq: number }).seq : -1]),
    );
    await stopListening();
    notifiedApart.mockRestore();
  });

  it('stores an id repeated inside one batch once: the repeat is a duplicate with the same seq, a different body a conflict', async () => {
    const relay = testRelay(db());
    const { ana, pairId } = await pairedDevices(relay);
    const store = new RelayStore(db().sql);
    const batches = vi.spyOn(store, 'postMessages');
    const batcher = new PostBatcher(store, db().hub);

    const original = message(pairId, ana.deviceId);
    const results = await Promise.all([
      batcher.post(original, NO_QUOTA),
      batcher.post({ ...original }, NO_QUOTA),
      batcher.post({ ...original, id: original.id.toUpperCase() }, NO_QUOTA),
      batcher.post({ ...original, payload: 'something else' }, NO_QUOTA),
    ]);

    expect(batches).toHaveBeenCalledTimes(1);
    expect(results).toEqual([
      { status: 'created', seq: 1 },
      { status: 'duplicate', seq: 1 },
      { status: 'duplicate', seq: 1 },
      { status: 'conflict' },
    ]);
    expect(await storedIds(pairId)).toEqual([{ id: original.id, seq: 1 }]);
  });

  it('keeps each refusal to its own post: an unknown pair or a full quota does not fail the others of the batch', async () => {
    const relay = testRelay(db());
    const { ana, pairId } = await pairedDevices(relay);
    const batcher = new PostBatcher(new RelayStore(db().sql), db().hub);
    const small = message(pairId, ana.deviceId, { payload: 'x'.repeat(10) });
    const results = await Promise.all([
      batcher.post(small, { maxStoredBytes: 25 }),
      batcher.post(message(crypto.randomUUID(), ana.deviceId), NO_QUOTA),
      // 10 + 20 bytes would go over the pair's 25: refused, counting what the batch already took.
      batcher.post(message(pairId, ana.deviceId, { payload: 'y'.repeat(20) }), { maxStoredBytes: 25 }),
      batcher.post(message(pairId, ana.deviceId, { payload: 'z'.repeat(15) }), { maxStoredBytes: 25 }),
    ]);
    expect(results.map((r) => r.status)).toEqual(['created', 'not_found', 'quota_exceeded', 'created']);
    expect((await storedIds(pairId)).map((row) => row.seq)).toEqual([1, 2]);
  });

  it('tries each post of a failed batch alone, so a payload the database refuses fails only itself', async () => {
    const relay = testRelay(db());
    const { ana, pairId } = await pairedDevices(relay);
    const store = new RelayStore(db().sql);
    const batches = vi.spyOn(store, 'postMessages');
    const batcher = new PostBatcher(store, db().hub);
    const good = [message(pairId, ana.deviceId), message(pairId, ana.deviceId)];
    // PostgreSQL text cannot hold U+0000: the INSERT of the whole batch fails.
    const poison = message(pairId, ana.deviceId, { payload: 'bad\u0000payload' });

    const settled = await Promise.allSettled([
      batcher.post(good[0]!, NO_QUOTA),
      batcher.post(poison, NO_QUOTA),
      batcher.post(good[1]!, NO_QUOTA),
    ]);

    expect(batches.mock.calls[0]![0]).toHaveLength(3);
    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(new Set((await storedIds(pairId)).map((row) => row.id))).toEqual(new Set(good.map((m) => m.id)));
  });

  it('refuses a payload holding U+0000 with 400 before it reaches a batch, storing nothing', async () => {
    const relay = testRelay(db());
    const { ana, pairId } = await pairedDevices(relay);
    const before = await snapshot(db().sql, { except: ['rate_limits'] });
    const refused = await relay.post(ana, pairId, { payload: 'bad\u0000payload' });
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe('bad_request');
    expect(await snapshot(db().sql, { except: ['rate_limits'] })).toEqual(before);
  });

  it('answers every post of a batch whose commit fails with a retryable 503, and stores nothing of it', async () => {
    const { sql, control } = failingCommits(db().sql);
    const relay = testRelay({ ...db(), store: new RelayStore(sql) });
    const { ana, bob, pairId } = await pairedDevices(relay);
    // Both tokens are remembered after one post each, so the next posts reach the batcher together.
    expect((await relay.post(ana, pairId)).status).toBe(201);
    expect((await relay.post(bob, pairId)).status).toBe(201);
    const before = await snapshot(db().sql, { except: ['rate_limits'] });
    const transactionsBefore = control.transactions;

    const posts = [
      { device: ana, body: { id: crypto.randomUUID(), payload: 'first' } },
      { device: bob, body: { id: crypto.randomUUID(), payload: 'second' } },
      { device: ana, body: { id: crypto.randomUUID(), payload: 'third' } },
    ];
    control.failing = Infinity;
    const replies = await Promise.all(posts.map((p) => relay.post(p.device, pairId, p.body)));
    control.failing = 0;

    for (const reply of replies) {
      expect(reply.status).toBe(503);
      expect(reply.body.error.code).toBe('internal');
      expect(reply.body.error.message).toMatch(/sends it again/);
    }
    // One batch, then each post alone: nothing was half-written by any of them.
    expect(control.transactions - transactionsBefore).toBeLessThanOrEqual(1 + replies.length);
    expect(await snapshot(db().sql, { except: ['rate_limits'] })).toEqual(before);
    expect(relay.logLines.some((line) => line.includes('a post could not be stored'))).toBe(true);

    // The extension's retries, same ids, once the database is back: each stored once.
    const retried = await Promise.all(posts.map((p) => relay.post(p.device, pairId, p.body)));
    expect(retried.map((r) => r.status)).toEqual([201, 201, 201]);
    expect(retried.map((r) => r.body.seq).sort()).toEqual([3, 4, 5]);
  });

  it('refuses a remembered token once its device is revoked, even by another relay sharing the database', async () => {
    const relay = testRelay(db());
    const { ana, pairId } = await pairedDevices(relay);
    expect((await relay.post(ana, pairId)).status).toBe(201); // the token is now remembered
    // Revoked straight in the database, as another relay instance would: this one hears nothing.
    await new RelayStore(db().sql).revokeDevice(ana.deviceId, Date.now());
    const before = await snapshot(db().sql, { except: ['rate_limits'] });

    const refused = await relay.post(ana, pairId);
    expect(refused.status).toBe(401);
    expect(refused.body.error.code).toBe('unauthorized');
    expect(await snapshot(db().sql, { except: ['rate_limits'] })).toEqual(before);
    // And again, now from the database lookup rather than from memory.
    expect((await relay.post(ana, pairId)).status).toBe(401);
  });
});
