/**
 * One sync round: learn new pairs, flush the outbox, pull every pair by cursor, apply.
 * Everything it needs is in Dexie, so a service worker stopped mid-round loses nothing:
 * the next round starts from the same outbox and cursors. Each pair is recorded and
 * pulled on its own: one that fails is marked broken and the others go on.
 */
import type { BinomeDb, Identity, Pair } from '../db/db';
import { RelayError } from './relay-client';
import { applyEnvelopes } from '../conversation/apply';
import { recordPair } from '../trust/keys';
import { completePairings } from './pairing';
import type { SyncDeps } from './deps';
import { PAIR_PROBLEMS, permanentRefusal } from '../conversation/pair-state';
import { markSent, type StoredMessage } from '../conversation/threads';

export interface SyncResult {
  sent: number;
  received: number;
  /** False when a relay could not be reached: the caller retries later. */
  reachable: boolean;
  /** The earliest moment an outbox item is due again, or null when the outbox is empty. */
  retryAt: number | null;
}

const MAX_BACKOFF_MS = 5 * 60_000;

/** 1 s, 2 s, 4 s … capped at five minutes, with jitter so devices do not retry in step. */
export function backoffDelay(attempts: number, random = Math.random): number {
  const base = Math.min(1000 * 2 ** Math.max(0, attempts - 1), MAX_BACKOFF_MS);
  return Math.round(base * (0.5 + random() / 2));
}

export async function refreshPairs(deps: SyncDeps, identity: Identity): Promise<void> {
  const { pairs: listed } = await deps.client(identity).listPairs();
  // Only pairs this browser invited or accepted, once their confirmations matched.
  const pairs = await completePairings(deps, identity, listed);
  for (const info of pairs) {
    try {
      await recordPair(deps.db, info, identity.relayUrl);
    } catch (error) {
      console.warn(`Binôme could not record pair ${info.pairId}`, error);
      await setPairProblem(deps.db, info.pairId, PAIR_PROBLEMS.syncFailed);
    }
  }
}

async function setPairProblem(db: BinomeDb, pairId: string, problem: string | null): Promise<void> {
  await db.pairs.update(pairId, { broken: problem });
}

/**
 * Sends queued messages oldest first. Stops at the first failure that may pass (relay down)
 * so that a pair's messages keep their order; a message the relay refuses for good, or
 * that belongs to a pair that ended or whose buddy was revoked, is marked rejected and the
 * rest go on.
 */
export async function flushOutbox(deps: SyncDeps, identity: Identity): Promise<{ sent: number; reachable: boolean }> {
  const { db } = deps;
  const pairs = new Map(
    (await db.pairs.where('relayUrl').equals(identity.relayUrl).toArray()).map((pair) => [pair.pairId, pair]),
  );
  const items = (await db.outbox.orderBy('createdAt').toArray()).filter(
    (item) => pairs.has(item.pairId) && item.rejected === null,
  );
  const client = deps.client(identity);
  let sent = 0;
  for (const item of items) {
    const refusal = permanentRefusal(pairs.get(item.pairId)!);
    if (refusal) {
      await db.outbox.update(item.id, { rejected: refusal });
      continue;
    }
    try {
      const { seq } = await client.postMessage(item.pairId, {
        id: item.id,
        kind: item.kind,
        createdAt: item.createdAt,
        payload: item.payload,
      });
      await markSent(db, item.id, seq);
      sent++;
    } catch (error) {
      const attempts = item.attempts + 1;
      if (error instanceof RelayError && !error.retryable) {
        await db.outbox.update(item.id, { attempts, rejected: error.code });
        continue;
      }
      await db.outbox.update(item.id, { attempts, nextAttemptAt: deps.now() + backoffDelay(attempts) });
      return { sent, reachable: false };
    }
  }
  return { sent, reachable: true };
}

/**
 * Pulls a pair from its cursor to the relay's last seq. The relay's seq is not
 * authenticated: when the relay says its last seq is below the cursor (restored from a
 * backup, or a seq that jumped and was put back), the pair is pulled again from the start
 * rather than waiting forever for seqs that will never come. Applying is idempotent, so
 * what was already applied is only recognised again.
 */
export async function pullPair(deps: SyncDeps, identity: Identity, pair: Pair): Promise<number> {
  const client = deps.client(identity);
  let cursor = pair.cursor;
  let received = 0;
  let pulledFromStart = cursor === 0;
  const newFromPeer: StoredMessage[] = [];
  try {
    for (;;) {
      const page = await client.pull(pair.pairId, cursor);
      if (page.lastSeq < cursor && !pulledFromStart) {
        console.warn(
          `Binôme: the relay's last seq for pair ${pair.pairId} is ${page.lastSeq}, below ${cursor}: pulling again from the start`,
        );
        cursor = 0;
        pulledFromStart = true;
        continue;
      }
      if (page.messages.length === 0) break;
      const report = await applyEnvelopes(deps.db, pair, identity.deviceId, page.messages, deps.now());
      received += report.outcomes.applied;
      newFromPeer.push(...report.newFromPeer);
      const next = Math.max(cursor, ...page.messages.map((message) => message.seq));
      // The cursor moves only after the batch is in the log: a crash between the two replays it.
      await deps.db.pairs.update(pair.pairId, { cursor: next });
      // A relay that answers the same page again must not keep this loop going.
      if (next === cursor || next >= page.lastSeq) break;
      cursor = next;
    }
  } finally {
    if (newFromPeer.length) await deps.onNewFromPeer?.(pair, newFromPeer);
  }
  return received;
}

export async function syncIdentity(deps: SyncDeps, identity: Identity): Promise<Omit<SyncResult, 'retryAt'>> {
  // The outbox goes first: it is what the person is waiting for, and its failure sets the backoff.
  const flushed = await flushOutbox(deps, identity);
  if (!flushed.reachable) return { sent: flushed.sent, received: 0, reachable: false };
  try {
    await refreshPairs(deps, identity);
    let received = 0;
    for (const pair of await deps.db.pairs.where('relayUrl').equals(identity.relayUrl).toArray()) {
      received += await pullPairOnItsOwn(deps, identity, pair);
    }
    return { sent: flushed.sent, received, reachable: true };
  } catch (error) {
    if (error instanceof RelayError && error.retryable) return { sent: flushed.sent, received: 0, reachable: false };
    throw error;
  }
}

/**
 * A pair's failure stays the pair's: it is marked broken (until a later pull works) and the
 * other pairs are pulled. Only a relay that cannot be reached, or that no longer accepts
 * this device, stops the round.
 */
async function pullPairOnItsOwn(deps: SyncDeps, identity: Identity, pair: Pair): Promise<number> {
  // Without a key nothing decrypts: pulling would reject the buddy's messages and skip them for good.
  if (!pair.pairKey) return 0;
  try {
    const received = await pullPair(deps, identity, pair);
    if (pair.broken === PAIR_PROBLEMS.syncFailed) await setPairProblem(deps.db, pair.pairId, null);
    return received;
  } catch (error) {
    if (error instanceof RelayError && (error.retryable || error.code === 'unauthorized')) throw error;
    // The relay no longer knows the pair: nothing to pull, nothing broken here.
    if (error instanceof RelayError && error.code === 'not_found') return 0;
    console.warn(`Binôme could not sync pair ${pair.pairId}`, error);
    await setPairProblem(deps.db, pair.pairId, PAIR_PROBLEMS.syncFailed);
    return 0;
  }
}

export async function syncAll(deps: SyncDeps): Promise<SyncResult> {
  const result: SyncResult = { sent: 0, received: 0, reachable: true, retryAt: null };
  for (const identity of await deps.db.identities.toArray()) {
    const one = await syncIdentity(deps, identity);
    result.sent += one.sent;
    result.received += one.received;
    result.reachable &&= one.reachable;
  }
  // The oldest pending message blocks the ones behind it, so its backoff sets the next try.
  const head = (await deps.db.outbox.orderBy('createdAt').toArray()).find((item) => item.rejected === null);
  result.retryAt = head ? head.nextAttemptAt : null;
  return result;
}
