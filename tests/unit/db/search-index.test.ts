import Dexie, { liveQuery } from 'dexie';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import {
  BinomeDb,
  SCHEMA_V1,
  SCHEMA_V2,
  SCHEMA_V3,
  SCHEMA_V4,
  SCHEMA_V5,
  SCHEMA_V6,
  type SearchTerm,
  type Thread,
} from '@/lib/db/db';
import { CHUNK_SIZE, buildSearchIndex, baseDocNo } from '@/lib/db/search-index';
import { wordsOf } from '@/lib/db/text';
import { exportJson } from '@/lib/knowledge/export';
import { importJson } from '@/lib/knowledge/import';
import { deleteEntry } from '@/lib/knowledge/log';
import { searchLog } from '@/lib/knowledge/search';
import { emptyDb, freshDb, testPair } from '../helpers/db';
import { addEntry } from '../helpers/log-data';

/** Each word's postings, its chunks joined (where chunks split depends on the order of writes). */
function postings(terms: SearchTerm[]) {
  const byWord = new Map<string, [number[], number[]]>();
  for (const term of terms.sort((a, b) => (a.word < b.word ? -1 : a.word > b.word ? 1 : a.from - b.from))) {
    const [docs, flags] = byWord.get(term.word) ?? [[], []];
    docs.push(...term.docs);
    flags.push(...term.inQuestion);
    byWord.set(term.word, [docs, flags]);
  }
  return [...byWord];
}

/** The index as stored, in plain arrays, to compare with one built from scratch. */
async function storedIndex(db: BinomeDb) {
  const terms = await db.searchTerms.toArray();
  const docs = await db.searchDocs.orderBy('threadId').toArray();
  return { terms: postings(terms), docs: docs.map((doc) => [doc.threadId, doc.docNo]) };
}

/** What the index must hold for the threads there are now: the maintained one may never drift from it. */
async function rebuiltIndex(db: BinomeDb) {
  const { terms, docs } = await buildSearchIndex(await db.threads.orderBy('id').toArray());
  return {
    terms: postings(terms),
    docs: docs.sort((a, b) => (a.threadId < b.threadId ? -1 : 1)).map((doc) => [doc.threadId, doc.docNo]),
  };
}

function thread(id: string, question: string, answeredAt: number, answer = ''): Thread {
  return {
    id,
    pairId: 'p',
    direction: 'outgoing',
    question,
    context: null,
    status: answeredAt ? 'answered' : 'sent',
    askedAt: 1,
    updatedAt: answeredAt || 1,
    answeredAt,
    lastPeerSeq: 0,
    readSeq: 0,
    words: wordsOf(question, answer),
    questionWords: wordsOf(question),
    tool: '',
    site: '',
    skill: '',
    unread: 0,
  };
}

const rowsOf = (db: BinomeDb, word: string) =>
  db.searchTerms.where('[word+from]').between([word, -Infinity], [word, Infinity]).toArray();

const ids = (threads: Thread[]) => threads.map((found) => found.id);

describe('the search index', () => {
  it('follows entries as they are asked, answered, edited by later answers and deleted', async () => {
    const db = freshDb();
    const pivot = await addEntry(db, { question: 'Tableau croisé dynamique ?', answer: 'Insertion puis TCD', at: 10 });
    const pending = await addEntry(db, { question: 'Tableau de bord', at: 20 });
    expect(await rowsOf(db, 'bord')).toEqual([]);
    expect(ids(await searchLog(db, 'tableau'))).toEqual([pivot]);
    expect(await storedIndex(db)).toEqual(await rebuiltIndex(db));

    // The buddy answers the pending question: it joins the log, and its answer's words with it.
    const current = (await db.threads.get(pending))!;
    await db.threads.put({ ...current, answeredAt: 5000, words: [...current.words, 'menu', 'affichage'] });
    expect(ids(await searchLog(db, 'tableau'))).toEqual([pending, pivot]);
    expect(ids(await searchLog(db, 'affichage'))).toEqual([pending]);

    // A read mark changes no word: the index is left as it is.
    await db.threads.update(pivot, { readSeq: 5 });
    // An edit that drops a word and adds one.
    await db.threads.update(pivot, { words: ['tableau', 'croise', 'pivot'] });
    expect(await searchLog(db, 'insertion')).toEqual([]);
    expect(ids(await searchLog(db, 'pivot'))).toEqual([pivot]);
    expect(await storedIndex(db)).toEqual(await rebuiltIndex(db));

    await deleteEntry(db, pivot);
    expect(await searchLog(db, 'pivot')).toEqual([]);
    expect(await rowsOf(db, 'pivot')).toEqual([]);
    expect(await db.searchDocs.where('threadId').equals(pivot).count()).toBe(0);
    expect(await storedIndex(db)).toEqual(await rebuiltIndex(db));

    await db.threads.clear();
    expect(await db.searchTerms.count()).toBe(0);
    expect(await db.searchDocs.count()).toBe(0);
  });

  it('numbers entries answered in the same millisecond apart, and moves an entry whose answer time changes', async () => {
    const db = emptyDb();
    await db.threads.bulkPut([
      thread('a', 'formule somme', 500),
      thread('b', 'formule moyenne', 500),
      thread('c', 'formule', 400),
    ]);
    const numbers = (await db.searchDocs.orderBy('threadId').toArray()).map((doc) => doc.docNo);
    expect(new Set(numbers).size).toBe(3);
    expect(numbers.slice(0, 2).every((docNo) => docNo >= baseDocNo(500) && docNo < baseDocNo(501))).toBe(true);
    // The same score: newest answer first.
    const found = ids(await searchLog(db, 'formule'));
    expect([found.slice(0, 2).sort(), found[2]]).toEqual([['a', 'b'], 'c']);
    await db.threads.update('c', { answeredAt: 900 });
    expect((await searchLog(db, 'formule'))[0]!.id).toBe('c');
    await db.threads.update('c', { answeredAt: 0 });
    expect(ids(await searchLog(db, 'formule')).sort()).toEqual(['a', 'b']);
    expect(await storedIndex(db)).toEqual(await rebuiltIndex(db));
  });

  it('writes a thread given twice in one batch once, and a failed add changes nothing', async () => {
    const db = emptyDb();
    await db.threads.bulkPut([thread('a', 'camera', 10), thread('a', 'micro', 10)]);
    expect(ids(await searchLog(db, 'micro'))).toEqual(['a']);
    expect(await searchLog(db, 'camera')).toEqual([]);
    await expect(db.threads.add(thread('a', 'ecran', 20))).rejects.toThrow();
    expect(await searchLog(db, 'ecran')).toEqual([]);
    expect(await storedIndex(db)).toEqual(await rebuiltIndex(db));
  });

  it('splits a long list into chunks, and keeps them right as entries come and go in any order', async () => {
    const db = emptyDb();
    const count = CHUNK_SIZE * 2 + 100;
    // Written newest first in two batches, so that numbers land inside existing chunks, not only after them.
    const all = Array.from({ length: count }, (_, at) =>
      thread(`t${String(at).padStart(5, '0')}`, `excel ${at % 2 ? 'budget' : 'pivot'}`, at + 1),
    );
    await db.threads.bulkPut(all.slice(count / 2));
    await db.threads.bulkPut(all.slice(0, count / 2));
    const chunks = await rowsOf(db, 'excel');
    expect(chunks.length).toBeGreaterThan(2);
    expect(chunks.every((chunk) => chunk.docs.length <= CHUNK_SIZE)).toBe(true);
    expect(await storedIndex(db)).toEqual(await rebuiltIndex(db));
    await db.threads.bulkDelete(all.filter((_, at) => at % 3 === 0).map((entry) => entry.id));
    await db.threads.put(thread('t99999', 'excel pivot', count + 5));
    expect(await storedIndex(db)).toEqual(await rebuiltIndex(db));
    const found = await searchLog(db, 'excel pivot', {}, 3);
    expect(ids(found)).toEqual(['t99999', 't04192', 't04190']);
  });

  it('ranks over the whole log: an old entry with the word in its question comes before newer ones with it elsewhere', async () => {
    const db = emptyDb();
    // More entries than the version 6 search read for a common word: it ranked only the newest 60 (ids order by time).
    const newer = Array.from({ length: 2100 }, (_, at) =>
      thread(`n${String(at).padStart(4, '0')}`, `question ${at}`, at + 10, 'excel'),
    );
    await db.threads.bulkPut([thread('a-old', 'excel formula', 1), ...newer]);
    expect(ids(await searchLog(db, 'excel', {}, 3))).toEqual(['a-old', 'n2099', 'n2098']);
  });

  it('answers one very common word from its newest chunks, and from all of them when those do not decide', async () => {
    const db = emptyDb();
    const count = CHUNK_SIZE * 3 + 10;
    const log = Array.from({ length: count }, (_, at) =>
      // Every third entry has the word in its question; the others only in the answer.
      thread(`n${String(at).padStart(5, '0')}`, at % 3 ? `question ${at}` : `excel ${at}`, at + 10, 'excel'),
    );
    await db.threads.bulkPut([thread('a-old', 'tableau', 1, 'tableaux'), ...log]);
    const newestInQuestion = log
      .filter((_, at) => at % 3 === 0)
      .map((entry) => entry.id)
      .reverse();
    expect(ids(await searchLog(db, 'excel', {}, 5))).toEqual(newestInQuestion.slice(0, 5));
    // A filter that keeps one in 1,000: the newest chunks cannot fill the page, all of them are read.
    const kept = log.filter((_, at) => at % 1000 === 0);
    expect(kept).toHaveLength(7);
    await db.threads.bulkPut(kept.map((entry) => ({ ...entry, tool: 'excel' })));
    // The word in the question first (3,000 and 6,000 are multiples of 3), then newest.
    expect(ids(await searchLog(db, 'excel', { tool: 'excel' }))).toEqual([
      'n06000',
      'n03000',
      'n00000',
      'n05000',
      'n04000',
      'n02000',
      'n01000',
    ]);
    // "tableau" is the whole word of the oldest entry's question: it comes first even though it is the oldest.
    expect(ids(await searchLog(db, 'tab', {}, 1))).toEqual(['a-old']);
  });

  it('tells a live search (the log page) that a new entry matches', async () => {
    const db = emptyDb();
    await db.threads.put(thread('a', 'excel formule', 10));
    const seen: string[][] = [];
    const subscription = liveQuery(() => searchLog(db, 'excel')).subscribe((found) => seen.push(ids(found)));
    await expect.poll(() => seen.length).toBe(1);
    await db.threads.put(thread('b', 'excel graphique', 20));
    await expect.poll(() => seen.at(-1)).toEqual(['b', 'a']);
    subscription.unsubscribe();
  });

  it('indexes what an import adds', async () => {
    const source = freshDb();
    await source.pairs.add(testPair());
    await addEntry(source, { question: 'Partager un fichier', answer: 'Bouton Partager', at: 1000 });
    await addEntry(source, { question: 'Réunion Teams', answer: 'Agenda', at: 2000 });
    const target = emptyDb();
    await importJson(target, JSON.stringify(await exportJson(source)));
    expect((await searchLog(target, 'partager')).map((found) => found.question)).toEqual(['Partager un fichier']);
    expect((await searchLog(target, 'REUNION')).map((found) => found.question)).toEqual(['Réunion Teams']);
    expect(await storedIndex(target)).toEqual(await rebuiltIndex(target));
  });

  it('ranks two common words by where they match, and finds nothing for an absent word', async () => {
    const db = emptyDb();
    await db.threads.bulkPut([
      thread('a', 'excel budget', 1, 'rien'),
      thread('b', 'excel', 2, 'budget'),
      thread('c', 'excel budgets', 3),
      thread('d', 'budget', 4, 'excel'),
      thread('e', 'excel', 5),
    ]);
    // 4+4 for a, 4+3 for c, 4+2 for b and d (d answered later), e lacks a word.
    expect(ids(await searchLog(db, 'excel budget'))).toEqual(['a', 'c', 'd', 'b']);
    expect(ids(await searchLog(db, 'Budget EXCEL'))).toEqual(['a', 'c', 'd', 'b']);
    expect(await searchLog(db, 'excel zzzz')).toEqual([]);
    expect(await searchLog(db, 'zzzz')).toEqual([]);
  });
});

describe('the version 7 upgrade', () => {
  it('builds the index from the entries a version 6 database holds', async () => {
    const indexedDB = new IDBFactory();
    const name = 'binome-v6';
    const v6 = new Dexie(name, { indexedDB, IDBKeyRange });
    v6.version(1).stores(SCHEMA_V1);
    v6.version(2).stores(SCHEMA_V2);
    v6.version(3).stores(SCHEMA_V3);
    v6.version(4).stores(SCHEMA_V4);
    v6.version(5).stores(SCHEMA_V5);
    v6.version(6).stores(SCHEMA_V6);
    await v6
      .table('threads')
      .bulkAdd([
        thread('a', 'Tableau croisé', 10, 'Insertion'),
        thread('b', 'Publier un post', 20, 'Bouton Commencer'),
        thread('c', 'Tableau en attente', 0),
      ]);
    v6.close();

    const db = new BinomeDb(name, { indexedDB, IDBKeyRange });
    expect(ids(await searchLog(db, 'tableau'))).toEqual(['a']);
    expect(ids(await searchLog(db, 'commencer'))).toEqual(['b']);
    expect(await db.searchDocs.count()).toBe(2);
    expect(await storedIndex(db)).toEqual(await rebuiltIndex(db));
    expect(db.threads.schema.idxByName.words).toBeUndefined();
    expect(db.verno).toBeGreaterThanOrEqual(7);
    db.close();
  });
});
