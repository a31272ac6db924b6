import { describe, expect, it } from 'vitest';
import { deleteEntry } from '@/lib/knowledge/log';
import { entriesForSite, searchLog } from '@/lib/knowledge/search';
import { foldText, wordsOf } from '@/lib/db/text';
import { freshDb } from '../helpers/db';
import { addEntry } from '../helpers/log-data';

const DAY = 86_400_000;

describe('text folding', () => {
  it('ignores case and accents', () => {
    expect(foldText('Tableau Croisé Élève')).toBe('tableau croise eleve');
    expect(wordsOf('Créer un « tableau croisé » !', 'Excel')).toEqual(['creer', 'tableau', 'croise', 'excel']);
    expect(wordsOf('How do I share the file?')).toEqual(['share', 'file']);
  });
});

describe('searchLog', () => {
  it('lists answered entries only, newest answer first', async () => {
    const db = freshDb();
    await addEntry(db, { question: 'Old one', answer: 'yes', at: 10 });
    await addEntry(db, { question: 'Unanswered', at: 20 });
    await addEntry(db, { question: 'New one', answer: 'sure', at: 30 });
    expect((await searchLog(db, '')).map((thread) => thread.question)).toEqual(['New one', 'Old one']);
  });

  it('ignores case and accents in French and English, and finds words of the answer and context', async () => {
    const db = freshDb();
    await addEntry(db, {
      question: 'Comment faire un Tableau croisé dynamique ?',
      answer: 'Insertion puis TCD',
      at: 10,
      url: 'https://excel.officeapps.live.com/x/a.xlsx',
    });
    await addEntry(db, {
      question: 'Publish a LinkedIn post',
      answer: 'Click Start a post',
      at: 20,
      url: 'https://www.linkedin.com/feed/',
    });
    expect((await searchLog(db, 'tableau croise')).map((t) => t.question)).toEqual([
      'Comment faire un Tableau croisé dynamique ?',
    ]);
    expect((await searchLog(db, 'TABLEAU CROISÉ')).length).toBe(1);
    expect((await searchLog(db, 'INSERTION')).length).toBe(1);
    expect((await searchLog(db, 'linked pub')).map((t) => t.question)).toEqual(['Publish a LinkedIn post']);
    expect((await searchLog(db, 'excel')).map((t) => t.question)).toEqual(['Comment faire un Tableau croisé dynamique ?']);
    expect(await searchLog(db, 'tableau linkedin')).toEqual([]);
  });

  it('ranks words of the question above words of the answer, whole words above prefixes', async () => {
    const db = freshDb();
    await addEntry(db, { question: 'Share a file', answer: 'Use the formula bar for formulas', at: 30 });
    await addEntry(db, { question: 'Which formulas add a column?', answer: 'SUM', at: 10 });
    await addEntry(db, { question: 'Formula for averages', answer: 'AVERAGE', at: 20 });
    expect((await searchLog(db, 'formulas')).map((t) => t.question)).toEqual(['Which formulas add a column?', 'Share a file']);
    expect((await searchLog(db, 'formula')).map((t) => t.question)).toEqual([
      'Formula for averages',
      'Which formulas add a column?',
      'Share a file',
    ]);
  });

  it('filters by tool, buddy, status and date', async () => {
    const db = freshDb();
    const otherPair = '00000000-0000-4000-8000-000000000009';
    await addEntry(db, {
      question: 'Excel one',
      answer: 'a',
      at: 1 * DAY,
      url: 'https://excel.officeapps.live.com/x/a.xlsx',
      resolved: true,
    });
    await addEntry(db, { question: 'LinkedIn one', answer: 'b', at: 5 * DAY, url: 'https://www.linkedin.com/feed/' });
    await addEntry(db, {
      question: 'Excel two',
      answer: 'c',
      at: 10 * DAY,
      url: 'https://excel.officeapps.live.com/x/b.xlsx',
      pairId: otherPair,
    });
    const questions = async (filters: Parameters<typeof searchLog>[2]) =>
      (await searchLog(db, '', filters)).map((t) => t.question);
    expect(await questions({ tool: 'excel' })).toEqual(['Excel two', 'Excel one']);
    expect(await questions({ pairId: otherPair })).toEqual(['Excel two']);
    expect(await questions({ status: 'resolved' })).toEqual(['Excel one']);
    expect(await questions({ status: 'answered' })).toEqual(['Excel two', 'LinkedIn one']);
    expect(await questions({ from: 4 * DAY, to: 9 * DAY })).toEqual(['LinkedIn one']);
    expect((await searchLog(db, 'excel', { pairId: otherPair })).map((t) => t.question)).toEqual(['Excel two']);
  });

  it('recalls entries by site, and forgets deleted ones', async () => {
    const db = freshDb();
    const id = await addEntry(db, { question: 'Post?', answer: 'Yes', at: 1, url: 'https://www.linkedin.com/feed/' });
    await addEntry(db, { question: 'Pending', at: 2, url: 'https://www.linkedin.com/in/me' });
    expect((await entriesForSite(db, 'linkedin.com')).map((t) => t.question)).toEqual(['Post?']);
    await deleteEntry(db, id);
    expect(await entriesForSite(db, 'linkedin.com')).toEqual([]);
    expect(await searchLog(db, 'post')).toEqual([]);
  });
});

describe('searchLog on a large log', () => {
  /** 2,500 entries: "excel" in all (common), "budget" in 6 of 7 (common too), "pivot" in every 100th. */
  async function largeLog() {
    const db = freshDb();
    const threads = Array.from({ length: 2500 }, (_, index) => {
      const question = `Excel question ${index}${index % 100 === 0 ? ' pivot' : ''}${index % 7 !== 0 ? ' budget' : ''}`;
      return {
        id: `t${String(index).padStart(6, '0')}`,
        pairId: 'p',
        direction: 'outgoing' as const,
        question,
        context: null,
        status: 'answered' as const,
        askedAt: index,
        updatedAt: index,
        answeredAt: index + 1,
        lastPeerSeq: 0,
        readSeq: 0,
        words: wordsOf(question, 'answer text'),
        questionWords: wordsOf(question),
        tool: 'excel',
        site: '',
        skill: '',
        unread: 0 as const,
      };
    });
    await db.threads.bulkAdd(threads);
    return db;
  }

  it('finds the newest entries for a word that is everywhere, a page at a time', async () => {
    const db = await largeLog();
    const page = await searchLog(db, 'excel');
    expect(page).toHaveLength(50);
    expect(page[0]!.id).toBe('t002499');
    expect((await searchLog(db, 'excel', {}, 100)).length).toBe(100);
  });

  it('intersects a rare word with a common one through the rare word’s index', async () => {
    const db = await largeLog();
    const found = await searchLog(db, 'excel pivot');
    expect(found.map((thread) => thread.id)).toEqual(
      Array.from({ length: 25 }, (_, i) => `t${String((24 - i) * 100).padStart(6, '0')}`),
    );
  });

  it('intersects two common words through the rarer one', async () => {
    const db = await largeLog();
    const found = await searchLog(db, 'excel budget', {}, 3000);
    expect(found).toHaveLength(2500 - Math.ceil(2500 / 7));
    expect(found.every((thread) => thread.question.includes('budget'))).toBe(true);
  });
});
