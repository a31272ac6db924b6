/**
 * The walkthrough resolver on the fixture pairs, in real Chromium (layout matters for the
 * place of an element): steps recorded on crm-a.html, replayed on each variant of
 * tests/fixtures/walkthrough-cases.ts. Reports how many cases resolve sure (on the right
 * element), unsure, missing or wrong, and the resolver's time per step (median, p95) against
 * a floor measured in the same page (finding an element by id and by test id), also on a
 * page grown to about 5,000 elements. Writes bench/results/walkthrough-resolver.json.
 * Run: npm run bench:walkthrough (under flock /tmp/binome-heavy.lock on a shared machine).
 */
import { chromium, type Page } from '@playwright/test';
import { build } from 'esbuild';
import { mkdirSync, writeFileSync } from 'node:fs';
import { chromiumPath } from '../tests/e2e/support/chromium';
import { startFixtureServer } from '../tests/e2e/support/fixture-server';
import { RECORDED_STEPS, REPLAY_CASES } from '../tests/fixtures/walkthrough-cases';
import type { Outcome } from './browser/walkthrough-bench';
import { median, ms, percentile } from './stats';

const REPS = Number(process.env.BENCH_REPS ?? 20);
const GROWN_ROWS = 1_000;

const bundle = await build({
  entryPoints: ['bench/browser/walkthrough-bench.ts'],
  bundle: true,
  format: 'iife',
  globalName: 'binomeWalkthrough',
  write: false,
  minify: true,
  logLevel: 'error',
});
const script = bundle.outputFiles[0]!.text;

const fixtures = await startFixtureServer();
const base = `http://127.0.0.1:${fixtures.port}/walkthrough/`;
const browser = await chromium.launch({
  executablePath: chromiumPath(),
  headless: true,
  args: ['--no-sandbox', '--disable-gpu'],
});

type Bench = typeof import('./browser/walkthrough-bench');
declare global {
  interface Window {
    binomeWalkthrough: Bench;
  }
}

async function open(page: Page, name: string): Promise<void> {
  await page.goto(base + name);
  await page.addScriptTag({ content: script });
}

try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await open(page, 'crm-a.html');
  const targets = await page.evaluate(
    (locators) => window.binomeWalkthrough.record(locators),
    RECORDED_STEPS.map((step) => [...step.onA]),
  );

  const cases: Record<string, unknown>[] = [];
  const allTimings: number[] = [];
  for (const replay of REPLAY_CASES) {
    await open(page, replay.page);
    const result = await page.evaluate(
      ([recorded, expected, wait, reps]) => window.binomeWalkthrough.replay(recorded, expected, { wait, reps }),
      [targets, replay.expected.map((locator) => (locator ? [...locator] : null)), !!replay.lateMs, REPS] as const,
    );
    allTimings.push(...result.timings);
    const count = (outcome: Outcome) => result.steps.filter((step) => step.outcome === outcome).length;
    const wrongSure = count('sure-wrong');
    // A present case passes when every step is sure on the right element; a gone one when every
    // step is missing; the decoys when no step is sure on a wrong element (or sure where none is right).
    const passed =
      replay.kind === 'present'
        ? count('sure') === result.steps.length
        : replay.kind === 'gone'
          ? count('missing') === result.steps.length
          : wrongSure === 0 && result.steps.every((step, index) => replay.expected[index] !== null || step.outcome !== 'sure');
    cases.push({
      id: replay.id,
      title: replay.title,
      kind: replay.kind,
      passed,
      sure: count('sure'),
      unsure: count('unsure'),
      missing: count('missing'),
      wrongSure,
      wrongUnsure: count('unsure-wrong'),
      steps: result.steps.map((step, index) => ({
        step: RECORDED_STEPS[index]!.label,
        outcome: step.outcome,
        score: Math.round(step.score * 100) / 100,
        ...(replay.lateMs ? { waitedMs: Math.round(step.waitedMs) } : {}),
      })),
      medianMs: median(result.timings),
    });
    console.log(
      `(${replay.id}) ${replay.title.padEnd(32)} ${passed ? 'pass' : 'FAIL'}  ` +
        result.steps.map((step) => `${step.outcome}:${step.score.toFixed(1)}`).join('  '),
    );
  }

  const floor = await page.evaluate((reps) => window.binomeWalkthrough.floor(reps), REPS);

  // The same steps on a page grown to an app's size: every strategy queries every root.
  await open(page, 'crm-b-hashed.html');
  const elements = await page.evaluate((rows) => window.binomeWalkthrough.grow(rows), GROWN_ROWS);
  const grown = await page.evaluate(([recorded, reps]) => window.binomeWalkthrough.timeOnly(recorded, reps), [
    targets,
    REPS,
  ] as const);

  const present = cases.filter((entry) => entry.kind === 'present');
  const summary = {
    presentCasesSure: present.filter((entry) => entry.passed).length,
    presentCases: present.length,
    goneMissing: cases.filter((entry) => entry.kind === 'gone' && entry.passed).length,
    decoysNeverWrongSure: cases.filter((entry) => entry.kind === 'decoys').every((entry) => entry.passed),
    stepsSure: cases.reduce((sum, entry) => sum + (entry.sure as number), 0),
    stepsUnsure: cases.reduce((sum, entry) => sum + (entry.unsure as number), 0),
    stepsMissing: cases.reduce((sum, entry) => sum + (entry.missing as number), 0),
    stepsWrongSure: cases.reduce((sum, entry) => sum + (entry.wrongSure as number), 0),
    stepsWrongUnsure: cases.reduce((sum, entry) => sum + (entry.wrongUnsure as number), 0),
    resolveMedianMs: median(allTimings),
    resolveP95Ms: percentile(allTimings, 95),
    floorMedianMs: median(floor),
    ratio: median(allTimings) / median(floor),
    grownPageElements: elements,
    grownResolveMedianMs: median(grown),
    grownResolveP95Ms: percentile(grown, 95),
    grownRatio: median(grown) / median(floor),
  };
  console.log(
    `\npresent cases sure on the right element: ${summary.presentCasesSure}/${summary.presentCases}; gone reported missing: ${summary.goneMissing}; decoys never wrong and sure: ${summary.decoysNeverWrongSure}`,
  );
  console.log(
    `steps: ${summary.stepsSure} sure, ${summary.stepsUnsure} unsure, ${summary.stepsMissing} missing, ${summary.stepsWrongSure} sure on a wrong element, ${summary.stepsWrongUnsure} unsure on a wrong element`,
  );
  console.log(
    `resolve per step: median ${ms(summary.resolveMedianMs)}, p95 ${ms(summary.resolveP95Ms)}; floor (by id + by test id) ${(summary.floorMedianMs * 1000).toFixed(2)} µs (${summary.ratio.toFixed(0)}×)`,
  );
  console.log(
    `on a page of ${elements} elements: median ${ms(summary.grownResolveMedianMs)}, p95 ${ms(summary.grownResolveP95Ms)} (${summary.grownRatio.toFixed(0)}× the floor)`,
  );
  mkdirSync('bench/results', { recursive: true });
  writeFileSync(
    'bench/results/walkthrough-resolver.json',
    `${JSON.stringify({ measuredAt: new Date().toISOString(), reps: REPS, chromium: browser.version(), summary, cases }, null, 2)}\n`,
  );
} finally {
  await browser.close();
  await fixtures.close();
}
