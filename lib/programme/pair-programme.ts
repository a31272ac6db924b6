/** Everything about one pair's programme, read in one go: the UI and the background both start here. */
import type { BinomeDb, Pair, PairProgramme, ProgrammeItem } from '../db/db';
import { charterState, type CharterState } from './charter';
import { pairEnd, type PairEnd } from './end';

export interface PairProgrammeState {
  pair: Pair;
  items: ProgrammeItem[];
  charter: CharterState;
  /** The programme the relay says the pair belongs to, if any. */
  programme: PairProgramme | null;
  end: PairEnd | null;
}

export function programmeStateOf(pair: Pair, items: ProgrammeItem[], programme: PairProgramme | null): PairProgrammeState {
  const charter = charterState(items);
  return { pair, items, charter, programme, end: pairEnd(charter.agreed, programme) };
}

export async function readPairProgramme(db: BinomeDb, pair: Pair): Promise<PairProgrammeState> {
  const [items, programme] = await Promise.all([
    db.programmeItems.where('pairId').equals(pair.pairId).toArray(),
    db.pairProgrammes.get(pair.pairId),
  ]);
  return programmeStateOf(pair, items, programme ?? null);
}
