/**
 * The programme's part of the wire contract (relay/routes/pair-programme.ts and
 * relay/routes/programme-joins.ts). Additive to protocol.ts: older relays simply lack these routes.
 */
import { z } from 'zod';
import { JOINING_SLOT_CODE_PATTERN } from './joining-code';
import { acceptInviteResponse, PAIR_ROLES, pakeConfirm, pakeShare, peerSchema } from './protocol';

export * from './joining-code';

const time = z.number().int();

/** What a device may know of its pair's programme: never its coordinators nor other pairs. */
export const programmeInfoSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  startsAt: time,
  endsAt: time,
  /** Where the programme's people find help (an intranet page); null when the operator gave none. */
  helpUrl: z.string().nullable(),
});
export type ProgrammeInfo = z.infer<typeof programmeInfoSchema>;

export const pairProgrammeResponse = z.object({
  /** Null for a pair outside any programme. */
  programme: programmeInfoSchema.nullable(),
  /**
   * When the relay stops taking new questions in this pair: its own end (planned in the
   * programme's CSV) or else the programme's. Null outside a programme.
   */
  endsAt: time.nullable(),
});
export type PairProgrammeResponse = z.infer<typeof pairProgrammeResponse>;

/** Sent only when the person agreed to share it with the programme; never shown to the buddy. */
export const wrapUpRatingRequest = z
  .object({
    rating: z.number().int().min(1).max(4),
    wouldRecommend: z.boolean(),
  })
  .strict();
export type WrapUpRatingRequest = z.infer<typeof wrapUpRatingRequest>;

// ---- Joining a programme with a personal code (lib/sync/programme-join.ts) ----
/** The relay's half of a personal code: it tells the relay which person of which planned pair is joining. */
const slotCode = z.string().regex(JOINING_SLOT_CODE_PATTERN);

export const joinLookupRequest = z.object({ slotCode: z.string().max(64) });
export const joinLookupResponse = z.object({
  /** Bound into the SPAKE2 exchange, as an invite's nameplate is. */
  nameplate: z.string().min(1).max(100),
  programme: programmeInfoSchema,
  /** The joining person's role: a senior is the learner, a junior the helper. */
  myRole: z.enum(PAIR_ROLES),
  /** Set once the buddy's browser joined first: this one then answers its share. */
  buddy: z.object({ device: peerSchema, share: z.string() }).nullable(),
  /** The last moment to join: the pair's end. */
  expiresAt: time,
  /** The buddy's name from the coordinator's CSV, to say whom the person waits for; absent from older relays. */
  buddyName: z.string().max(200).optional(),
});
export type JoinLookupResponse = z.infer<typeof joinLookupResponse>;

/** The first of the two to join leaves its share, as an inviter does. */
export const joinStartRequest = z.object({ slotCode, share: pakeShare });
export const joinStartResponse = z.object({ expiresAt: time });

/** The second answers the first's share, and the pair is created, unconfirmed. */
export const joinAcceptRequest = z.object({
  slotCode,
  pairId: z.uuid(),
  inviterShare: pakeShare,
  share: pakeShare,
  confirm: pakeConfirm,
});
export const joinAcceptResponse = acceptInviteResponse;
