import { describe, expect, it } from 'vitest';
import { allFromBuddy, allMine, readInboxPage } from '@/lib/conversation/inbox';
import { markRead } from '@/lib/conversation/threads';
import { emptyDb, PAIR_ID, testPair } from '../helpers/db';
import { addEntry } from '../helpers/log-data';

const OTHER_PAIR = '00000000-0000-4000-8000-000000000002';

async function inboxWith(questionsFromLea: number) {
  const db = emptyDb();
  await db.pairs.bulkAdd([
    testPair({ peerName: 'Léa', createdAt: 1 }),
    testPair({ pairId: OTHER_PAIR, peerName: 'Marc', createdAt: 2 }),
  ]);
  const ids: string[] = [];
  for (let index = 0; index < questionsFromLea; index++) {
    ids.push(await addEntry(db, { question: `Question ${index}`, at: 1000 + index * 60_000, direction: 'incoming' }));
  }
  return { db, ids };
}

describe('the inbox page, read from indexes', () => {
  it('lists a buddy’s unread questions first, then the newest, and counts them all', async () => {
    const { db, ids } = await inboxWith(5);
    // Read the two newest: they fall behind the unread ones.
    await markRead(db, ids[4]!);
    await markRead(db, ids[3]!);
    const page = await readInboxPage(db, 20);
    expect(page.groups).toHaveLength(1);
    const [lea] = page.groups;
    expect(lea!.pair.peerName).toBe('Léa');
    expect(lea!.threads.map((thread) => thread.question)).toEqual([
      'Question 2',
      'Question 1',
      'Question 0',
      'Question 4',
      'Question 3',
    ]);
    expect([lea!.total, lea!.unread, page.unreadTotal]).toEqual([5, 3, 3]);
  });

  it('reads only the first rows, and "show all" reads the rest in the same order', async () => {
    const { db, ids } = await inboxWith(30);
    await markRead(db, ids[29]!);
    const page = await readInboxPage(db, 20);
    const [lea] = page.groups;
    expect(lea!.threads).toHaveLength(20);
    expect(lea!.total).toBe(30);
    expect(lea!.threads[0]!.question).toBe('Question 28');
    const all = await allFromBuddy(db, PAIR_ID);
    expect(all).toHaveLength(30);
    expect(all.slice(0, 20).map((thread) => thread.id)).toEqual(lea!.threads.map((thread) => thread.id));
    expect(all.at(-1)!.question).toBe('Question 29');
  });

  it('leaves out buddies with no question for me, and lists my own questions newest first', async () => {
    const db = emptyDb();
    await db.pairs.bulkAdd([
      testPair({ peerName: 'Léa', createdAt: 1 }),
      testPair({ pairId: OTHER_PAIR, peerName: 'Marc', createdAt: 2 }),
    ]);
    await addEntry(db, { question: 'Mine, older', at: 1000, answer: 'Yes' });
    await addEntry(db, { question: 'Mine, newer', at: 5000, pairId: OTHER_PAIR });
    const page = await readInboxPage(db, 1);
    expect(page.groups).toEqual([]);
    expect(page.unreadTotal).toBe(0);
    expect(page.mine.map((thread) => thread.question)).toEqual(['Mine, newer']);
    expect(page.mineTotal).toBe(2);
    expect((await allMine(db)).map((thread) => thread.question)).toEqual(['Mine, newer', 'Mine, older']);
    expect(page.pairs.map((pair) => pair.peerName)).toEqual(['Léa', 'Marc']);
  });
});
