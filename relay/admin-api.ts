/**
 * What the admin routes answer, shared by relay/routes/admin.ts and the CLI (relay/admin.ts),
 * which validates every answer: the CLI may talk to a relay of another version.
 */
import { z } from 'zod';
import { displayNameLength, normalizeDisplayName } from '../lib/protocol/display-name.ts';

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

export const listDevicesResponse = z.object({
  devices: z.array(
    z.object({
      deviceId: z.uuid(),
      displayName: z.string(),
      createdAt: z.number().int(),
      revokedAt: z.number().int().nullable(),
      pairs: z.number().int().nonnegative(),
    }),
  ),
});
export type ListDevicesResponse = z.infer<typeof listDevicesResponse>;

export const listPairsAdminResponse = z.object({
  pairs: z.array(
    z.object({
      pairId: z.uuid(),
      createdAt: z.number().int(),
      memberDeviceIds: z.array(z.uuid()),
      programmeId: z.uuid().nullable(),
      lastSeq: z.number().int().nonnegative(),
      storedMessages: z.number().int().nonnegative(),
      storedBytes: z.number().int().nonnegative(),
      leftAt: z.number().int().nullable(),
    }),
  ),
});
export type ListPairsAdminResponse = z.infer<typeof listPairsAdminResponse>;

export const deletePairResponse = z.object({
  pairId: z.uuid(),
  deletedMessages: z.number().int().nonnegative(),
  membersTold: z.number().int().nonnegative(),
});
export type DeletePairResponse = z.infer<typeof deletePairResponse>;

// ---- Programmes (relay/routes/admin-programmes.ts) ----

/** A name as the operator types it, cleaned as display names are, refused when nothing is left. */
export const MAX_PROGRAMME_NAME = 120;
const programmeName = z
  .string()
  .max(1000)
  .transform((raw, ctx) => {
    const name = normalizeDisplayName(raw, Infinity);
    if (!name || displayNameLength(name) > MAX_PROGRAMME_NAME) {
      ctx.addIssue({ code: 'custom', message: `A name of 1 to ${MAX_PROGRAMME_NAME} visible characters` });
      return z.NEVER;
    }
    return name;
  });
/** Shown as a link to the programme's people: only https (or http on a loopback address, for tests). */
const helpUrl = z
  .url({ protocol: /^https?$/ })
  .max(2000)
  .refine((url) => url.startsWith('https://') || /^http:\/\/(127\.0\.0\.1|localhost)(:|\/|$)/.test(url));

export const MAX_SENIORS_PER_JUNIOR = 20;
export const DEFAULT_MAX_SENIORS_PER_JUNIOR = 3;

export const createProgrammeRequest = z
  .object({
    name: programmeName,
    startsAt: z.number().int().nonnegative(),
    endsAt: z.number().int().nonnegative(),
    maxSeniorsPerJunior: z.number().int().min(1).max(MAX_SENIORS_PER_JUNIOR).default(DEFAULT_MAX_SENIORS_PER_JUNIOR),
    helpUrl: helpUrl.nullable().default(null),
  })
  .refine((p) => p.endsAt > p.startsAt, { path: ['endsAt'], message: 'The end comes after the start' });
export type CreateProgrammeRequest = z.input<typeof createProgrammeRequest>;

export const programmeSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  startsAt: z.number().int(),
  endsAt: z.number().int(),
  maxSeniorsPerJunior: z.number().int(),
  helpUrl: z.string().nullable(),
  createdAt: z.number().int(),
});

export const createProgrammeResponse = z.object({
  programme: programmeSchema,
  /** Shown once: the relay keeps only its hash. */
  coordinatorSecret: z.string(),
});
export type CreateProgrammeResponse = z.infer<typeof createProgrammeResponse>;

export const listProgrammesResponse = z.object({
  programmes: z.array(
    programmeSchema.extend({
      pairs: z.number().int(),
      coordinators: z.number().int(),
      plannedPairs: z.number().int(),
    }),
  ),
});
export type ListProgrammesResponse = z.infer<typeof listProgrammesResponse>;

export const addCoordinatorResponse = z.object({ programmeId: z.uuid(), coordinatorSecret: z.string() });
export type AddCoordinatorResponse = z.infer<typeof addCoordinatorResponse>;

export const signInLinkResponse = z.object({
  programmeId: z.uuid(),
  /** Relative to the relay's address: the command line puts RELAY_URL in front. */
  path: z.string().startsWith('/coordinator/sign-in?token='),
  expiresAt: z.number().int(),
});
export type SignInLinkResponse = z.infer<typeof signInLinkResponse>;

// ---- Importing a programme's pairs from a CSV (relay/routes/programme-imports.ts) ----

const importProblem = z.object({ line: z.number().int(), message: z.string() });
export const importDryRunResponse = z.object({
  dryRun: z.literal(true),
  pairs: z.number().int(),
  problems: z.array(importProblem),
});
export const importRefusedResponse = z.object({
  error: z.object({ code: z.string(), message: z.string() }),
  problems: z.array(importProblem),
});
const importedPerson = z.object({ name: z.string(), email: z.string(), slotCode: z.string() });
export const importResponse = z.object({
  dryRun: z.literal(false),
  pairs: z.array(z.object({ line: z.number().int(), senior: importedPerson, junior: importedPerson })),
});
export type ImportResponse = z.infer<typeof importResponse>;
