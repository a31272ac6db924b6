/**
 * GET /.well-known/binome: which relay this is and the oldest extension it still serves. The
 * extension reads it when it syncs and when its settings are saved, and asks the person to update
 * when its own version is lower (lib/sync/relay-compatibility.ts).
 */
import { z } from 'zod';

export const WELL_KNOWN_PATH = '/.well-known/binome';

/** Dotted numbers, as in a manifest's `version` (Chrome allows 1 to 4 parts). */
const version = z.string().regex(/^\d{1,9}(\.\d{1,9}){0,3}$/);

export const wellKnownResponse = z.object({
  version: z.string().max(100),
  minExtensionVersion: version,
});
export type WellKnownResponse = z.infer<typeof wellKnownResponse>;

export const isExtensionVersion = (value: string) => version.safeParse(value).success;

/** Negative when a < b, 0 when equal, positive when a > b; missing parts count as 0 (1.2 = 1.2.0). */
export function compareVersions(a: string, b: string): number {
  const left = a.split('.').map(Number);
  const right = b.split('.').map(Number);
  for (let i = 0; i < Math.max(left.length, right.length); i++) {
    const difference = (left[i] ?? 0) - (right[i] ?? 0);
    if (difference !== 0) return difference;
  }
  return 0;
}
