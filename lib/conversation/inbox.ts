/**
 * What the popup shows first, read from indexes (schema version 3): per buddy, the first
 * rows of their questions for me, unread first and then the newest, with the counts; and
 * the first rows of my questions. Never every thread: "Show all" loads the rest.
 */
import Dexie from 'dexie';
import type { BinomeDb, Pair, Thread } from '../db/db';
import { readNews, type News } from './news';

/** Rows per list before "Show all": what fits in a popup and a glance. */
export const INBOX_FIRST_ROWS = 20;

export interface InboxGroup {
  pair: Pair;
  /** The first rows: unread first, then the newest. */
  threads: Thread[];
  total: number;
  unread: number;
}

export interface InboxPage {
  pairs: Pair[];
  groups: InboxGroup[];
  unreadTotal: number;
  mine: Thread[];
  mineTotal: number;
  /** The tabs' counts, read in the same transaction as the lists they count. */
  news: News;
}

function pairRange(db: BinomeDb, pairId: string, unread: 0 | 1) {
  return db.threads
    .where('[direction+pairId+unread+updatedAt]')
    .between(['incoming', pairId, unread, Dexie.minKey], ['incoming', pairId, unread, Dexie.maxKey]);
}

async function groupOf(db: BinomeDb, pair: Pair, limit: number): Promise<InboxGroup> {
  const [unread, read] = await Promise.all([pairRange(db, pair.pairId, 1).count(), pairRange(db, pair.pairId, 0).count()]);
  const first = await pairRange(db, pair.pairId, 1).reverse().limit(limit).toArray();
  if (first.length < limit)
    first.push(
      ...(await pairRange(db, pair.pairId, 0)
        .reverse()
        .limit(limit - first.length)
        .toArray()),
    );
  return { pair, threads: first, total: unread + read, unread };
}

function myQuestions(db: BinomeDb) {
  return db.threads.where('[direction+updatedAt]').between(['outgoing', Dexie.minKey], ['outgoing', Dexie.maxKey]);
}

/** One read transaction, so the buddies, lists and counts agree with each other. */
export function readInboxPage(db: BinomeDb, limit: number): Promise<InboxPage> {
  return db.transaction('r', db.pairs, db.threads, async () => {
    const pairs = await db.pairs.orderBy('createdAt').toArray();
    const groups = (await Promise.all(pairs.map((pair) => groupOf(db, pair, limit)))).filter((group) => group.total > 0);
    const [mine, mineTotal, news] = await Promise.all([
      myQuestions(db).reverse().limit(limit).toArray(),
      myQuestions(db).count(),
      readNews(db),
    ]);
    return { pairs, groups, unreadTotal: groups.reduce((sum, group) => sum + group.unread, 0), mine, mineTotal, news };
  });
}

/** Everything behind "Show all", in the same order as the first rows. */
export function allFromBuddy(db: BinomeDb, pairId: string): Promise<Thread[]> {
  return db.transaction('r', db.threads, async () => {
    const [unread, read] = await Promise.all([
      pairRange(db, pairId, 1).reverse().toArray(),
      pairRange(db, pairId, 0).reverse().toArray(),
    ]);
    return [...unread, ...read];
  });
}

export async function allMine(db: BinomeDb): Promise<Thread[]> {
  return myQuestions(db).reverse().toArray();
}
