/**
 * The numbers each side seals with its messages in a pair (lib/trust/crypto.ts v2), and what the
 * receiver learns from them. The relay orders messages with its own seq, which it can
 * change at will; these numbers it cannot change, so a number skipped means a message of
 * the buddy never arrived, and a number arriving after a higher one means the relay
 * reordered them.
 */
import type { BinomeDb, Pair, PairCounters } from '../db/db';
import { t } from '../i18n/i18n';

type Ranges = PairCounters['received'];

function emptyCounters(pairId: string): PairCounters {
  return { pairId, sent: 0, received: [], reorderedAt: null, acknowledged: 0 };
}

/** The number for my next message in the pair; persisted before use, so it never repeats. */
export async function reserveCounter(db: BinomeDb, pairId: string): Promise<number> {
  return db.transaction('rw', db.counters, async () => {
    const counters = (await db.counters.get(pairId)) ?? emptyCounters(pairId);
    const next = counters.sent + 1;
    await db.counters.put({ ...counters, sent: next });
    return next;
  });
}

/** Adds a number to sorted disjoint ranges; `known` when it was already there. */
export function addToRanges(ranges: Ranges, value: number): { ranges: Ranges; known: boolean } {
  if (ranges.some(([first, last]) => first <= value && value <= last)) return { ranges, known: true };
  const sorted = [...ranges.map(([first, last]): [number, number] => [first, last]), [value, value] as [number, number]].sort(
    (a, b) => a[0] - b[0],
  );
  const merged: Ranges = [];
  for (const range of sorted) {
    const last = merged.at(-1);
    if (last && last[1] + 1 >= range[0]) last[1] = Math.max(last[1], range[1]);
    else merged.push(range);
  }
  return { ranges: merged, known: false };
}

/** How many of the buddy's numbers above `acknowledged` are missing below the highest one seen. */
export function missingCount(counters: Pick<PairCounters, 'received' | 'acknowledged'>): number {
  let missing = 0;
  let expected = counters.acknowledged + 1;
  for (const [first, last] of counters.received) {
    if (first > expected) missing += first - expected;
    expected = Math.max(expected, last + 1);
  }
  return missing;
}

export function mayBeMissing(counters: PairCounters | undefined): boolean {
  return !!counters && (counters.reorderedAt !== null || missingCount(counters) > 0);
}

/**
 * Records the buddy's numbers in the order the relay delivered them (by seq). Must run
 * inside a transaction over `counters`. A number seen before (a replay, or a re-pull after
 * the relay went backwards) changes nothing.
 */
export async function recordReceived(db: BinomeDb, pairId: string, numbers: number[], now: number): Promise<void> {
  if (numbers.length === 0) return;
  const counters = (await db.counters.get(pairId)) ?? emptyCounters(pairId);
  let { received, reorderedAt } = counters;
  for (const value of numbers) {
    const highest = received.at(-1)?.[1] ?? 0;
    const added = addToRanges(received, value);
    if (added.known) continue;
    if (value < highest) {
      console.warn(`Binôme: message ${value} from the buddy in pair ${pairId} arrived after message ${highest}`);
      reorderedAt ??= now;
    }
    received = added.ranges;
  }
  await db.counters.put({ ...counters, received, reorderedAt });
}

/** The person has checked with their buddy: what is missing now no longer warns. */
export async function hideOrderWarning(db: BinomeDb, pairId: string): Promise<void> {
  await db.transaction('rw', db.counters, async () => {
    const counters = await db.counters.get(pairId);
    if (!counters) return;
    await db.counters.put({ ...counters, acknowledged: counters.received.at(-1)?.[1] ?? 0, reorderedAt: null });
  });
}

export function orderWarningText(pair: Pair): string {
  return t('message_may_be_missing', pair.peerName);
}
