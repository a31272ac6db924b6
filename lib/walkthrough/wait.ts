/**
 * Waits for a step's element on a page that is still changing: late elements (a list
 * loading, a dialog opening), single-page-app navigation (the page rebuilt under the same
 * document), frames loading their document, shadow roots attached after the fact.
 *
 * Resolves at once when the element is found for sure; otherwise re-resolves after the
 * page changes (MutationObservers on the document, its open shadow roots and its
 * same-origin frames, debounced) until it is sure or the time is up, and then answers with
 * what the page offers at that moment: the best unsure candidate, or missing.
 */
import { openRoots, type Resolution, resolveStepTarget } from './resolve';
import type { StepTarget } from './schema';

export interface WaitOptions {
  /** How long to wait for a sure match before answering with the best there is. */
  timeoutMs?: number;
  /** Aborting rejects with the signal's reason (an AbortError by default) and stops observing. */
  signal?: AbortSignal;
  /** Quiet time after a change before resolving again: a page redrawing settles first. */
  debounceMs?: number;
}

/** A page that never stops changing (a clock, an animation) is still looked at this often. */
const MAX_DEBOUNCE_MS = 500;
/** Attaching a shadow root or swapping a frame's document fires no mutation: looked at this often anyway. */
const POLL_MS = 1_000;

export function waitForStepTarget(target: StepTarget, root: Document, options: WaitOptions = {}): Promise<Resolution> {
  const { timeoutMs = 10_000, signal, debounceMs = 100 } = options;
  if (signal?.aborted) return Promise.reject(abortReason(signal));
  const first = resolveStepTarget(target, root);
  if (first.kind === 'sure' || timeoutMs <= 0) return Promise.resolve(first);

  const view = root.defaultView ?? globalThis;
  const Observer = (view as typeof globalThis).MutationObserver ?? globalThis.MutationObserver;

  return new Promise<Resolution>((resolve, reject) => {
    let latest: Resolution = first;
    let done = false;
    let debounce: ReturnType<typeof setTimeout> | undefined;
    let firstPendingAt = 0;
    const observed = new Set<Node>();
    const observer = new Observer(() => schedule());

    const observeAll = () => {
      for (const scope of openRoots(root)) {
        if (observed.has(scope)) continue;
        observed.add(scope);
        try {
          observer.observe(scope, { subtree: true, childList: true, attributes: true, characterData: true });
        } catch {
          // A frame that navigated away mid-walk: the next look finds its new document.
        }
      }
    };

    const look = () => {
      if (done) return;
      debounce = undefined;
      firstPendingAt = 0;
      latest = resolveStepTarget(target, root);
      if (latest.kind === 'sure') finish();
      else observeAll();
    };

    const schedule = () => {
      if (done) return;
      const now = Date.now();
      if (!firstPendingAt) firstPendingAt = now;
      if (debounce !== undefined) clearTimeout(debounce);
      const wait = Math.max(0, Math.min(debounceMs, MAX_DEBOUNCE_MS - (now - firstPendingAt)));
      debounce = setTimeout(look, wait);
    };

    const onAbort = () => {
      cleanUp();
      reject(abortReason(signal!));
    };
    const finish = () => {
      cleanUp();
      resolve(latest);
    };
    const cleanUp = () => {
      done = true;
      observer.disconnect();
      clearTimeout(timer);
      clearInterval(poll);
      if (debounce !== undefined) clearTimeout(debounce);
      signal?.removeEventListener('abort', onAbort);
      // The single-page-app navigations that change no node (history only) and frames loading.
      view.removeEventListener?.('popstate', schedule);
      view.removeEventListener?.('hashchange', schedule);
      root.removeEventListener('load', schedule, true);
    };

    const timer = setTimeout(() => {
      if (done) return;
      latest = resolveStepTarget(target, root);
      finish();
    }, timeoutMs);
    const poll = setInterval(schedule, POLL_MS);
    signal?.addEventListener('abort', onAbort, { once: true });
    view.addEventListener?.('popstate', schedule);
    view.addEventListener?.('hashchange', schedule);
    root.addEventListener('load', schedule, true);
    observeAll();
  });
}

function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('The wait for the step was stopped.', 'AbortError');
}
