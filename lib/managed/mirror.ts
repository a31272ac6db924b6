/**
 * The background copies managed storage into the cache (lib/managed/cache.ts): once at start,
 * never awaited by anything else, and again each time the browser says the policy changed.
 *
 * Chrome (and Firefox) can answer `{}` at start-up before the policy is loaded, and the policy
 * then arrives as a change: an empty answer at start therefore keeps what was cached, while an
 * empty answer after a change (IT removed the policy) clears it.
 */
import { browser } from 'wxt/browser';
import { cacheManagedPolicy, readManagedPolicy } from './cache';
import { parsePolicy } from './policy';
import type { ManagedPolicy } from './schema';

export interface ManagedPolicyMirror {
  /** Reads the policy at start; resolves once the cache holds what the answer said. */
  start(): Promise<void>;
  /** The first read's end (or a bounded wait for it): for what happens once, on install, and may wait for it. */
  firstRead(): Promise<void>;
  /** The browser said the policy changed: read it again. */
  changed(): Promise<void>;
}

export interface MirrorDeps {
  readManaged(): Promise<unknown>;
  cache(policy: ManagedPolicy): Promise<void>;
  cached(): Promise<ManagedPolicy>;
  warn(message: string): void;
}

/** Firefox rejects when no policy names the add-on: the same as no policy. */
async function browserManaged(): Promise<unknown> {
  try {
    return await browser.storage.managed.get(null);
  } catch {
    return {};
  }
}

const defaultDeps = (): MirrorDeps => ({
  readManaged: browserManaged,
  cache: cacheManagedPolicy,
  cached: readManagedPolicy,
  warn: (message) => console.warn(message),
});

export function createManagedPolicyMirror(deps: MirrorDeps = defaultDeps()): ManagedPolicyMirror {
  // Each read is numbered: a slow start-up answer arriving after a change's answer must not overwrite it.
  let latest = 0;
  const apply = async (afterChange: boolean) => {
    const ticket = ++latest;
    const raw = await deps.readManaged().catch(() => ({}));
    if (ticket !== latest) return;
    const { policy, problems } = parsePolicy(raw);
    for (const problem of problems) deps.warn(`Binôme ignored part of its managed policy: ${problem}`);
    const empty = Object.keys(policy).length === 0 && problems.length === 0;
    if (empty && !afterChange && Object.keys(await deps.cached()).length > 0) return;
    if (ticket !== latest) return;
    await deps.cache(policy);
  };
  let first: Promise<void> | null = null;
  const start = () => {
    first ??= apply(false).catch((error: unknown) => deps.warn(`Binôme could not read its managed policy: ${error}`));
    return first;
  };
  return {
    start,
    changed: () => apply(true),
    firstRead: () => Promise.race([start(), new Promise<void>((resolve) => setTimeout(resolve, FIRST_READ_WAIT_MS))]),
  };
}

/** Chromium answers in about 5 s after a first start (measured, Chromium 156): past this, the answer is taken as none. */
const FIRST_READ_WAIT_MS = 15_000;

/** Registered synchronously in the worker's main(); the first read is started, not awaited. */
export function mirrorManagedPolicy(mirror = createManagedPolicyMirror()): ManagedPolicyMirror {
  browser.storage.onChanged.addListener((_changes, area) => {
    if (area === 'managed') void mirror.changed();
  });
  void mirror.start();
  return mirror;
}
