import type { MessageKind } from '../../lib/protocol/protocol.ts';
import type { SqlQuery } from './sql.ts';

export type PostMessageResult =
  | { status: 'created' | 'duplicate'; seq: number }
  | {
      status:
        | 'conflict'
        | 'not_found'
        | 'pair_ended'
        | 'peer_revoked'
        | 'quota_exceeded'
        | 'programme_ended'
        /** The sender's device was revoked after its token was checked (or while it was remembered). */
        | 'sender_revoked';
    };

export interface NewMessage {
  pairId: string;
  senderDeviceId: string;
  id: string;
  kind: MessageKind;
  createdAt: number;
  payload: string;
  receivedAt: number;
}

/** What a pair may still take: the storage quota (bytes of payload, `Infinity` for none). */
export interface PostLimits {
  maxStoredBytes: number;
}

/** What a payload counts for in the limits and the quota: its bytes as the database stores them. */
export const payloadBytes = (payload: string): number => Buffer.byteLength(payload, 'utf8');

export interface PendingAppend {
  message: NewMessage;
  limits: PostLimits;
}

/** pg returns bigint columns as strings and PGlite as numbers. */
const toNumber = (value: unknown): number => Number(value);

type PairState = {
  pair_id: string;
  sender: string;
  left_at: unknown;
  stored_bytes: unknown;
  last_seq: unknown;
  ends_at: unknown;
  peer_revoked: boolean;
  sender_revoked: boolean;
};

type StoredMessage = { id: string; pair_id: string; sender_device_id: string; kind: string; seq: unknown };

/**
 * The NOTIFY that tells the hubs about the messages a batch created, sent in the batch's own
 * transaction (relay/hub.ts makes the notices): delivered at its commit, and never without it.
 */
export interface Announce {
  channel: string;
  notices(created: { pairId: string; seq: number }[]): string[];
}

/** What an earlier item of the same batch stored under an id, to answer a repeat of it. */
type BatchCreated = { message: NewMessage; seq: number };

/**
 * Appends a batch of messages, of any pairs, in the caller's transaction, with two statements
 * whatever the batch's size: lock the pairs and look up the ids, then bump the pairs' counters,
 * insert the rows and NOTIFY the hubs (`announce`) together. Each item gets the answer it would
 * have had alone, in the batch's order: a refused item (unknown pair, ended, quota) writes
 * nothing and does not affect the others.
 *
 * Locking the pair rows serialises appends per pair, so seqs are handed out in commit order with
 * no gaps, and stored bytes are counted exactly across relay instances. The rows are locked in
 * pair-id order, so two batches sharing pairs cannot deadlock.
 *
 * A retry of a message already stored is answered as a duplicate before anything else: it must
 * not be refused because the pair ended or filled up after it was stored. The same holds for an
 * id repeated inside one batch (a client retrying while its first post waits for the commit).
 *
 * A unique violation on the INSERT means the same id was committed meanwhile by another batch
 * (another relay instance); the caller retries, and the retry sees that row.
 */
export async function appendMessages(tx: SqlQuery, batch: PendingAppend[], announce?: Announce): Promise<PostMessageResult[]> {
  if (batch.length === 0) return [];
  const pairIds = batch.map((item) => item.message.pairId);
  const senders = batch.map((item) => item.message.senderDeviceId);
  // Locking the pairs and looking up the ids in one statement: one round trip fewer per batch.
  // Its snapshot may predate a batch that committed the same id while this one waited for the
  // lock (a retry racing its original on another connection): the INSERT's unique violation
  // then makes the caller retry, and the retry sees that row.
  const [found] = await tx.query<{ states: PairState[]; stored: StoredMessage[] }>(
    `WITH states AS (
       SELECT p.id AS pair_id, mb.device_id AS sender, p.left_at, p.stored_bytes, p.last_seq,
         -- The programme's end, or the pair's own from the programme's CSV; null outside a programme.
         COALESCE(p.ends_at, (SELECT g.ends_at FROM programmes g WHERE g.id = p.programme_id)) AS ends_at,
         EXISTS (SELECT 1 FROM pair_members o JOIN devices d ON d.id = o.device_id
                 WHERE o.pair_id = p.id AND o.device_id <> mb.device_id AND d.revoked_at IS NOT NULL) AS peer_revoked,
         -- Checked under the lock, not only at sign-in: a token remembered in memory (device-cache.ts)
         -- stops posting the moment its device is revoked.
         sd.revoked_at IS NOT NULL AS sender_revoked
       FROM pairs p
       JOIN pair_members mb ON mb.pair_id = p.id
       JOIN devices sd ON sd.id = mb.device_id
       WHERE (p.id, mb.device_id) IN (SELECT * FROM unnest($1::uuid[], $2::uuid[]))
         -- A pair made by SPAKE2 takes messages only once the inviter confirmed and nobody said it failed.
         AND (p.nameplate IS NULL OR (p.inviter_confirm IS NOT NULL AND p.pairing_failed_at IS NULL))
       ORDER BY p.id
       FOR UPDATE OF p)
     SELECT
       (SELECT COALESCE(json_agg(s), '[]') FROM states s) AS states,
       (SELECT COALESCE(json_agg(m), '[]') FROM (
          SELECT id, pair_id, sender_device_id, kind, seq FROM messages WHERE id = ANY($3::uuid[])) m) AS stored`,
    [pairIds, senders, batch.map((item) => item.message.id)],
    { prepare: 'binome_append_lock' },
  );
  const { states, stored: storedRows } = found!;
  const stateOf = new Map(states.map((s) => [`${s.pair_id}|${s.sender}`, s]));
  // What each pair holds as the batch goes: its counters start from the locked row.
  const running = new Map<string, { lastSeq: number; storedBytes: number; firstSeq: number; bytes: number; n: number }>();
  for (const s of states) {
    if (!running.has(s.pair_id)) {
      const lastSeq = toNumber(s.last_seq);
      running.set(s.pair_id, { lastSeq, storedBytes: toNumber(s.stored_bytes), firstSeq: lastSeq + 1, bytes: 0, n: 0 });
    }
  }

  const stored = await answersForStored(tx, batch, storedRows);
  const createdInBatch = new Map<string, BatchCreated>();
  const results: PostMessageResult[] = [];
  const rows: { m: NewMessage; seq: number }[] = [];

  for (const { message: m, limits } of batch) {
    const state = stateOf.get(`${m.pairId}|${m.senderDeviceId}`);
    if (!state) {
      results.push({ status: 'not_found' });
      continue;
    }
    if (state.sender_revoked) {
      results.push({ status: 'sender_revoked' });
      continue;
    }
    const id = m.id.toLowerCase();
    const previous = stored.get(id);
    if (previous) {
      results.push(previous(m));
      continue;
    }
    const earlier = createdInBatch.get(id);
    if (earlier) {
      results.push(sameMessage(earlier.message, m) ? { status: 'duplicate', seq: earlier.seq } : { status: 'conflict' });
      continue;
    }
    if (state.left_at !== null) {
      results.push({ status: 'pair_ended' });
      continue;
    }
    if (state.peer_revoked) {
      results.push({ status: 'peer_revoked' });
      continue;
    }
    // The relay's clock, not the sender's: a question written before the end but posted after it is refused too.
    if (m.kind === 'question' && state.ends_at !== null && m.receivedAt >= toNumber(state.ends_at)) {
      results.push({ status: 'programme_ended' });
      continue;
    }
    const pair = running.get(m.pairId)!;
    const bytes = payloadBytes(m.payload);
    if (pair.storedBytes + bytes > limits.maxStoredBytes) {
      results.push({ status: 'quota_exceeded' });
      continue;
    }
    pair.lastSeq += 1;
    pair.storedBytes += bytes;
    pair.bytes += bytes;
    pair.n += 1;
    createdInBatch.set(id, { message: m, seq: pair.lastSeq });
    rows.push({ m, seq: pair.lastSeq });
    results.push({ status: 'created', seq: pair.lastSeq });
  }
  if (rows.length === 0) return results;

  const bumped = [...running.entries()].filter(([, pair]) => pair.n > 0);
  const notices = announce?.notices(rows.map((r) => ({ pairId: r.m.pairId, seq: r.seq }))) ?? [];
  // One statement, one round trip: the counters' UPDATE and the rows' INSERT ride along as
  // data-modifying CTEs of the NOTIFY, which PostgreSQL delivers only once the transaction commits.
  await tx.query(
    `WITH bumped AS (
       UPDATE pairs p SET last_seq = p.last_seq + t.n, stored_bytes = p.stored_bytes + t.bytes
       FROM unnest($9::uuid[], $10::bigint[], $11::bigint[]) AS t(id, n, bytes) WHERE p.id = t.id),
     inserted AS (
       INSERT INTO messages (pair_id, seq, id, sender_device_id, kind, created_at, received_at, payload)
       SELECT * FROM unnest($1::uuid[], $2::bigint[], $3::uuid[], $4::uuid[], $5::text[], $6::bigint[], $7::bigint[], $8::text[]))
     SELECT pg_notify($12, notice) FROM unnest($13::text[]) AS notice`,
    [
      rows.map((r) => r.m.pairId),
      rows.map((r) => r.seq),
      rows.map((r) => r.m.id),
      rows.map((r) => r.m.senderDeviceId),
      rows.map((r) => r.m.kind),
      rows.map((r) => r.m.createdAt),
      rows.map((r) => r.m.receivedAt),
      rows.map((r) => r.m.payload),
      bumped.map(([id]) => id),
      bumped.map(([, pair]) => pair.n),
      bumped.map(([, pair]) => pair.bytes),
      announce?.channel ?? '',
      notices,
    ],
    { prepare: 'binome_append_insert' },
  );
  return results;
}

const sameMessage = (a: NewMessage, b: NewMessage) =>
  a.pairId === b.pairId && a.senderDeviceId === b.senderDeviceId && a.kind === b.kind && a.payload === b.payload;

/**
 * How to answer a post whose id is already stored. The payloads are compared in SQL, and only
 * for the ids found (a rare retry): shipping every payload back (up to 1 MiB each) just to
 * compare it would cost more than the append.
 */
async function answersForStored(
  tx: SqlQuery,
  batch: PendingAppend[],
  found: StoredMessage[],
): Promise<Map<string, (m: NewMessage) => PostMessageResult>> {
  const answers = new Map<string, (m: NewMessage) => PostMessageResult>();
  for (const row of found) {
    const same = new Map<string, boolean>();
    for (const { message: m } of batch) {
      if (m.id.toLowerCase() !== row.id || same.has(m.payload)) continue;
      const rows = await tx.query<{ same: boolean }>('SELECT payload = $2 AS same FROM messages WHERE id = $1', [
        row.id,
        m.payload,
      ]);
      same.set(m.payload, rows[0]?.same === true);
    }
    answers.set(row.id, (m) =>
      row.pair_id === m.pairId && row.sender_device_id === m.senderDeviceId && row.kind === m.kind && same.get(m.payload)
        ? { status: 'duplicate', seq: toNumber(row.seq) }
        : { status: 'conflict' },
    );
  }
  return answers;
}
