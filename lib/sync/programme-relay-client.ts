/**
 * The programme's relay routes behind lib/programme's seam: a pair's programme dates, and the
 * wrap-up rating a person agreed to share. Each call goes to the relay of that pair, as its device.
 */
import type { BinomeDb, Pair } from '../db/db';
import type { ProgrammeDates, ProgrammeRelay } from '../programme/programme-relay';
import type { SyncDeps } from './deps';

export function programmeRelayClient(db: BinomeDb, client: SyncDeps['client']): ProgrammeRelay {
  const clientFor = async (pair: Pair) => {
    const identity = await db.identities.get(pair.relayUrl);
    if (!identity) throw new Error(`No device registered at ${pair.relayUrl}`);
    return client(identity);
  };
  return {
    async programmeOf(pair: Pair): Promise<ProgrammeDates | null> {
      const { programme, endsAt } = await (await clientFor(pair)).pairProgramme(pair.pairId);
      if (!programme) return null;
      // The pair's own end (planned in the programme's CSV) when the relay has one: it refuses questions after it.
      return { name: programme.name, startsAt: programme.startsAt, endsAt: endsAt ?? programme.endsAt };
    },
    async shareRating(pair, rating) {
      await (await clientFor(pair)).shareRating(pair.pairId, rating);
    },
  };
}
