/** Waiting for a step's element on a page that is still changing, and giving up in time. */
import { describe, expect, it, vi } from 'vitest';
import { describeStepTarget } from '@/lib/walkthrough/describe';
import { waitForStepTarget } from '@/lib/walkthrough/wait';
import { loadPage, locate, recordOn } from './pages';

const pageA = loadPage('crm-a.html');
recordOn(pageA);
const newContact = describeStepTarget(locate(pageA, ['[data-testid="new-contact"]']));
const save = describeStepTarget(locate(pageA, ['button[data-action="save"]']));

describe('waitForStepTarget', () => {
  it('answers at once when the element is there for sure: no timer has to run', async () => {
    const page = loadPage('crm-b-hashed.html');
    vi.useFakeTimers();
    try {
      let resolution: Awaited<ReturnType<typeof waitForStepTarget>> | undefined;
      void waitForStepTarget(save, page, { timeoutMs: 5_000 }).then((answer) => {
        resolution = answer;
      });
      // Only promise callbacks run here; the fake clock never moves, so a wait would leave it undefined.
      for (let turn = 0; turn < 20; turn++) await Promise.resolve();
      expect(resolution?.kind).toBe('sure');
    } finally {
      vi.useRealTimers();
    }
  });

  it('follows a single-page-app navigation: the page rebuilt under the same document', async () => {
    const page = loadPage('crm-b-gone.html');
    const next = loadPage('crm-b-renamed.html');
    const waiting = waitForStepTarget(save, page, { timeoutMs: 5_000, debounceMs: 10 });
    setTimeout(() => {
      page.body.innerHTML = next.body.innerHTML;
    }, 30);
    const resolution = await waiting;
    expect(resolution.kind).toBe('sure');
    expect(resolution.kind !== 'missing' && resolution.element).toBe(page.querySelector('button[data-action="save"]'));
  });

  it('gives the best unsure candidate when the time is up and nothing is sure', async () => {
    const page = loadPage('crm-decoys.html');
    const resolution = await waitForStepTarget(newContact, page, { timeoutMs: 100, debounceMs: 10 });
    expect(resolution.kind).toBe('unsure');
  });

  it('answers missing when the time is up and nothing fits, also after the element left the page', async () => {
    const page = loadPage('crm-b-gone.html');
    expect((await waitForStepTarget(save, page, { timeoutMs: 80 })).kind).toBe('missing');

    const decoys = loadPage('crm-decoys.html');
    const waiting = waitForStepTarget(newContact, decoys, { timeoutMs: 200, debounceMs: 10 });
    setTimeout(() => {
      for (const button of Array.from(decoys.querySelectorAll('button'))) button.remove();
    }, 20);
    expect((await waiting).kind).toBe('missing');
  });

  it('stops when aborted, with an AbortError, and looks no more', async () => {
    const page = loadPage('crm-b-gone.html');
    const controller = new AbortController();
    const waiting = waitForStepTarget(save, page, { timeoutMs: 5_000, signal: controller.signal, debounceMs: 10 });
    setTimeout(() => controller.abort(), 20);
    await expect(waiting).rejects.toMatchObject({ name: 'AbortError' });
    await expect(waitForStepTarget(save, page, { signal: controller.signal })).rejects.toMatchObject({ name: 'AbortError' });
  });
});
