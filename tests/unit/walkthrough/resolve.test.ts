/**
 * The resolver on the fixture pairs: steps recorded on crm-a.html, replayed on each variant
 * (issue 15, item 4). Layout-bound strategies (place, visibility) are exercised in real
 * Chromium by bench/walkthrough-resolver.ts; here the DOM has no layout, so the structure
 * and the words must carry every case alone.
 */
import { describe, expect, it } from 'vitest';
import { describeStepTarget } from '@/lib/walkthrough/describe';
import { rankStepTarget, resolveStepTarget } from '@/lib/walkthrough/resolve';
import { stepTargetSchema } from '@/lib/walkthrough/schema';
import { waitForStepTarget } from '@/lib/walkthrough/wait';
import { RECORDED_STEPS, REPLAY_CASES } from '../../fixtures/walkthrough-cases';
import { loadPage, locate, recordOn, revealLateContent } from './pages';

const pageA = loadPage('crm-a.html');
recordOn(pageA);
const recorded = RECORDED_STEPS.map((step) => describeStepTarget(locate(pageA, step.onA)));

function explain(index: number, page: Document): string {
  return rankStepTarget(recorded[index]!, page)
    .slice(0, 3)
    .map(
      (candidate) => `${candidate.element.outerHTML.slice(0, 80)} = ${candidate.score.toFixed(2)} (${candidate.anchors} anchors)`,
    )
    .join('\n');
}

describe('what page A records', () => {
  it('keeps targets the schema accepts', () => {
    for (const target of recorded) expect(stepTargetSchema.safeParse(target).success).toBe(true);
  });
});

describe.each(REPLAY_CASES.filter((c) => c.kind === 'present' && !c.lateMs))('($id) $title', (replay) => {
  it.each(RECORDED_STEPS.map((step, index) => ({ ...step, index })))('$label: sure, on the right element', ({ index }) => {
    const page = loadPage(replay.page);
    const resolution = resolveStepTarget(recorded[index]!, page);
    const expected = locate(page, replay.expected[index]!);
    expect(resolution.kind, explain(index, page)).toBe('sure');
    expect(resolution.kind !== 'missing' && resolution.element).toBe(expected);
  });
});

describe('(f) appearing 2 s late', () => {
  const replay = REPLAY_CASES.find((c) => c.id === 'f')!;

  it('is not found before the page builds it, then found for sure once it does', async () => {
    const page = loadPage(replay.page);
    const early = resolveStepTarget(recorded[0]!, page);
    expect(early.kind).toBe('missing');
    const waiting = waitForStepTarget(recorded[0]!, page, { timeoutMs: 5_000, debounceMs: 10 });
    setTimeout(() => revealLateContent(page), 50);
    const resolution = await waiting;
    expect(resolution.kind).toBe('sure');
    expect(resolution.kind !== 'missing' && resolution.element).toBe(locate(page, replay.expected[0]!));
  });

  it.each(RECORDED_STEPS.map((step, index) => ({ ...step, index })))('$label: sure once revealed', ({ index }) => {
    const page = loadPage(replay.page);
    revealLateContent(page);
    const resolution = resolveStepTarget(recorded[index]!, page);
    expect(resolution.kind, explain(index, page)).toBe('sure');
    expect(resolution.kind !== 'missing' && resolution.element).toBe(locate(page, replay.expected[index]!));
  });
});

describe('(h) gone', () => {
  it.each(RECORDED_STEPS.map((step, index) => ({ ...step, index })))('$label: missing', ({ index }) => {
    const page = loadPage('crm-b-gone.html');
    expect(resolveStepTarget(recorded[index]!, page).kind, explain(index, page)).toBe('missing');
  });
});

describe('decoys: a wrong element is never sure', () => {
  const replay = REPLAY_CASES.find((c) => c.id === 'decoys')!;
  it.each(RECORDED_STEPS.map((step, index) => ({ ...step, index })))('$label', ({ index }) => {
    const page = loadPage(replay.page);
    const resolution = resolveStepTarget(recorded[index]!, page);
    const expected = replay.expected[index];
    if (!expected) {
      expect(resolution.kind, explain(index, page)).not.toBe('sure');
      return;
    }
    // The right one is there among look-alikes: found, and if sure, on it.
    expect(resolution.kind, explain(index, page)).not.toBe('missing');
    if (resolution.kind === 'sure') expect(resolution.element).toBe(locate(page, expected));
  });
});

describe('plausible but not certain', () => {
  it('a renamed button with nothing else that names it is asked about, not missing and not sure', () => {
    const page = loadPage('crm-b-renamed.html');
    const save = locate(page, ['button[data-action="save"]']);
    // The build dropped the attribute the step's selector and data-* named.
    save.removeAttribute('data-action');
    const resolution = resolveStepTarget(recorded[3]!, page);
    expect(resolution.kind, explain(3, page)).toBe('unsure');
    expect(resolution.kind !== 'missing' && resolution.element).toBe(save);
  });
});
