/**
 * Runs in a plain Chromium page served by the fixture server: records the fixture steps on
 * page A with describeStepTarget, replays them on a variant with resolveStepTarget (or
 * waitForStepTarget for the late case), the same code the recorder and the player inject,
 * and times the resolver against a floor measured in the same page.
 */
import { type Locator, locate as locateIn } from '../../tests/fixtures/walkthrough-cases';
import { describeStepTarget } from '../../lib/walkthrough/describe';
import { type Resolution, resolveStepTarget } from '../../lib/walkthrough/resolve';
import type { StepTarget } from '../../lib/walkthrough/schema';
import { waitForStepTarget } from '../../lib/walkthrough/wait';

function locate(locator: Locator): Element | null {
  return locateIn(document, locator);
}

export function record(locators: Locator[]): StepTarget[] {
  return locators.map((locator) => {
    const element = locate(locator);
    if (!element) throw new Error(`Page A lost ${locator.join(' » ')}`);
    return describeStepTarget(element);
  });
}

export type Outcome = 'sure' | 'unsure' | 'missing' | 'sure-wrong' | 'unsure-wrong';

function outcomeOf(resolution: Resolution, expected: Locator | null): { outcome: Outcome; score: number } {
  if (resolution.kind === 'missing') return { outcome: 'missing', score: 0 };
  const right = expected !== null && resolution.element === locate(expected);
  const outcome = right ? resolution.kind : (`${resolution.kind}-wrong` as const);
  return { outcome, score: resolution.score };
}

export async function replay(
  targets: StepTarget[],
  expected: (Locator | null)[],
  options: { wait: boolean; reps: number },
): Promise<{ steps: { outcome: Outcome; score: number; waitedMs: number }[]; timings: number[] }> {
  const steps: { outcome: Outcome; score: number; waitedMs: number }[] = [];
  for (const [index, target] of targets.entries()) {
    const started = performance.now();
    const resolution = options.wait
      ? await waitForStepTarget(target, document, { timeoutMs: 10_000 })
      : resolveStepTarget(target, document);
    steps.push({ ...outcomeOf(resolution, expected[index] ?? null), waitedMs: performance.now() - started });
  }
  return { steps, timings: time(targets, options.reps) };
}

/**
 * Milliseconds of one resolveStepTarget, per step and rep, the page as it is now. Each figure
 * is the mean of a batch of 10: a page's clock ticks in 0.1 ms steps when it is not
 * cross-origin isolated, coarser than one resolution on a small page.
 */
function time(targets: StepTarget[], reps: number): number[] {
  const timings: number[] = [];
  for (let rep = 0; rep < reps; rep++) {
    for (const target of targets) {
      const started = performance.now();
      for (let index = 0; index < 10; index++) resolveStepTarget(target, document);
      timings.push((performance.now() - started) / 10);
    }
  }
  return timings;
}

/**
 * The floor: what finding an element costs when one already knows exactly where it is, one
 * getElementById plus one querySelector (by test id). Timed in batches of 10,000, since one
 * call is far below the page's clock resolution.
 */
export function floor(reps: number): number[] {
  const timings: number[] = [];
  for (let rep = 0; rep < reps; rep++) {
    const started = performance.now();
    for (let index = 0; index < 10_000; index++) {
      document.getElementById('contact-email');
      document.querySelector('[data-testid="new-contact"]');
    }
    timings.push((performance.now() - started) / 10_000);
  }
  return timings;
}

/** A page grown to an app's size: `rows` more rows in the contacts table (5 elements each). */
export function grow(rows: number): number {
  const body = document.querySelector('tbody');
  if (!body) return 0;
  const template = body.querySelector('tr');
  for (let index = 0; index < rows && template; index++) body.append(template.cloneNode(true));
  return document.getElementsByTagName('*').length;
}

export async function timeOnly(targets: StepTarget[], reps: number): Promise<number[]> {
  return time(targets, reps);
}
