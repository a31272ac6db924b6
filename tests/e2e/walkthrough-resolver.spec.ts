/**
 * The walkthrough resolver in real Chromium, where the page has layout (place, visibility)
 * and real shadow roots and frames: steps recorded on crm-a.html and replayed on each variant
 * (issue 15, item 4). The unit tests cover the same pairs on a DOM without layout; timings
 * are the benchmark's (bench/walkthrough-resolver.ts), never asserted here.
 */
import { chromium, expect, test, type Browser, type Page } from '@playwright/test';
import type { StepTarget } from '../../lib/walkthrough/schema';
import { RECORDED_STEPS, REPLAY_CASES } from '../fixtures/walkthrough-cases';
import { chromiumPath } from './support/chromium';
import { startFixtureServer } from './support/fixture-server';
import { openWithResolver } from './support/walkthrough-script';

let browser: Browser;
let fixtures: Awaited<ReturnType<typeof startFixtureServer>>;
let page: Page;
let recorded: StepTarget[];
let base: string;

test.beforeAll(async () => {
  fixtures = await startFixtureServer();
  base = `http://127.0.0.1:${fixtures.port}/walkthrough/`;
  browser = await chromium.launch({ executablePath: chromiumPath(), headless: true, args: ['--no-sandbox', '--disable-gpu'] });
  page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await openWithResolver(page, `${base}crm-a.html`);
  recorded = await page.evaluate(
    (locators) => window.binomeWalkthrough.record(locators),
    RECORDED_STEPS.map((step) => [...step.onA]),
  );
});

test.afterAll(async () => {
  await browser?.close();
  await fixtures?.close();
});

test('page A: each step keeps its place on the page and a selector finder made', () => {
  for (const target of recorded) {
    expect(target.place.width).toBeGreaterThan(0);
    expect(target.place.height).toBeGreaterThan(0);
    expect(target.selector).not.toMatch(/css-|sc-|_[a-z]\d/);
  }
});

for (const replay of REPLAY_CASES) {
  test(`(${replay.id}) ${replay.title}`, async () => {
    await openWithResolver(page, base + replay.page);
    const result = await page.evaluate(
      ([targets, expected, wait]) => window.binomeWalkthrough.replay(targets, expected, { wait, reps: 0 }),
      [recorded, replay.expected.map((locator) => (locator ? [...locator] : null)), !!replay.lateMs] as const,
    );
    const outcomes = result.steps.map((step) => step.outcome);
    if (replay.kind === 'present') expect(outcomes).toEqual(RECORDED_STEPS.map(() => 'sure'));
    if (replay.kind === 'gone') expect(outcomes).toEqual(RECORDED_STEPS.map(() => 'missing'));
    // Never sure on a wrong element; never sure where no element is the right one.
    expect(outcomes).not.toContain('sure-wrong');
    replay.expected.forEach((expected, index) => {
      if (expected === null) expect(outcomes[index]).not.toBe('sure');
    });
  });
}

test('an element hidden by the page is not a candidate until it shows', async () => {
  await openWithResolver(page, `${base}crm-b-hashed.html`);
  await page.locator('[data-testid="new-contact"]').evaluate((button) => {
    (button as HTMLElement).style.display = 'none';
  });
  expect(await page.evaluate((target) => window.binomeWalkthrough.resolveHere(target, null).outcome, recorded[0]!)).toBe(
    'missing',
  );
  await page.locator('[data-testid="new-contact"]').evaluate((button) => {
    (button as HTMLElement).style.display = '';
  });
  const shown = await page.evaluate(
    (target) => window.binomeWalkthrough.resolveHere(target, ['[data-testid="new-contact"]']).outcome,
    recorded[0]!,
  );
  expect(shown).toBe('sure');
});
