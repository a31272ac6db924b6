/**
 * What the admin routes answer, shared by relay/routes/admin.ts and the CLI (relay/admin.ts),
 * which validates every answer: the CLI may talk to a relay of another version.
 */
import { z } from 'zod';

export const ADMIN_PREFIX = '/admin';

/** Below this, a secret could be guessed despite the rate limit; the relay refuses to start. */
export const MIN_ADMIN_SECRET_CHARS = 24;

export const revokeDeviceResponse = z.object({
  deviceId: z.uuid(),
  displayName: z.string(),
  revokedAt: z.number().int(),
  /** True when it had been revoked before: only the notices were sent again. */
  alreadyRevoked: z.boolean(),
  buddiesTold: z.number().int().nonnegative(),
});
export type RevokeDeviceResponse = z.infer<typeof revokeDeviceResponse>;
