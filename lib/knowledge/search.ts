/**
 * Knowledge-log search: every word of the query must start a word of the entry (case and
 * accents ignored, in any language). Entries are ranked by where their words match, then
 * newest answer first: per query word, a whole word of the question counts 4, a word of the
 * question it starts 3, a whole word elsewhere 2, a word elsewhere it starts 1.
 *
 * All of it is decided on the inverted index (lib/db/search-index.ts): the postings of each
 * query word (of every word it starts, for a prefix) are read, intersected from the rarest,
 * and scored; only the entries of the page shown are then read, best first, until enough pass
 * the filters. Nothing is scanned, so two common words cost about what one rare word does.
 */
import type { BinomeDb, SearchTerm, Thread, ThreadStatus } from '../db/db';
import { wordsOf } from '../db/text';

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

/** Whether a log entry passes the filters (exported for the benchmark's older search). */
export function passes(thread: Thread, filters: LogFilters): boolean {
  return (
    thread.answeredAt > 0 &&
    (!filters.tool || thread.tool === filters.tool) &&
    (!filters.pairId || thread.pairId === filters.pairId) &&
    (!filters.status || thread.status === filters.status) &&
    (filters.from === undefined || thread.answeredAt >= filters.from) &&
    (filters.to === undefined || thread.answeredAt < filters.to)
  );
}

/** Per query word: the entries that have a word it starts, ascending, and the score of each. */
interface Matches {
  docs: Float64Array;
  scores: Uint8Array;
}

function scoreOf(exact: boolean, inQuestion: number): number {
  return inQuestion ? (exact ? 4 : 3) : exact ? 2 : 1;
}

/** A word's chunks (in order) as one list. */
function joined(rows: SearchTerm[]): SearchTerm[] {
  const words: SearchTerm[] = [];
  for (let start = 0; start < rows.length; ) {
    let end = start + 1;
    while (end < rows.length && rows[end]!.word === rows[start]!.word) end++;
    const chunks = rows.slice(start, end);
    if (chunks.length === 1) words.push(chunks[0]!);
    else {
      const docs = new Float64Array(chunks.reduce((sum, chunk) => sum + chunk.docs.length, 0));
      const inQuestion = new Uint8Array(docs.length);
      let at = 0;
      for (const chunk of chunks) {
        docs.set(chunk.docs, at);
        inQuestion.set(chunk.inQuestion, at);
        at += chunk.docs.length;
      }
      words.push({ word: chunks[0]!.word, from: 0, docs, inQuestion });
    }
    start = end;
  }
  return words;
}

function matchesOf(token: string, chunks: SearchTerm[]): Matches {
  const rows = joined(chunks);
  if (rows.length === 1) {
    const [row] = rows as [SearchTerm];
    const exact = row.word === token;
    return { docs: row.docs, scores: row.inQuestion.map((flag) => scoreOf(exact, flag)) };
  }
  // A prefix of several words: an entry counts once, with the best of its words.
  const best = new Map<number, number>();
  for (const row of rows) {
    const exact = row.word === token;
    row.docs.forEach((doc, at) => {
      const score = scoreOf(exact, row.inQuestion[at]!);
      if (!(best.get(doc)! >= score)) best.set(doc, score);
    });
  }
  const docs = Float64Array.from(best.keys()).sort();
  return { docs, scores: Uint8Array.from(docs, (doc) => best.get(doc)!) };
}

/** Index of `doc` in the ascending `docs` at or below `high`, or -1. */
function find(docs: Float64Array, doc: number, high: number): number {
  let low = 0;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    const value = docs[middle]!;
    if (value === doc) return middle;
    if (value < doc) low = middle + 1;
    else high = middle - 1;
  }
  return -1;
}

/**
 * Entry numbers holding every query word, best score first, then newest: the rarest list is
 * walked from its newest entry, each other list searched below where the last match was.
 * Only numbers from `floor` up are walked; the walk stops once `need` entries have the best
 * score there can be (`top`), since no older entry can come before them.
 */
function rank(perToken: Matches[], floor = Number.NEGATIVE_INFINITY, top = 0, need = Number.POSITIVE_INFINITY): number[] {
  const [rarest, ...others] = [...perToken].sort((a, b) => a.docs.length - b.docs.length) as [Matches, ...Matches[]];
  const buckets: number[][] = Array.from({ length: 4 * perToken.length + 1 }, () => []);
  const highs = others.map((list) => list.docs.length - 1);
  walk: for (let at = rarest.docs.length - 1; at >= 0 && rarest.docs[at]! >= floor; at--) {
    const doc = rarest.docs[at]!;
    let score = rarest.scores[at]!;
    for (let other = 0; other < others.length; other++) {
      const found = find(others[other]!.docs, doc, highs[other]!);
      if (found < 0) continue walk;
      highs[other] = found;
      score += others[other]!.scores[found]!;
    }
    buckets[score]!.push(doc);
    if (score === top && buckets[top]!.length >= need) return buckets[top]!;
  }
  return top ? [] : buckets.reverse().flat();
}

type ChunkKey = [word: string, from: number];

/**
 * For one word that is in much of the log: the chunks that hold every entry from the start of
 * its second-newest chunk on (for each word the prefix starts, those from there and the one
 * before), or null when the word's chunks are few enough to read whole.
 */
function newestChunks(keys: ChunkKey[]): { floor: number; keys: ChunkKey[] } | null {
  const froms = new Map<string, number[]>();
  for (const [word, from] of keys) froms.set(word, [...(froms.get(word) ?? []), from]);
  const longest = [...froms.values()].reduce((a, b) => (b.length > a.length ? b : a), []);
  if (longest.length < NEWEST_CHUNKS_FROM) return null;
  const floor = longest[longest.length - 2]!;
  const chosen: ChunkKey[] = [];
  for (const [word, list] of froms) {
    // A word's chunk holds numbers up to the next one's start: the last starting below the floor reaches above it.
    const first = Math.max(
      0,
      list.findLastIndex((from) => from <= floor),
    );
    for (const from of list.slice(first)) chosen.push([word, from]);
  }
  return { floor, keys: chosen };
}

/** A word with this many chunks (6,000 entries or more) is first looked for in its newest ones only. */
const NEWEST_CHUNKS_FROM = 3;
/** The newest chunks answer alone when they hold this many more best entries than a page: filters may drop some. */
const SPARE = 10;

/** The first page read, then larger ones: a filter that rejects most entries costs few round trips. */
const FIRST_READ = 20;
const LARGEST_READ = 1000;

/**
 * Entries of the log (answered threads) that match, best first; newest answer first
 * without a query. Reads only what is needed for `limit` entries that pass the filters.
 */
export async function searchLog(db: BinomeDb, query: string, filters: LogFilters = {}, limit = PAGE_SIZE): Promise<Thread[]> {
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
  // One transaction for every read: each costs about a millisecond in Chromium.
  return db.transaction('r', [db.searchTerms, db.searchDocs, db.threads], () => searchIndex(db, tokens, filters, limit));
}

async function searchIndex(db: BinomeDb, tokens: string[], filters: LogFilters, limit: number): Promise<Thread[]> {
  const range = (token: string) =>
    db.searchTerms.where('[word+from]').between([token, Number.NEGATIVE_INFINITY], [`${token}\uffff`, Infinity], true, true);
  if (tokens.length === 1) {
    // One common word: its newest entries with the best score usually fill the page.
    const [token] = tokens as [string];
    const newest = newestChunks((await range(token).primaryKeys()) as ChunkKey[]);
    if (newest) {
      const rows = (await db.searchTerms.bulkGet(newest.keys)).filter((row): row is SearchTerm => !!row);
      const top = rows.some((row) => row.word === token) ? 4 : 3;
      const best = rank([matchesOf(token, rows)], newest.floor, top, limit + SPARE);
      const found = best.length ? await readRanked(db, best, filters, limit) : [];
      if (found.length === limit) return found;
    }
  }
  const rows = await Promise.all(tokens.map((token) => range(token).toArray()));
  if (rows.some((list) => list.length === 0)) return [];
  return readRanked(db, rank(tokens.map((token, at) => matchesOf(token, rows[at]!))), filters, limit);
}

/** The first `limit` of the ranked entries that pass the filters, read a page at a time. */
async function readRanked(db: BinomeDb, ranked: number[], filters: LogFilters, limit: number): Promise<Thread[]> {
  const found: Thread[] = [];
  let read = Math.max(FIRST_READ, limit);
  for (let offset = 0; offset < ranked.length && found.length < limit; offset += read, read = Math.min(read * 2, LARGEST_READ)) {
    const docs = await db.searchDocs.bulkGet(ranked.slice(offset, offset + read));
    const ids = docs.filter((doc) => doc !== undefined).map((doc) => doc.threadId);
    for (const thread of await db.threads.bulkGet(ids)) {
      if (thread && passes(thread, filters)) found.push(thread);
      if (found.length === limit) break;
    }
  }
  return found;
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
