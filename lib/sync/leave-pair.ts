/** Leaving a pair: both sides see it, nothing more can be sent in it, its log stays. */
import { RelayError } from './relay-client';
import type { SyncDeps } from './deps';

export async function leavePair(deps: Pick<SyncDeps, 'db' | 'client' | 'now'>, pairId: string): Promise<void> {
  const { db } = deps;
  const pair = await db.pairs.get(pairId);
  if (!pair) throw new Error(`Unknown pair ${pairId}`);
  // Already over, whoever left: nothing to tell anyone.
  if (pair.leftAt !== null) return;
  const identity = await db.identities.get(pair.relayUrl);
  // A pair known only from an import has no relay to tell.
  if (identity) {
    try {
      await deps.client(identity).leavePair(pairId);
    } catch (error) {
      // Not a member any more (or never known there): leaving here is all that is left to do.
      if (!(error instanceof RelayError && error.code === 'not_found')) throw error;
    }
  }
  await db.transaction('rw', db.pairs, db.outbox, async () => {
    await db.pairs.update(pairId, { leftAt: deps.now(), leftByMe: true });
    await db.outbox
      .where('pairId')
      .equals(pairId)
      .filter((item) => item.rejected === null)
      .modify({ rejected: 'pair_ended' });
  });
}
