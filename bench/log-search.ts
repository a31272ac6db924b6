/**
 * Knowledge-log search latency in real Chromium IndexedDB, at 10,000 and 100,000 entries.
 * Budget (DESIGN.md): median < 10 ms at 10k, < 50 ms at 100k. Run: npm run bench:search
 */
import { chromium } from '@playwright/test';
import { build } from 'esbuild';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { chromiumPath } from '../tests/e2e/support/chromium';
import { median, ms, percentile } from './stats';

const SIZES = (process.env.BENCH_SIZES ?? '10000,100000').split(',').map(Number);
const BUDGETS: Record<number, number> = { 10000: 10, 100000: 50 };
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
  args: ['--no-sandbox', '--disable-gpu'],
});
const results: Record<string, unknown>[] = [];
try {
  const page = await browser.newPage();
  await page.goto(`http://127.0.0.1:${port}/`);
  for (const size of SIZES) {
    const seedStart = Date.now();
    await page.evaluate((count) => (window as any).binomeBench.seed(count), size);
    const seeded = Date.now() - seedStart;
    const queries: string[] = await page.evaluate(() => (window as any).binomeBench.QUERIES);
    const timings = await page.evaluate(([count, list, reps]) => (window as any).binomeBench.run(count, list, reps), [
      size,
      queries,
      REPS,
    ] as const);
    const row = {
      entries: size,
      queries: timings.search.length,
      medianMs: median(timings.search),
      p95Ms: percentile(timings.search, 95),
      baselineMedianMs: median(timings.baseline),
      ratio: median(timings.search) / median(timings.baseline),
      budgetMs: BUDGETS[size],
      seedSeconds: seeded / 1000,
      medianResults: median(timings.results),
    };
    const perQuery = queries.map((query, index) => ({
      query,
      medianMs: median(timings.search.filter((_time: number, at: number) => at % queries.length === index)),
      results: timings.results[index],
    }));
    results.push({ ...row, perQuery });
    console.log(
      `${size.toLocaleString('en')} entries: search median ${ms(row.medianMs)}, p95 ${ms(row.p95Ms)} ` +
        `(budget ${row.budgetMs} ms: ${row.medianMs < row.budgetMs! ? 'within' : 'OVER'}); ` +
        `baseline (20 newest by index) ${ms(row.baselineMedianMs)}, ratio ${row.ratio.toFixed(1)}×; ` +
        `median ${row.medianResults} results; seeded in ${row.seedSeconds.toFixed(1)} s`,
    );
    console.log(
      `  per query: ${perQuery.map((entry) => `"${entry.query}" ${ms(entry.medianMs)} (${entry.results})`).join(', ')}`,
    );
  }
} finally {
  await browser.close();
  server.close();
}
mkdirSync('bench/results', { recursive: true });
writeFileSync('bench/results/log-search.json', `${JSON.stringify({ measuredAt: new Date().toISOString(), results }, null, 2)}\n`);
