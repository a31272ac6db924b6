/**
 * Runs in a plain Chromium page (real IndexedDB): seeds the same knowledge log twice, once
 * as schema version 6 had it (multi-entry word indexes on threads) and once with version 7's
 * inverted index, then times both searches on the same queries, interleaved so that both
 * see the same noise: lib/knowledge/search's searchLog, the code the log page and the popup
 * run, and the version 6 search kept in ./multientry-search.ts.
 */
import Dexie from 'dexie';
import { BinomeDb, SCHEMA_V1, SCHEMA_V2, SCHEMA_V3, SCHEMA_V4, SCHEMA_V5, SCHEMA_V6, type Thread } from '../../lib/db/db';
import { searchLog } from '../../lib/knowledge/search';
import { wordsOf } from '../../lib/db/text';
import { fineScore, hasAll, searchLogMultiEntry } from './multientry-search';

/** Words people write about workplace tools; the rest of the vocabulary is made up. */
const REAL_WORDS = (
  'excel tableau croisé dynamique formule somme colonne ligne filtre tri graphique partage fichier dossier ' +
  'publier post profil message réseau abonné réunion agenda invitation écran caméra micro enregistrer ' +
  'pivot table formula column row filter sort chart share file folder publish profile network ' +
  'meeting calendar invite screen camera record slide template design export print comment version ' +
  'équipe budget dépenses client facture rapport objectif entretien congés note frais sécurité passe'
).split(' ');
const SYLLABLES =
  'ba be bi bo bu da de di do du fa fe fi fo ka ke ki ko la le li lo ma me mi mo na ne ni no pa pe pi po ra re ri ro sa se si so ta te ti to va ve vi vo'.split(
    ' ',
  );

/**
 * A vocabulary of 5,000 words ranked by frequency (Zipf), real words spread among the
 * ranks: like a real log, a few words are everywhere and most are rare.
 */
function vocabulary(): string[] {
  const next = random(7);
  const words: string[] = [];
  while (words.length < 5000) {
    const length = 2 + Math.floor(next() * 3);
    words.push(Array.from({ length }, () => SYLLABLES[Math.floor(next() * SYLLABLES.length)]).join(''));
  }
  for (const [index, word] of REAL_WORDS.entries()) words[3 + index * 29] = word;
  return words;
}
const VOCABULARY = vocabulary();
const HARMONIC = VOCABULARY.reduce((sum, _word, rank) => sum + 1 / (rank + 1), 0);

function zipfWord(next: () => number): string {
  let target = next() * HARMONIC;
  for (let rank = 0; rank < VOCABULARY.length; rank++) {
    target -= 1 / (rank + 1);
    if (target <= 0) return VOCABULARY[rank]!;
  }
  return VOCABULARY[VOCABULARY.length - 1]!;
}

/** Queries across the frequency range: very common, common, rare, two words, a prefix, none. */
export const QUERIES = [
  VOCABULARY[0]!,
  VOCABULARY[5]!,
  `${VOCABULARY[10]} ${VOCABULARY[40]}`,
  VOCABULARY[60]!,
  VOCABULARY[250]!,
  VOCABULARY[1200]!,
  VOCABULARY[3500]!,
  VOCABULARY[150]!.slice(0, 3),
  'tableau croise',
  'FORMULE',
  'zzzz',
];

const TOOLS = [
  ['excel', 'Excel Online'],
  ['linkedin', 'LinkedIn'],
  ['teams', 'Microsoft Teams'],
  ['outlook', 'Outlook'],
  ['google-sheets', 'Google Sheets'],
] as const;

/** Deterministic pseudo-random numbers, so every run searches the same log. */
export function random(seed: number) {
  return () => {
    seed = (seed * 1664525 + 1013904223) % 2 ** 32;
    return seed / 2 ** 32;
  };
}

function sentence(next: () => number, words: number): string {
  return Array.from({ length: words }, () => zipfWord(next)).join(' ');
}

/** The log as schema version 6 stored it: what the older search needs, and what version 7 upgrades. */
function version6(name: string): BinomeDb {
  const db = new Dexie(name);
  for (const [version, schema] of [SCHEMA_V1, SCHEMA_V2, SCHEMA_V3, SCHEMA_V4, SCHEMA_V5, SCHEMA_V6].entries()) {
    db.version(version + 1).stores(schema);
  }
  // Only `threads` and backendDB() are used by the older search: both exist on this Dexie.
  return db as unknown as BinomeDb;
}

const names = (count: number) => ({ multi: `bench-v6-${count}`, index: `bench-v7-${count}`, upgrade: `bench-upgrade-${count}` });

function entries(count: number): Thread[] {
  const next = random(count);
  const threads: Thread[] = [];
  for (let index = 0; index < count; index++) {
    const [tool, toolName] = TOOLS[index % TOOLS.length]!;
    const question = `${sentence(next, 8)} ${index}`;
    const answer = sentence(next, 20);
    const context = { url: `https://example.com/${tool}/${index}`, title: sentence(next, 4), tool, toolName, selection: '' };
    threads.push({
      // Time-ordered ids, as the extension's UUIDv7 are.
      id: `t${String(index).padStart(8, '0')}`,
      pairId: 'p',
      direction: 'outgoing',
      question,
      context,
      status: index % 3 ? 'answered' : 'resolved',
      askedAt: index,
      updatedAt: index + 2,
      answeredAt: index + 1,
      lastPeerSeq: index,
      readSeq: index,
      words: wordsOf(question, context.title, toolName, answer),
      questionWords: wordsOf(question),
      tool,
      site: 'example.com',
      skill: '',
      unread: 0,
    });
  }
  return threads;
}

async function usage(): Promise<number> {
  return (await navigator.storage.estimate()).usage ?? 0;
}

async function bulkAddInBatches(db: BinomeDb, threads: Thread[]): Promise<void> {
  for (let at = 0; at < threads.length; at += 2000) await db.threads.bulkAdd(threads.slice(at, at + 2000));
}

export interface Seeded {
  /** Writing the log in batches of 2,000, as version 6 did / with the index kept by the middleware. */
  seedMultiMs: number;
  seedIndexMs: number;
  /** Opening a version 6 log with version 7: the upgrade builds the index. */
  upgradeMs: number;
  /** navigator.storage.estimate() growth for each database (LevelDB, before compaction). */
  diskMultiBytes: number;
  diskIndexBytes: number;
  /** Bytes of the postings themselves (words, entry numbers, flags) and of searchDocs. */
  postingsBytes: number;
  terms: number;
}

export async function seed(count: number): Promise<Seeded> {
  const name = names(count);
  for (const other of await Dexie.getDatabaseNames()) await Dexie.delete(other);
  const threads = entries(count);
  const empty = await usage();
  const multi = version6(name.multi);
  let start = performance.now();
  await bulkAddInBatches(multi, threads);
  const seedMultiMs = performance.now() - start;
  multi.close();
  const afterMulti = await usage();
  const index = new BinomeDb(name.index);
  start = performance.now();
  await bulkAddInBatches(index, threads);
  const seedIndexMs = performance.now() - start;
  const afterIndex = await usage();
  let postingsBytes = 0;
  let terms = 0;
  await index.searchTerms.each((term) => {
    terms++;
    postingsBytes += term.word.length * 2 + term.docs.byteLength + term.inQuestion.byteLength;
  });
  postingsBytes += (await index.searchDocs.count()) * (9 * 2 + 8);
  index.close();
  // The upgrade: the same log written as version 6, then opened by version 7.
  const old = version6(name.upgrade);
  await bulkAddInBatches(old, threads);
  old.close();
  start = performance.now();
  const upgraded = new BinomeDb(name.upgrade);
  await upgraded.open();
  const upgradeMs = performance.now() - start;
  upgraded.close();
  await Dexie.delete(name.upgrade);
  return {
    seedMultiMs,
    seedIndexMs,
    upgradeMs,
    diskMultiBytes: afterMulti - empty,
    diskIndexBytes: afterIndex - afterMulti,
    postingsBytes,
    terms,
  };
}

export interface EngineTimings {
  search: number[];
  results: number[];
  /** JavaScript heap allocated during each search (garbage included), bytes. */
  heap: number[];
}

export interface Timings {
  multi: EngineTimings;
  index: EngineTimings;
  baseline: number[];
  /** Queries where each search returned exactly the first page of the ranking computed on every entry. */
  exactIndex: number;
  exactMulti: number;
  /** Adding one answered entry to the full log, ms: what each index costs a write. */
  addMulti: number[];
  addIndex: number[];
}

/** The first page by the rule itself, on every entry: what both searches should return. */
function exactRanking(threads: Thread[], query: string): string {
  const tokens = wordsOf(query);
  return threads
    .filter((thread) => thread.answeredAt > 0 && hasAll(thread, tokens))
    .map((thread) => ({ thread, score: fineScore(thread, tokens) }))
    .sort((a, b) => b.score - a.score || b.thread.answeredAt - a.thread.answeredAt)
    .slice(0, 50)
    .map(({ thread }) => thread.id)
    .join();
}

const heapUsed = () => (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? 0;
const collect = () => (globalThis as unknown as { gc?: () => void }).gc?.();

async function timed(engine: EngineTimings, search: () => Promise<Thread[]>): Promise<string[]> {
  collect();
  const heapBefore = heapUsed();
  const start = performance.now();
  const found = await search();
  engine.search.push(performance.now() - start);
  engine.heap.push(heapUsed() - heapBefore);
  engine.results.push(found.length);
  return found.map((thread) => thread.id);
}

/**
 * Each query `reps` times, both searches one after the other; the baseline reads the 20
 * newest entries through an index.
 */
export async function run(count: number, queries: string[], reps: number): Promise<Timings> {
  const multi = version6(names(count).multi);
  const index = new BinomeDb(names(count).index);
  await Promise.all([multi.open(), index.open()]);
  const timings: Timings = {
    multi: { search: [], results: [], heap: [] },
    index: { search: [], results: [], heap: [] },
    baseline: [],
    exactIndex: 0,
    exactMulti: 0,
    addMulti: [],
    addIndex: [],
  };
  const everything = await index.threads.toArray();
  const expected = new Map(queries.map((query) => [query, exactRanking(everything, query)]));
  for (let rep = 0; rep < reps; rep++) {
    for (const query of queries) {
      const before = await timed(timings.multi, () => searchLogMultiEntry(multi, query));
      const now = await timed(timings.index, () => searchLog(index, query));
      if (rep === reps - 1) {
        if (before.join() === expected.get(query)) timings.exactMulti++;
        if (now.join() === expected.get(query)) timings.exactIndex++;
      }
      const start = performance.now();
      await index.threads.orderBy('answeredAt').reverse().limit(20).toArray();
      timings.baseline.push(performance.now() - start);
    }
  }
  const extra = entries(count + reps).slice(count);
  for (const [at, thread] of extra.entries()) {
    const added = { ...thread, id: `u${at}`, answeredAt: count + at + 1 };
    let start = performance.now();
    await multi.threads.add(added);
    timings.addMulti.push(performance.now() - start);
    start = performance.now();
    await index.threads.add(added);
    timings.addIndex.push(performance.now() - start);
  }
  multi.close();
  index.close();
  return timings;
}
