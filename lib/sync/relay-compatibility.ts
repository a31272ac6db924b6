/**
 * Whether the relay still serves this version of the extension (GET /.well-known/binome). Asked
 * when the settings are saved, and by the sync rounds at most once an hour (a relay's accepted
 * versions change with its releases, not by the minute); the last answer is kept, so the popup and
 * the options page can tell the person to update, in their language, without asking again.
 * Best effort: a relay that does not answer (or an older one, without the document) changes
 * nothing, and the usual sync errors say what is wrong.
 */
import { z } from 'zod';
import type { BinomeDb } from '../db/db';
import { defineSetting, read, write } from '../db/settings';
import { compareVersions, WELL_KNOWN_PATH, wellKnownResponse } from '../protocol/well-known';

const compatibilitySchema = z.object({ relayUrl: z.string(), minExtensionVersion: z.string() }).nullable();
export type RelayCompatibility = z.infer<typeof compatibilitySchema>;

/** The last relay that answered, and the oldest extension it serves. */
export const relayCompatibilitySetting = defineSetting<RelayCompatibility>('relayCompatibility', compatibilitySchema, null);

/** Asks the relay and keeps its answer; false when it did not give one (nothing is changed then). */
export async function checkRelayCompatibility(
  db: BinomeDb,
  relayUrl: string,
  fetchImpl: typeof fetch = (...args) => fetch(...args),
): Promise<boolean> {
  try {
    const response = await fetchImpl(`${relayUrl}${WELL_KNOWN_PATH}`);
    if (!response.ok) return false;
    const parsed = wellKnownResponse.safeParse(await response.json());
    if (!parsed.success) return false;
    await write(db, relayCompatibilitySetting, { relayUrl, minExtensionVersion: parsed.data.minExtensionVersion });
    return true;
  } catch {
    return false;
  }
}

/** How often the sync rounds ask a relay that answered; one that did not is asked again sooner. */
export const COMPATIBILITY_CHECK_EVERY_MS = 60 * 60_000;
export const COMPATIBILITY_RETRY_MS = 5 * 60_000;

/**
 * The check as the sync rounds run it: each relay address at most once an hour, in the worker's
 * memory like the programme reads (a restarted worker asks again at once; so does a new address).
 */
export function throttledCompatibilityCheck(
  db: BinomeDb,
  fetchImpl?: typeof fetch,
  now: () => number = Date.now,
): (relayUrl: string) => Promise<void> {
  const nextAt = new Map<string, number>();
  return async (relayUrl) => {
    if (now() < (nextAt.get(relayUrl) ?? Number.NEGATIVE_INFINITY)) return;
    // Set before asking: two rounds in a row do not both ask.
    nextAt.set(relayUrl, now() + COMPATIBILITY_RETRY_MS);
    if (await checkRelayCompatibility(db, relayUrl, fetchImpl)) nextAt.set(relayUrl, now() + COMPATIBILITY_CHECK_EVERY_MS);
  };
}

/**
 * The version to update to, when the relay in use said this one is too old; null otherwise (an
 * answer from another relay than the one now set does not count).
 */
export function requiredUpdate(stored: RelayCompatibility, relayUrl: string, ownVersion: string): string | null {
  if (!stored || stored.relayUrl !== relayUrl) return null;
  return compareVersions(ownVersion, stored.minExtensionVersion) < 0 ? stored.minExtensionVersion : null;
}

export const readRelayCompatibility = (db: BinomeDb) => read(db, relayCompatibilitySetting);
