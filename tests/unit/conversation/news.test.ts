import { describe, expect, it } from 'vitest';
import { readInboxPage } from '@/lib/conversation/inbox';
import { readNews } from '@/lib/conversation/news';
import { initialTab, newsTabLabels, newsTotal } from '@/lib/conversation/news-tabs';
import { markRead } from '@/lib/conversation/threads';
import { emptyDb, PAIR_ID, testPair } from '../helpers/db';
import { speak } from '../helpers/i18n';
import { addEntry } from '../helpers/log-data';

const OTHER_PAIR = '00000000-0000-4000-8000-000000000002';

async function twoBuddies() {
  const db = emptyDb();
  await db.pairs.bulkAdd([
    testPair({ peerName: 'Léa', createdAt: 1 }),
    testPair({ pairId: OTHER_PAIR, peerName: 'Marc', createdAt: 2 }),
  ]);
  return db;
}

describe('what waits for me', () => {
  it('counts the questions waiting for my answer and the answers I have not read, in every pair', async () => {
    const db = await twoBuddies();
    await addEntry(db, { question: 'From Léa, waiting', at: 1000, direction: 'incoming' });
    await addEntry(db, { question: 'From Léa, answered', at: 2000, direction: 'incoming', answer: 'Done' });
    await addEntry(db, { question: 'Mine to Léa, answered', at: 3000, answer: 'Like this' });
    await addEntry(db, { question: 'Mine to Marc, answered', at: 4000, answer: 'So', pairId: OTHER_PAIR });
    await addEntry(db, { question: 'Mine to Marc, no answer yet', at: 5000, pairId: OTHER_PAIR });

    const news = await readNews(db);
    expect(news).toEqual({ toAnswer: 1, unreadAnswers: 2 });
    expect(newsTotal(news)).toBe(3);
  });

  it('stops counting an answer as soon as it is read, and the popup’s counts agree', async () => {
    const db = await twoBuddies();
    const answered = await addEntry(db, { question: 'Mine', at: 1000, answer: 'Like this' });
    await addEntry(db, { question: 'Also mine', at: 2000, answer: 'So', pairId: OTHER_PAIR });
    expect((await readNews(db)).unreadAnswers).toBe(2);

    await markRead(db, answered);
    expect(await readNews(db)).toEqual({ toAnswer: 0, unreadAnswers: 1 });
    expect((await readInboxPage(db, 20)).news).toEqual({ toAnswer: 0, unreadAnswers: 1 });
  });

  it('still counts a question I opened but have not answered', async () => {
    const db = await twoBuddies();
    const question = await addEntry(db, { question: 'From Léa', at: 1000, direction: 'incoming' });
    await markRead(db, question);
    expect((await readNews(db)).toAnswer).toBe(1);
  });

  it('does not count a question of a pair that ended: it can never be answered', async () => {
    const db = await twoBuddies();
    await db.pairs.update(PAIR_ID, { leftAt: 5000 });
    await addEntry(db, { question: 'From Léa, who left', at: 1000, direction: 'incoming' });
    await addEntry(db, { question: 'From Marc', at: 2000, direction: 'incoming', pairId: OTHER_PAIR });
    expect((await readNews(db)).toAnswer).toBe(1);
  });
});

describe('the tab the popup opens on', () => {
  it('is the inbox when a buddy’s question waits, even with answers waiting too', () => {
    expect(initialTab({ toAnswer: 1, unreadAnswers: 0 })).toBe('inbox');
    expect(initialTab({ toAnswer: 2, unreadAnswers: 3 })).toBe('inbox');
  });

  it('is my questions when only an answer waits there', () => {
    expect(initialTab({ toAnswer: 0, unreadAnswers: 1 })).toBe('mine');
  });

  it('is the inbox when nothing is new', () => {
    expect(initialTab({ toAnswer: 0, unreadAnswers: 0 })).toBe('inbox');
  });
});

describe('the tabs’ counts', () => {
  it('name what waits in each tab, in the plural each language wants', () => {
    speak('en');
    expect(newsTabLabels({ toAnswer: 1, unreadAnswers: 2 })).toEqual({
      inbox: 'Questions for me (1 to answer)',
      mine: 'My questions (2 new)',
    });
    speak('fr');
    expect(newsTabLabels({ toAnswer: 2, unreadAnswers: 1 })).toEqual({
      inbox: 'Questions pour moi (2 en attente)',
      mine: 'Mes questions (1 nouvelle)',
    });
    expect(newsTabLabels({ toAnswer: 0, unreadAnswers: 3 }).mine).toBe('Mes questions (3 nouvelles)');
  });

  it('say no count where nothing waits', () => {
    speak('en');
    expect(newsTabLabels({ toAnswer: 0, unreadAnswers: 0 })).toEqual({ inbox: 'Questions for me', mine: 'My questions' });
  });
});
