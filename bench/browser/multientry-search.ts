/**
 * The search of schema versions 2 to 6, kept for the benchmark only (bench/log-search.ts
 * measures it beside the inverted index that replaced it): it walked the threads table's
 * multi-entry word indexes (`*words`, `*questionWords`), which version 7 dropped.
 */
import type { BinomeDb, Thread } from '../../lib/db/db';
import { wordsOf } from '../../lib/db/text';
import { type LogFilters, passes } from '../../lib/knowledge/search';

const PAGE_SIZE = 50;

/** Fine score on a whole entry: whole words beat prefixes, the question beats the rest. */
export function fineScore(thread: Thread, tokens: string[]): number {
  let total = 0;
  for (const token of tokens) {
    if (thread.questionWords.includes(token)) total += 4;
    else if (thread.questionWords.some((word) => word.startsWith(token))) total += 3;
    else if (thread.words.includes(token)) total += 2;
    else total += 1;
  }
  return total;
}

/** Above this many entries, a word is "common": its ids are not worth fetching. */
const SELECTIVE_CAP = 2000;
const FINE_MARGIN = 10;

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

type WordIndex = 'words' | 'questionWords';

function threadsIndex(db: BinomeDb, index: WordIndex): IDBIndex {
  return db.backendDB().transaction('threads', 'readonly').objectStore('threads').index(index);
}

const prefixRange = (token: string) => IDBKeyRange.bound(token, `${token}\uffff`);

/**
 * Ids of entries with a word starting with each token, or null for a token with more than
 * `cap`. Native getAllKeys() with a count, all in one transaction: Dexie's primaryKeys()
 * walks a cursor, one round trip per key, which costs ~100× more on a large log.
 */
async function idsStartingWith(
  db: BinomeDb,
  index: WordIndex,
  tokens: string[],
  cap = SELECTIVE_CAP,
): Promise<(Set<string> | null)[]> {
  const source = threadsIndex(db, index);
  return Promise.all(
    tokens.map(async (token) => {
      const keys = await request(source.getAllKeys(prefixRange(token), cap + 1));
      return keys.length > cap ? null : new Set(keys as string[]);
    }),
  );
}

/** When every word is common: all ids of the least common one (native counts are cheap). */
async function idsOfRarest(db: BinomeDb, tokens: string[]): Promise<Set<string>> {
  const source = threadsIndex(db, 'words');
  const counts = await Promise.all(tokens.map((token) => request(source.count(prefixRange(token)))));
  const rarest = tokens[counts.indexOf(Math.min(...counts))]!;
  return new Set((await request(source.getAllKeys(prefixRange(rarest)))) as string[]);
}

export function hasAll(thread: Thread, tokens: string[]): boolean {
  return tokens.every((token) => thread.words.some((word) => word.startsWith(token)));
}

/** Newest first (ids are UUIDv7), keeping entries that hold every token: for common words. */
async function newestMatching(db: BinomeDb, tokens: string[], filters: LogFilters, wanted: number): Promise<Thread[]> {
  return db.threads
    .reverse()
    .filter((thread) => passes(thread, filters) && hasAll(thread, tokens))
    .limit(wanted)
    .toArray();
}

/** Through the index of the rarest word: ids ranked by where they match, then newest first. */
async function selectiveMatching(
  db: BinomeDb,
  tokens: string[],
  selective: Set<string>[],
  filters: LogFilters,
  wanted: number,
): Promise<Thread[]> {
  const [smallest, ...others] = [...selective].sort((a, b) => a.size - b.size);
  const ids = [...smallest!].filter((id) => others.every((set) => set.has(id)));
  // Coarse ranking decides which entries are read; when all of them are, the fine one suffices.
  if (ids.length > wanted) {
    const inQuestion = await idsStartingWith(db, 'questionWords', tokens);
    const coarse = new Map(ids.map((id) => [id, inQuestion.reduce((sum, set) => sum + (set?.has(id) ? 2 : 1), 0)]));
    ids.sort((a, b) => coarse.get(b)! - coarse.get(a)! || (a < b ? 1 : a > b ? -1 : 0));
  }
  const found: Thread[] = [];
  for (let offset = 0; offset < ids.length && found.length < wanted; offset += wanted) {
    for (const thread of await db.threads.bulkGet(ids.slice(offset, offset + wanted))) {
      // Common words were not intersected by index: they are checked on the entry itself.
      if (thread && passes(thread, filters) && hasAll(thread, tokens)) found.push(thread);
    }
  }
  return found;
}

/**
 * Entries of the log (answered threads) that match, best first; newest answer first
 * without a query. Reads only what is needed for `limit` entries that pass the filters.
 */
export async function searchLogMultiEntry(
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
  // Fine ranking looks a little further than it returns.
  const wanted = limit + FINE_MARGIN;
  const selective = (await idsStartingWith(db, 'words', tokens)).filter((set): set is Set<string> => set !== null);
  let found: Thread[];
  if (selective.length) found = await selectiveMatching(db, tokens, selective, filters, wanted);
  // One common word: its newest entries come quickly. Several: their overlap may be rare.
  else if (tokens.length === 1) found = await newestMatching(db, tokens, filters, wanted);
  else found = await selectiveMatching(db, tokens, [await idsOfRarest(db, tokens)], filters, wanted);
  const scores = new Map(found.map((thread) => [thread.id, fineScore(thread, tokens)]));
  return found.sort((a, b) => scores.get(b.id)! - scores.get(a.id)! || b.answeredAt - a.answeredAt).slice(0, limit);
}
