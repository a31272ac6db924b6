/**
 * Knowledge-log search: every word of the query must start a word of the entry (case and
 * accents ignored, in any language). Matching and a first ranking use only Dexie's
 * multi-entry indexes (ids, never whole entries): a word found in the question counts
 * more than one found in the answers or the page, and ids (UUIDv7) order by time. Only
 * the best page of entries is read and finely ranked (whole words above prefixes).
 */
import type { BinomeDb, Thread, ThreadStatus } from './db';
import { wordsOf } from './text';

export interface LogFilters {
  tool?: string;
  pairId?: string;
  status?: Extract<ThreadStatus, 'answered' | 'resolved'>;
  /** Answered on or after, ms epoch. */
  from?: number;
  /** Answered before, ms epoch. */
  to?: number;
}

export const PAGE_SIZE = 50;

function passes(thread: Thread, filters: LogFilters): boolean {
  return (
    thread.answeredAt > 0 &&
    (!filters.tool || thread.tool === filters.tool) &&
    (!filters.pairId || thread.pairId === filters.pairId) &&
    (!filters.status || thread.status === filters.status) &&
    (filters.from === undefined || thread.answeredAt >= filters.from) &&
    (filters.to === undefined || thread.answeredAt < filters.to)
  );
}

/** Fine score on a whole entry: whole words beat prefixes, the question beats the rest. */
function fineScore(thread: Thread, tokens: string[]): number {
  let total = 0;
  for (const token of tokens) {
    if (thread.questionWords.includes(token)) total += 4;
    else if (thread.questionWords.some((word) => word.startsWith(token))) total += 3;
    else if (thread.words.includes(token)) total += 2;
    else total += 1;
  }
  return total;
}

/**
 * One native getAllKeys() over the index range: Dexie's primaryKeys() walks a cursor,
 * one round trip per key, which costs ~100× more on large logs.
 */
async function idsStartingWith(db: BinomeDb, index: 'words' | 'questionWords', token: string): Promise<Set<string>> {
  const native = db.backendDB();
  const range = IDBKeyRange.bound(token, `${token}\uffff`);
  const request = native.transaction('threads', 'readonly').objectStore('threads').index(index).getAllKeys(range);
  const keys = await new Promise<IDBValidKey[]>((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  return new Set(keys as string[]);
}

/** Ids matching every token, ranked by where they match, then newest first. */
async function rankedIds(db: BinomeDb, tokens: string[]): Promise<string[]> {
  const everywhere = await Promise.all(tokens.map((token) => idsStartingWith(db, 'words', token)));
  const inQuestion = await Promise.all(tokens.map((token) => idsStartingWith(db, 'questionWords', token)));
  const [smallest, ...others] = [...everywhere].sort((a, b) => a.size - b.size);
  const matching = [...(smallest ?? [])].filter((id) => others.every((set) => set.has(id)));
  const coarse = new Map(matching.map((id) => [id, inQuestion.reduce((sum, set) => sum + (set.has(id) ? 2 : 1), 0)]));
  return matching.sort((a, b) => coarse.get(b)! - coarse.get(a)! || (a < b ? 1 : a > b ? -1 : 0));
}

/**
 * Entries of the log (answered threads) that match, best first; newest answer first
 * without a query. Reads at most what is needed for `limit` entries that pass the filters.
 */
export async function searchLog(
  db: BinomeDb,
  query: string,
  filters: LogFilters = {},
  limit = PAGE_SIZE,
): Promise<Thread[]> {
  const tokens = wordsOf(query);
  await db.open();
  if (tokens.length === 0) {
    return db.threads
      .where('answeredAt')
      .above(0)
      .reverse()
      .filter((thread) => passes(thread, filters))
      .limit(limit)
      .toArray();
  }
  const ids = await rankedIds(db, tokens);
  const found: Thread[] = [];
  // Read in slices a little larger than what is still needed, so filters rarely cost a second trip.
  for (let offset = 0; offset < ids.length && found.length < limit + PAGE_SIZE; ) {
    const slice = ids.slice(offset, offset + limit + PAGE_SIZE);
    offset += slice.length;
    for (const thread of await db.threads.bulkGet(slice)) {
      if (thread && passes(thread, filters)) found.push(thread);
    }
  }
  const scores = new Map(found.map((thread) => [thread.id, fineScore(thread, tokens)]));
  return found
    .sort((a, b) => scores.get(b.id)! - scores.get(a.id)! || b.answeredAt - a.answeredAt)
    .slice(0, limit);
}

/** The log entries about one site, newest first: what the popup recalls there. */
export async function entriesForSite(db: BinomeDb, site: string, limit = 3): Promise<Thread[]> {
  if (!site) return [];
  const entries = await db.threads.where('site').equals(site).toArray();
  return entries
    .filter((thread) => thread.answeredAt > 0)
    .sort((a, b) => b.answeredAt - a.answeredAt)
    .slice(0, limit);
}
