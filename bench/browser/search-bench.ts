/**
 * Runs in a plain Chromium page (real IndexedDB): seeds a knowledge log with Dexie, then
 * times lib/search's searchLog, the same code the log page and the popup run.
 */
import { BinomeDb, type Thread } from '../../lib/db';
import { searchLog } from '../../lib/search';
import { wordsOf } from '../../lib/text';

const VOCABULARY = (
  'tableau croisé dynamique formule somme colonne ligne filtre tri graphique partage fichier dossier ' +
  'publier post profil message réseau abonné réunion agenda invitation écran caméra micro enregistrer ' +
  'pivot table formula sum column row filter sort chart share file folder publish profile network ' +
  'meeting calendar invite screen camera record slide template design export print comment version ' +
  'équipe budget dépenses client facture rapport objectif entretien congés note frais sécurité mot passe'
).split(' ');
const TOOLS = [
  ['excel', 'Excel Online'],
  ['linkedin', 'LinkedIn'],
  ['teams', 'Microsoft Teams'],
  ['outlook', 'Outlook'],
  ['google-sheets', 'Google Sheets'],
] as const;

/** Deterministic pseudo-random numbers, so every run searches the same log. */
function random(seed: number) {
  return () => {
    seed = (seed * 1664525 + 1013904223) % 2 ** 32;
    return seed / 2 ** 32;
  };
}

function sentence(next: () => number, words: number): string {
  // Skewed towards the first words, as real vocabularies are.
  return Array.from({ length: words }, () => VOCABULARY[Math.floor(next() ** 2 * VOCABULARY.length)]).join(' ');
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
