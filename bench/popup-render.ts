/**
 * Time from opening the popup to its inbox rendered with 1,000 questions, in real Chromium
 * with the built extension (`npm run build` first). The log is loaded through the
 * extension's own import. Baseline: the same popup with an empty inbox, same process.
 * Budget (DESIGN.md): median < 100 ms. Run: npm run bench:popup
 */
import { writeFileSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { EXPORT_FORMAT, EXPORT_VERSION } from '../lib/knowledge/export';
import { uuidv7 } from '../lib/db/ids';
import { Person } from '../tests/e2e/support/person';
import { median, ms, percentile } from './stats';

const THREADS = 1000;
const REPS = 15;
const PAIR_ID = '0190a000-0000-7000-8000-000000000001';

function exportFile(threads: number): string {
  const messages = Array.from({ length: threads }, (_, index) => {
    const id = uuidv7(Date.UTC(2026, 0, 1) + index * 60_000);
    return {
      id,
      threadId: id,
      pairId: PAIR_ID,
      kind: 'question',
      fromMe: false,
      text: `How do I do thing number ${index} in this spreadsheet without breaking the formulas?`,
      createdAt: Date.UTC(2026, 0, 1) + index * 60_000,
      seq: index + 1,
      context: {
        url: `https://excel.officeapps.live.com/x/${index}.xlsx`,
        title: `Budget ${index}`,
        tool: 'excel',
        toolName: 'Excel Online',
        selection: '',
      },
    };
  });
  const file = join(mkdtempSync(join(tmpdir(), 'binome-bench-')), 'log.json');
  writeFileSync(
    file,
    JSON.stringify({
      format: EXPORT_FORMAT,
      version: EXPORT_VERSION,
      exportedAt: Date.now(),
      pairs: [{ pairId: PAIR_ID, peerName: 'Anne Martin', myRole: 'helper', createdAt: 1 }],
      messages,
      notes: [],
      reviews: [],
      tombstones: [],
    }),
  );
  return file;
}

async function importLog(person: Person, file: string): Promise<void> {
  const log = await person.logPage();
  await log.tab('Export and import').click();
  await log.page.getByLabel('Import a JSON export of Binôme').setInputFiles(file);
  await log.page.getByRole('status').filter({ hasText: 'Import finished' }).waitFor({ timeout: 120_000 });
  await log.page.close();
}

/** performance.now() at the first animation frame where the inbox is complete. */
/**
 * Ready when the inbox shows its first rows and the count of all of them (the popup lists
 * 20 per buddy, then "Show all 1000"). Extension pages forbid eval: this is a real function.
 */
function inboxReady(expected: number): number | false {
  const done =
    expected > 0
      ? document.querySelectorAll('.thread-item').length >= Math.min(expected, 20) &&
        document.body.innerText.includes(`Show all ${expected}`)
      : document.body.innerText.includes('No questions for you yet');
  return done ? performance.now() : false;
}

async function renderTimes(page: Page, url: string, expected: number): Promise<number[]> {
  const times: number[] = [];
  for (let rep = 0; rep < REPS + 2; rep++) {
    await page.goto(url);
    const handle = await page.waitForFunction(inboxReady, expected, { polling: 'raf', timeout: 30_000 });
    // The first two loads warm the browser's caches, as a popup opened every day would be.
    if (rep >= 2) times.push((await handle.jsonValue()) as number);
  }
  return times;
}

async function measure(threads: number): Promise<number[]> {
  const person = await Person.launch(`bench-${threads}`, 9);
  try {
    await importLog(person, exportFile(threads));
    const page = await person.context.newPage();
    return await renderTimes(page, `chrome-extension://${person.extensionId}/popup.html`, threads);
  } finally {
    await person.close();
  }
}

const full = await measure(THREADS);
const empty = await measure(0);
const result = {
  measuredAt: new Date().toISOString(),
  threads: THREADS,
  reps: REPS,
  medianMs: median(full),
  p95Ms: percentile(full, 95),
  emptyMedianMs: median(empty),
  ratio: median(full) / median(empty),
  budgetMs: 100,
};
console.log(
  `popup with ${THREADS} questions: median ${ms(result.medianMs)}, p95 ${ms(result.p95Ms)} ` +
    `(budget 100 ms: ${result.medianMs < 100 ? 'within' : 'OVER'}); empty inbox ${ms(result.emptyMedianMs)}, ratio ${result.ratio.toFixed(2)}×`,
);
mkdirSync('bench/results', { recursive: true });
writeFileSync('bench/results/popup-render.json', `${JSON.stringify(result, null, 2)}\n`);
