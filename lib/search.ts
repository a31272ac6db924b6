/** Knowledge-log search: every word of the query must start a word of the entry. */
import type { BinomeDb, Thread } from './db';
import { wordsOf } from './text';

function matchesAll(thread: Thread, tokens: string[]): boolean {
  return tokens.every((token) => thread.words.some((word) => word.startsWith(token)));
}

/** Entries of the log (answered threads), newest answer first. */
export async function searchLog(db: BinomeDb, query: string): Promise<Thread[]> {
  const tokens = wordsOf(query);
  const [first, ...rest] = tokens;
  const candidates = first
    ? await db.threads.where('words').startsWith(first).distinct().toArray()
    : await db.threads.where('answeredAt').above(0).toArray();
  return candidates
    .filter((thread) => thread.answeredAt > 0 && (!first || matchesAll(thread, rest)))
    .sort((a, b) => b.answeredAt - a.answeredAt);
}
