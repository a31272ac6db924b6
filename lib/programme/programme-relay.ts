/**
 * The seam between the pair's programme and the relay's programme routes (built on the relay
 * side apart): the relay knows which programme a pair belongs to and its dates, and takes a
 * wrap-up rating the person agreed to share, to count it in an aggregate. Nothing else of the
 * programme ever goes to the relay in clear.
 *
 * Until a relay client implements `ProgrammeRelay`, `noProgrammeRelay` is used: no pair is in a
 * programme, and a rating to share waits in `wrapUps` (sharedAt null) for a relay that takes it.
 */
import type { BinomeDb, Pair, PairProgramme, WrapUp } from '../db/db';

export type ProgrammeDates = Omit<PairProgramme, 'pairId'>;

/** What is shared: never the buddy's name, never a word. */
export interface SharedRating {
  rating: number;
  wouldRecommend: boolean;
}

export interface ProgrammeRelay {
  /** The programme the pair belongs to, or null when it belongs to none. */
  programmeOf(pair: Pair): Promise<ProgrammeDates | null>;
  shareRating(pair: Pair, rating: SharedRating): Promise<void>;
}

export const noProgrammeRelay: ProgrammeRelay = {
  programmeOf: async () => null,
  shareRating: async () => {
    throw new Error('This relay takes no programme ratings yet');
  },
};

/** Records what the relay reports, so that the end and the certificate read it without the network. */
export async function recordProgramme(db: BinomeDb, pairId: string, dates: ProgrammeDates | null): Promise<void> {
  const stored = await db.pairProgrammes.get(pairId);
  // Unchanged, nothing is written: a write would redraw every open page that reads the programme.
  if (!dates) {
    if (stored) await db.pairProgrammes.delete(pairId);
    return;
  }
  const same = stored?.name === dates.name && stored.startsAt === dates.startsAt && stored.endsAt === dates.endsAt;
  if (!same) await db.pairProgrammes.put({ pairId, ...dates });
}

export async function refreshProgrammes(db: BinomeDb, relay: ProgrammeRelay): Promise<void> {
  for (const pair of await db.pairs.toArray()) {
    if (pair.importedAt !== undefined) continue;
    await recordProgramme(db, pair.pairId, await relay.programmeOf(pair));
  }
}

/** Ratings the person chose to share that the relay has not taken yet. */
export async function pendingShares(db: BinomeDb): Promise<WrapUp[]> {
  return (await db.wrapUps.toArray()).filter((wrapUp) => wrapUp.shareWithProgramme && wrapUp.sharedAt === null);
}

/** Sends each pending share once the relay takes it; one that fails waits for the next round. */
export async function sharePendingRatings(db: BinomeDb, relay: ProgrammeRelay, now = Date.now()): Promise<number> {
  let shared = 0;
  for (const wrapUp of await pendingShares(db)) {
    const pair = await db.pairs.get(wrapUp.pairId);
    if (!pair) continue;
    try {
      await relay.shareRating(pair, { rating: wrapUp.rating, wouldRecommend: wrapUp.wouldRecommend });
      await db.wrapUps.update(wrapUp.pairId, { sharedAt: now });
      shared++;
    } catch (error) {
      console.warn(`Binôme could not share the rating of pair ${wrapUp.pairId} yet`, error);
    }
  }
  return shared;
}
