/**
 * Knowledge-log search latency in real Chromium IndexedDB, at 1,000, 10,000 and 100,000
 * entries: version 7's inverted index (lib/db/search-index.ts, what the product runs) beside
 * version 6's multi-entry word indexes (bench/browser/multientry-search.ts), in the same run,
 * with a floor: the 20 newest entries read through an index.
 * Budgets (issue 16): median < 10 ms at 10k; at 100k median < 20 ms, p95 < 50 ms, slowest < 60 ms.
 * Run: npm run bench:search (BENCH_SIZES=10000 for one size).
 */
import { chromium } from '@playwright/test';
import { build } from 'esbuild';
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { createServer } from 'node:http';
import { chromiumPath } from '../tests/e2e/support/chromium';
import type { EngineTimings, Seeded, Timings } from './browser/search-bench';
import { median, ms, percentile } from './stats';

const SIZES = (process.env.BENCH_SIZES ?? '1000,10000,100000').split(',').map(Number);
const BUDGETS: Record<number, { median: number; p95?: number; max?: number }> = {
  10000: { median: 10 },
  100000: { median: 20, p95: 50, max: 60 },
};
const REPS = 5;

const bundle = await build({
  entryPoints: ['bench/browser/search-bench.ts'],
  bundle: true,
  format: 'iife',
  globalName: 'binomeBench',
  write: false,
  minify: true,
  logLevel: 'error',
});
const script = bundle.outputFiles[0]!.text;
const server = createServer((request, response) => {
  if (request.url === '/bench.js') response.writeHead(200, { 'content-type': 'text/javascript' }).end(script);
  else response.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><script src="/bench.js"></script>');
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const port = (server.address() as { port: number }).port;

const browser = await chromium.launch({
  executablePath: chromiumPath(),
  headless: true,
  // Exact heap figures and gc() between searches, for the memory column.
  args: ['--no-sandbox', '--disable-gpu', '--enable-precise-memory-info', '--js-flags=--expose-gc'],
});

/** Figures of one search engine at one size. */
function figures(engine: EngineTimings, queries: string[]) {
  const perQuery = queries.map((query, index) => {
    const times = engine.search.filter((_time, at) => at % queries.length === index);
    return { query, medianMs: median(times), maxMs: Math.max(...times), results: engine.results[index]! };
  });
  return {
    medianMs: median(engine.search),
    p95Ms: percentile(engine.search, 95),
    maxMs: Math.max(...engine.search),
    heapMedianKB: median(engine.heap) / 1024,
    heapMaxKB: Math.max(...engine.heap) / 1024,
    perQuery,
  };
}

const loadBefore = loadavg();
const results: Record<string, unknown>[] = [];
try {
  const page = await browser.newPage();
  await page.goto(`http://127.0.0.1:${port}/`);
  for (const size of SIZES) {
    const seeded: Seeded = await page.evaluate((count) => (window as any).binomeBench.seed(count), size);
    const queries: string[] = await page.evaluate(() => (window as any).binomeBench.QUERIES);
    const timings: Timings = await page.evaluate(([count, list, reps]) => (window as any).binomeBench.run(count, list, reps), [
      size,
      queries,
      REPS,
    ] as const);
    const index = figures(timings.index, queries);
    const multi = figures(timings.multi, queries);
    const baseline = median(timings.baseline);
    const budget = BUDGETS[size];
    const verdict = budget
      ? index.medianMs < budget.median &&
        (budget.p95 === undefined || index.p95Ms < budget.p95) &&
        (budget.max === undefined || index.maxMs < budget.max)
        ? 'within'
        : 'OVER'
      : 'no budget';
    const row = {
      entries: size,
      queries: timings.index.search.length,
      budget,
      verdict,
      baselineMedianMs: baseline,
      index: { ...index, ratio: index.medianMs / baseline, addMedianMs: median(timings.addIndex) },
      multiEntry: { ...multi, ratio: multi.medianMs / baseline, addMedianMs: median(timings.addMulti) },
      exactResults: { index: `${timings.exactIndex}/${queries.length}`, multiEntry: `${timings.exactMulti}/${queries.length}` },
      seeded,
    };
    results.push(row);
    const line = (name: string, f: typeof index, add: number) =>
      `  ${name}: median ${ms(f.medianMs)} (${(f.medianMs / baseline).toFixed(1)}× the floor), p95 ${ms(f.p95Ms)}, ` +
      `slowest ${ms(f.maxMs)}; heap per search ${f.heapMedianKB.toFixed(0)} KB median, ${f.heapMaxKB.toFixed(0)} KB max; ` +
      `adding one entry ${ms(add)}`;
    console.log(
      `${size.toLocaleString('en')} entries (${verdict}${budget ? `: median < ${budget.median}${budget.p95 ? `, p95 < ${budget.p95}, slowest < ${budget.max}` : ''} ms` : ''}); ` +
        `floor (20 newest by index) ${ms(baseline)}; exact first page for ${row.exactResults.index} queries (v6: ${row.exactResults.multiEntry})`,
    );
    console.log(line('inverted index (v7)', index, row.index.addMedianMs));
    console.log(line('multi-entry (v6)   ', multi, row.multiEntry.addMedianMs));
    console.log(
      `  build: v6 written in ${(seeded.seedMultiMs / 1000).toFixed(1)} s, v7 in ${(seeded.seedIndexMs / 1000).toFixed(1)} s, ` +
        `v6 → v7 upgrade ${(seeded.upgradeMs / 1000).toFixed(1)} s; on disk v6 ${(seeded.diskMultiBytes / 2 ** 20).toFixed(1)} MB, ` +
        `v7 ${(seeded.diskIndexBytes / 2 ** 20).toFixed(1)} MB (postings ${(seeded.postingsBytes / 2 ** 20).toFixed(1)} MB, ${seeded.terms.toLocaleString('en')} words)`,
    );
    console.log(
      `  per query, v7 / v6 median (results): ${index.perQuery
        .map((entry, at) => `"${entry.query}" ${ms(entry.medianMs)} / ${ms(multi.perQuery[at]!.medianMs)} (${entry.results})`)
        .join(', ')}`,
    );
  }
} finally {
  await browser.close();
  server.close();
}
const load = { before: loadBefore, after: loadavg() };
console.log(
  `load average before ${loadBefore.map((l) => l.toFixed(2)).join(' ')}, after ${load.after.map((l) => l.toFixed(2)).join(' ')}`,
);
mkdirSync('bench/results', { recursive: true });
writeFileSync(
  'bench/results/log-search.json',
  `${JSON.stringify({ measuredAt: new Date().toISOString(), loadAverage: load, results }, null, 2)}\n`,
);
