import { describe, expect, it } from 'vitest';
import { searchLog } from '@/lib/search';
import { composeMessage } from '@/lib/threads';
import { foldText, wordsOf } from '@/lib/text';
import { freshDb, testPair } from './helpers/db';

describe('text folding', () => {
  it('ignores case and accents', () => {
    expect(foldText('Tableau Croisé Élève')).toBe('tableau croise eleve');
    expect(wordsOf('Créer un « tableau croisé » !', 'Excel')).toEqual(['creer', 'un', 'tableau', 'croise', 'excel']);
  });
});

describe('searchLog', () => {
  async function logWith(entries: { question: string; answer?: string; at: number }[]) {
    const db = freshDb();
    const pair = testPair({ myRole: 'helper' });
    for (const entry of entries) {
      const threadId = crypto.randomUUID();
      // Seen from the helper's side, the question is the buddy's and the answer mine.
      await composeMessage(db, { ...pair }, 'question', { threadId, text: entry.question, context: null }, { id: threadId, now: entry.at });
      if (entry.answer) {
        await composeMessage(db, pair, 'answer', { threadId, text: entry.answer }, { id: crypto.randomUUID(), now: entry.at + 1 });
      }
    }
    return db;
  }

  it('lists answered entries only, newest answer first', async () => {
    const db = await logWith([
      { question: 'Old one', answer: 'yes', at: 10 },
      { question: 'Unanswered', at: 20 },
      { question: 'New one', answer: 'sure', at: 30 },
    ]);
    expect((await searchLog(db, '')).map((thread) => thread.question)).toEqual(['New one', 'Old one']);
  });

  it('finds "tableau croise" in "Tableau croisé", by a word of the answer, by prefix', async () => {
    const db = await logWith([
      { question: 'Comment faire un Tableau croisé dynamique ?', answer: 'Insertion puis TCD', at: 10 },
      { question: 'Publish a LinkedIn post', answer: 'Click Start a post', at: 20 },
    ]);
    expect((await searchLog(db, 'tableau croise')).map((t) => t.question)).toEqual(['Comment faire un Tableau croisé dynamique ?']);
    expect((await searchLog(db, 'INSERTION')).length).toBe(1);
    expect((await searchLog(db, 'linked pub')).map((t) => t.question)).toEqual(['Publish a LinkedIn post']);
    expect(await searchLog(db, 'tableau linkedin')).toEqual([]);
  });
});
