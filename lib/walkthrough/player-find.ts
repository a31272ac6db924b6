/**
 * How the player looks for a step's element, over the resolver's wait (wait.ts): a sure match
 * is taken the moment it appears; an unsure one is asked about ("Is this it?") only after
 * UNSURE_PATIENCE_MS without a sure one, so that an element arriving late is not preceded by a
 * question about a look-alike; nothing at all is waited for up to the whole timeout.
 */
import type { Resolution } from './resolve';
import type { StepTarget } from './schema';
import { waitForStepTarget } from './wait';

export const UNSURE_PATIENCE_MS = 3_000;

export async function findStepTarget(
  target: StepTarget,
  document: Document,
  options: { timeoutMs: number; signal: AbortSignal },
  wait: typeof waitForStepTarget = waitForStepTarget,
): Promise<Resolution> {
  const patience = Math.min(UNSURE_PATIENCE_MS, options.timeoutMs);
  const early = await wait(target, document, { timeoutMs: patience, signal: options.signal });
  if (early.kind !== 'missing' || patience >= options.timeoutMs) return early;
  return wait(target, document, { timeoutMs: options.timeoutMs - patience, signal: options.signal });
}
