/**
 * The last policy the background read, kept in storage.local: every context reads it at once
 * (pages, the background, the in-page panel's frame, which may not open the database), and
 * nothing ever waits on managed storage itself, which can answer late or empty at start-up.
 */
import { browser } from 'wxt/browser';
import { parsePolicy } from './policy';
import type { ManagedPolicy } from './schema';

export const MANAGED_POLICY_CACHE_KEY = 'managedPolicy';

/** The cached policy, checked again: the cache is only as trusted as anything in storage.local. */
export async function readManagedPolicy(): Promise<ManagedPolicy> {
  try {
    const stored = await browser.storage.local.get(MANAGED_POLICY_CACHE_KEY);
    return parsePolicy(stored[MANAGED_POLICY_CACHE_KEY] ?? {}).policy;
  } catch {
    return {};
  }
}

export async function cacheManagedPolicy(policy: ManagedPolicy): Promise<void> {
  await browser.storage.local.set({ [MANAGED_POLICY_CACHE_KEY]: policy });
}

/** Calls back with each new cached policy; returns how to stop. */
export function watchManagedPolicy(onPolicy: (policy: ManagedPolicy) => void): () => void {
  const listener = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    const change = changes[MANAGED_POLICY_CACHE_KEY];
    if (area === 'local' && change) onPolicy(parsePolicy(change.newValue ?? {}).policy);
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
}
