/** When a pair last showed signs of life: what the nudges count silence from. */
import type { Pair, ProgrammeItem, Thread } from '../db/db';

/** The latest question, reply or programme message of either buddy, or the pairing itself. */
export function lastActivityAt(pair: Pair, threads: Thread[], items: ProgrammeItem[]): number {
  return Math.max(
    pair.createdAt,
    ...threads.filter((thread) => thread.pairId === pair.pairId).map((thread) => thread.updatedAt),
    ...items.filter((item) => item.pairId === pair.pairId).map((item) => item.createdAt),
  );
}
