/**
 * What waits for me, counted from indexes: the toolbar badge, the popup's tab counts and the
 * tab it opens on all read this one count, so that none of them can say something the lists
 * do not show.
 */
import Dexie from 'dexie';
import { isImportedPair, type BinomeDb, type Pair } from '../db/db';
import { permanentRefusal } from './pair-state';
import type { News } from './news-tabs';

export type { News } from './news-tabs';

/** The threads of one pair where my buddy wrote last and I have not read it. */
function unreadOutgoing(db: BinomeDb, pairId: string) {
  return db.threads
    .where('[direction+pairId+unread+updatedAt]')
    .between(['outgoing', pairId, 1, Dexie.minKey], ['outgoing', pairId, 1, Dexie.maxKey]);
}

/** A question there can never be answered: it must not wait on the badge forever. */
function closedForAnswers(pair: Pair): boolean {
  return permanentRefusal(pair) !== null || isImportedPair(pair);
}

function waitingIn(db: BinomeDb, pairId: string): Promise<number> {
  return db.threads
    .where('pairId')
    .equals(pairId)
    .filter((thread) => thread.direction === 'incoming' && thread.status === 'sent')
    .count();
}

/**
 * One read transaction, so both counts describe the same moment. Questions are counted from the
 * index alone, less those of the (rare) pairs closed for answers; unread answers per pair (the
 * index starts with the pair; a person has few), for known pairs only, as the lists do.
 */
export function readNews(db: BinomeDb): Promise<News> {
  return db.transaction('r', db.pairs, db.threads, async () => {
    const pairs = await db.pairs.toArray();
    const [waiting, closed, unread] = await Promise.all([
      db.threads.where('[direction+status]').equals(['incoming', 'sent']).count(),
      Promise.all(pairs.filter(closedForAnswers).map((pair) => waitingIn(db, pair.pairId))),
      Promise.all(pairs.map((pair) => unreadOutgoing(db, pair.pairId).count())),
    ]);
    return { toAnswer: waiting - sum(closed), unreadAnswers: sum(unread) };
  });
}

const sum = (counts: number[]) => counts.reduce((total, count) => total + count, 0);
