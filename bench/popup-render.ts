/**
 * The popup, opened in real Chromium with the built extension (`npm run build` first), against
 * its floor measured in the same browser, interleaved load by load: the first paint of an empty
 * extension page (a heading, no script: bench/floor-page.ts).
 * - the empty popup (a buddy, no question yet), target ≤ 1.3× the floor;
 * - its inbox with 1,000 questions visible (first rows and the count of all), target ≤ 1.5×;
 * - the same at 10,000 and 100,000 questions: the curve of issue 16, item 6.
 * The log is loaded through the extension's own import. Times run from navigation start; the
 * popup is "ready" at the first animation frame where its inbox is complete.
 * Run: npm run bench:popup (`--sizes 0,1000 --reps 9` for a shorter run).
 */
import { mkdirSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Page } from '@playwright/test';
import { EXPORT_FORMAT, EXPORT_VERSION } from '../lib/knowledge/export';
import { uuidv7 } from '../lib/db/ids';
import { extensionWithFloorPage, firstPaint, floorFirstPaint } from './floor-page';
import { median, ms, percentile } from './stats';

const { values } = parseArgs({
  options: { sizes: { type: 'string', default: '0,1000,10000,100000' }, reps: { type: 'string', default: '15' } },
});
const SIZES = values.sizes.split(',').map(Number);
const REPS = Number(values.reps);
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

/**
 * Ready when the inbox shows its first rows and the count of all of them (the popup lists
 * 20 per buddy, then "Show all 1,000 questions"). Extension pages forbid eval: a real function.
 */
function inboxReady(expected: { rows: number; showAll: string }): number | false {
  const text = document.body.innerText;
  const done =
    expected.rows > 0
      ? document.querySelectorAll('.thread-item').length >= expected.rows && text.includes(expected.showAll)
      : text.includes('No questions for you yet');
  return done ? performance.now() : false;
}

/**
 * When the inbox was painted: the last largest-contentful-paint entry (buffered, so read after
 * the fact) at or before the moment the bench saw it complete. Polling from the bench alone only
 * begins after goto returned (the load event and a round trip to Node), which hid every time
 * below about 100 ms; the paint entries carry the browser's own time of the frame.
 */
function paintedBy(seenAt: number): Promise<number> {
  return new Promise((resolve) => {
    new PerformanceObserver((list, observer) => {
      observer.disconnect();
      const times = list
        .getEntries()
        .map((entry) => entry.startTime)
        .filter((time) => time <= seenAt);
      resolve(times.length ? Math.max(...times) : seenAt);
    }).observe({ type: 'largest-contentful-paint', buffered: true });
  });
}

interface Loads {
  floor: number[];
  ready: number[];
  /** The popup's own first paint: its static shell. */
  shell: number[];
}

async function loads(page: Page, extensionId: string, threads: number): Promise<Loads> {
  const expected = { rows: Math.min(threads, 20), showAll: `Show all ${new Intl.NumberFormat('en').format(threads)}` };
  const result: Loads = { floor: [], ready: [], shell: [] };
  for (let rep = 0; rep < REPS + 2; rep++) {
    const floor = await floorFirstPaint(page, extensionId);
    await page.goto(`chrome-extension://${extensionId}/popup.html`);
    const seen = (await (
      await page.waitForFunction(inboxReady, expected, { polling: 'raf', timeout: 60_000 })
    ).jsonValue()) as number;
    const ready = await page.evaluate(paintedBy, seen);
    const shell = (await (await page.waitForFunction(firstPaint)).jsonValue()) as number;
    // The first two loads warm the browser's caches, as a popup opened every day would be.
    if (rep < 2) continue;
    result.floor.push(floor);
    result.ready.push(ready);
    result.shell.push(shell);
  }
  return result;
}

/**
 * The popup's JavaScript at open, as the browser loads it: every extension script the page
 * parses from navigation until it is idle (a second after its inbox is ready), click-free. The
 * sizes are those of the built files.
 */
async function scriptsAtOpen(page: Page, extensionId: string, threads: number): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  const files = new Set<string>();
  cdp.on('Debugger.scriptParsed', (event) => {
    if (event.url.startsWith(`chrome-extension://${extensionId}/`)) files.add(new URL(event.url).pathname);
  });
  await cdp.send('Debugger.enable');
  await page.goto(`chrome-extension://${extensionId}/popup.html`);
  const expected = { rows: Math.min(threads, 20), showAll: `Show all ${new Intl.NumberFormat('en').format(threads)}` };
  await page.waitForFunction(inboxReady, expected, { polling: 'raf', timeout: 60_000 });
  await page.waitForTimeout(1000);
  await cdp.detach();
  return [...files].reduce((sum, file) => sum + statSync(join(extension.dir, file)).size, 0);
}

const extension = extensionWithFloorPage();
const { Person } = await import('../tests/e2e/support/person');

async function measure(threads: number): Promise<Loads & { importMs: number; bytesAtOpen: number }> {
  const person = await Person.launch(`bench-${threads}`, 9);
  try {
    const started = performance.now();
    const log = await person.logPage();
    await log.tab('Export and import').click();
    await log.page.getByLabel('Import a JSON export of Binôme').setInputFiles(exportFile(threads));
    await log.page.getByRole('status').filter({ hasText: 'Import finished' }).waitFor({ timeout: 1_200_000 });
    await log.page.close();
    const importMs = performance.now() - started;
    const page = await person.context.newPage();
    const measured = await loads(page, person.extensionId, threads);
    return { ...measured, importMs, bytesAtOpen: await scriptsAtOpen(page, person.extensionId, threads) };
  } finally {
    await person.close();
  }
}

const rows = [];
try {
  for (const threads of SIZES) {
    const measured = await measure(threads);
    const floor = median(measured.floor);
    const row = {
      threads,
      readyMedianMs: median(measured.ready),
      readyP95Ms: percentile(measured.ready, 95),
      shellFirstPaintMedianMs: median(measured.shell),
      floorFirstPaintMedianMs: floor,
      ratio: median(measured.ready) / floor,
      target: threads === 0 ? 1.3 : threads === 1000 ? 1.5 : null,
      importSeconds: measured.importMs / 1000,
      javascriptAtOpenBytes: measured.bytesAtOpen,
      samples: measured,
    };
    rows.push(row);
    const verdict = row.target ? ` (target ≤ ${row.target}×: ${row.ratio <= row.target ? 'within' : 'OVER'})` : '';
    console.log(
      `popup, ${threads.toLocaleString('en')} questions: ready ${ms(row.readyMedianMs)} (p95 ${ms(row.readyP95Ms)}), ` +
        `floor ${ms(floor)}, ratio ${row.ratio.toFixed(2)}×${verdict}; its shell painted at ${ms(row.shellFirstPaintMedianMs)}; ` +
        `JavaScript loaded at open ${(row.javascriptAtOpenBytes / 1024).toFixed(1)} KB (budget 300 KB)`,
    );
  }
} finally {
  extension.remove();
}
mkdirSync('bench/results', { recursive: true });
writeFileSync(
  'bench/results/popup-render.json',
  `${JSON.stringify({ measuredAt: new Date().toISOString(), reps: REPS, loadAverage: (await import('node:os')).loadavg(), rows }, null, 2)}\n`,
);
