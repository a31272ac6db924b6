/**
 * Runs in a plain Chromium page (real IndexedDB): seeds a knowledge log with Dexie, then
 * times lib/search's searchLog, the same code the log page and the popup run.
 */
import { BinomeDb, type Thread } from '../../lib/db/db';
import { searchLog } from '../../lib/knowledge/search';
import { wordsOf } from '../../lib/db/text';

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

export async function seed(count: number): Promise<void> {
  const db = new BinomeDb(`bench-${count}`);
  await db.delete();
  await db.open();
  const next = random(count);
  const batch: Thread[] = [];
  for (let index = 0; index < count; index++) {
    const [tool, toolName] = TOOLS[index % TOOLS.length]!;
    const question = `${sentence(next, 8)} ${index}`;
    const answer = sentence(next, 20);
    const context = { url: `https://example.com/${tool}/${index}`, title: sentence(next, 4), tool, toolName, selection: '' };
    batch.push({
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
    if (batch.length === 2000) await db.threads.bulkAdd(batch.splice(0));
  }
  await db.threads.bulkAdd(batch);
  db.close();
}

export interface Timings {
  search: number[];
  baseline: number[];
  results: number[];
}

/** Each query `reps` times; the baseline reads the 20 newest entries through an index. */
export async function run(count: number, queries: string[], reps: number): Promise<Timings> {
  const db = new BinomeDb(`bench-${count}`);
  await db.open();
  const timings: Timings = { search: [], baseline: [], results: [] };
  for (let rep = 0; rep < reps; rep++) {
    for (const query of queries) {
      let start = performance.now();
      const found = await searchLog(db, query);
      timings.search.push(performance.now() - start);
      timings.results.push(found.length);
      start = performance.now();
      await db.threads.orderBy('answeredAt').reverse().limit(20).toArray();
      timings.baseline.push(performance.now() - start);
    }
  }
  db.close();
  return timings;
}
