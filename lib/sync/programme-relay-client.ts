/**
 * The programme's relay routes behind lib/programme's seam: a pair's programme dates, and the
 * wrap-up rating a person agreed to share. Each call goes to the relay of that pair, as its device.
 */
import type { BinomeDb, Pair } from '../db/db';
import type { ProgrammeDates, ProgrammeRelay } from '../programme/programme-relay';
import type { SyncDeps } from './deps';

/** A programme's dates change rarely: each pair's are asked again at most this often, not at every sync round. */
export const PROGRAMME_READ_EVERY_MS = 60 * 60_000;

export function programmeRelayClient(db: BinomeDb, client: SyncDeps['client'], now: () => number = Date.now): ProgrammeRelay {
  // In the worker's memory: a new pair is read at once, a restarted worker reads each pair again.
  const lastRead = new Map<string, { at: number; dates: ProgrammeDates | null }>();
  const clientFor = async (pair: Pair) => {
    const identity = await db.identities.get(pair.relayUrl);
    if (!identity) throw new Error(`No device registered at ${pair.relayUrl}`);
    return client(identity);
  };
  return {
    async programmeOf(pair: Pair): Promise<ProgrammeDates | null> {
      const known = lastRead.get(pair.pairId);
      if (known && now() - known.at < PROGRAMME_READ_EVERY_MS) return known.dates;
      const { programme, endsAt } = await (await clientFor(pair)).pairProgramme(pair.pairId);
      // The pair's own end (planned in the programme's CSV) when the relay has one: it refuses questions after it.
      const dates = programme ? { name: programme.name, startsAt: programme.startsAt, endsAt: endsAt ?? programme.endsAt } : null;
      lastRead.set(pair.pairId, { at: now(), dates });
      return dates;
    },
    async shareRating(pair, rating) {
      await (await clientFor(pair)).shareRating(pair.pairId, rating);
    },
  };
}
