import { useLiveQuery } from 'dexie-react-hooks';
import type { Thread } from '@/lib/db/db';
import { readPairProgramme, type PairProgrammeState } from '@/lib/programme/pair-programme';
import { useServices } from '../services';

export interface LivePairProgramme extends PairProgrammeState {
  /** This pair's threads, both ways. */
  threads: Thread[];
}

/** The pair's programme as Dexie holds it, redrawn whenever either buddy's message lands. */
export function usePairProgramme(pairId: string): LivePairProgramme | undefined {
  const { db } = useServices();
  return useLiveQuery(async () => {
    const pair = await db.pairs.get(pairId);
    if (!pair) return undefined;
    const [state, threads] = await Promise.all([
      readPairProgramme(db, pair),
      db.threads.where('pairId').equals(pairId).toArray(),
    ]);
    return { ...state, threads };
  }, [pairId]);
}

/** A day as the person's language writes it: "30 June 2026", « 30 juin 2026 ». */
export function longDay(day: string): string {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  return new Date(year, month - 1, date).toLocaleDateString(undefined, { dateStyle: 'long' });
}
