/**
 * Knowledge-log search: every word of the query must start a word of the entry (case and
 * accents ignored, in any language), found through Dexie's multi-entry `words` index, then
 * ranked: words of the question count most, whole words more than prefixes, then recency.
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

function score(thread: Thread, tokens: string[]): number {
  const questionWords = wordsOf(thread.question);
  let total = 0;
  for (const token of tokens) {
    if (questionWords.includes(token)) total += 4;
    else if (questionWords.some((word) => word.startsWith(token))) total += 3;
    else if (thread.words.includes(token)) total += 2;
    else total += 1;
  }
  return total;
}

/** Ids of entries holding a word that starts with every token, smallest set first. */
async function idsMatchingAll(db: BinomeDb, tokens: string[]): Promise<string[]> {
  const sets = await Promise.all(
    tokens.map(async (token) => new Set(await db.threads.where('words').startsWith(token).primaryKeys())),
  );
  sets.sort((a, b) => a.size - b.size);
  const [smallest, ...others] = sets;
  return [...(smallest ?? [])].filter((id) => others.every((set) => set.has(id)));
}

/** Entries of the log (answered threads) that match, best first; newest first without a query. */
export async function searchLog(db: BinomeDb, query: string, filters: LogFilters = {}): Promise<Thread[]> {
  const tokens = wordsOf(query);
  if (tokens.length === 0) {
    const newest = await db.threads.where('answeredAt').above(0).reverse().toArray();
    return newest.filter((thread) => passes(thread, filters));
  }
  const candidates = (await db.threads.bulkGet(await idsMatchingAll(db, tokens))).filter(
    (thread): thread is Thread => !!thread && passes(thread, filters),
  );
  const scores = new Map(candidates.map((thread) => [thread.id, score(thread, tokens)]));
  return candidates.sort((a, b) => scores.get(b.id)! - scores.get(a.id)! || b.answeredAt - a.answeredAt);
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
