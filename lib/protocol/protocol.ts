/**
 * The wire contract between the extension and the relay. Both sides import these
 * schemas, so a change here is a protocol change: keep old fields readable.
 *
 * The relay is a mailbox: it validates envelopes (who, which pair, what kind, how big)
 * but never parses `payload`, which is opaque to it.
 */
import { z } from 'zod';
import { displayNameLength, MAX_DISPLAY_NAME, normalizeDisplayName } from './display-name';

/** Kinds are a small fixed set so that a coordinator can count activity without content. */
export const MESSAGE_KINDS = ['question', 'answer', 'follow-up', 'resolution', 'kudos', 'goal', 'agenda', 'profile'] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];

export const PAIR_ROLES = ['learner', 'helper'] as const;
export type PairRole = (typeof PAIR_ROLES)[number];
export const otherRole = (role: PairRole): PairRole => (role === 'learner' ? 'helper' : 'learner');

/** Payloads carry screenshots later; 1 MiB of text is the ceiling for one message. */
export const MAX_PAYLOAD_CHARS = 1024 * 1024;

/**
 * The ceiling for one message of each kind, in payload characters (sealed payloads are base64url,
 * so characters are bytes). A question carries a screenshot (about 950,000 characters once
 * encoded), and so may an answer (an annotated picture of the helper's screen, or a walkthrough); a
 * follow-up holds at most 20,000 characters of text, which seal to under 170,000 even if
 * every character needed escaping; the programme's kinds hold short texts, a resolution only ids.
 * The relay answers 413 `too_large` over these; the extension can check them before sending.
 */
export const MAX_PAYLOAD_CHARS_BY_KIND: Record<MessageKind, number> = {
  question: MAX_PAYLOAD_CHARS,
  // An answer may carry an annotated picture (a screenshot, like a question) or a walkthrough.
  answer: MAX_PAYLOAD_CHARS,
  'follow-up': 256 * 1024,
  kudos: 64 * 1024,
  goal: 64 * 1024,
  agenda: 64 * 1024,
  profile: 64 * 1024,
  resolution: 4 * 1024,
};
export { MAX_DISPLAY_NAME };
/** What a device may send as a name, before cleaning: a bound on the work, not the name's limit. */
export const MAX_DISPLAY_NAME_INPUT_CHARS = 1000;
export const MAX_PUBLIC_KEY_CHARS = 4096;
export const PULL_LIMIT_MAX = 500;

export * from './invite-code';
import { NAMEPLATE_PATTERN } from './invite-code';

const uuid = z.uuid();

/**
 * Text PostgreSQL cannot store as given: a NUL (refused by the database), or half of a UTF-16
 * surrogate pair (silently turned into U+FFFD). The relay refuses such text rather than store
 * something else than it was sent.
 */
export const isStorableText = (text: string): boolean => !text.includes('\0') && text.isWellFormed();

/**
 * A name as a device sends it: refused when nothing is left once cleaned, or when the cleaned
 * name is longer than MAX_DISPLAY_NAME (refused rather than cut, so nobody is renamed without
 * knowing); otherwise the cleaned name is what the relay stores (see lib/protocol/display-name.ts).
 */
const displayName = z
  .string()
  .max(MAX_DISPLAY_NAME_INPUT_CHARS)
  .refine(isStorableText)
  .transform((raw, ctx) => {
    const name = normalizeDisplayName(raw, Infinity);
    if (!name || displayNameLength(name) > MAX_DISPLAY_NAME) {
      ctx.addIssue({ code: 'custom', message: `A name of 1 to ${MAX_DISPLAY_NAME} visible characters` });
      return z.NEVER;
    }
    return name;
  });
/** Checked for being a P-256 point by the relay (relay/public-key.ts), which has node:crypto. */
const publicKey = z.string().max(MAX_PUBLIC_KEY_CHARS);

// ---- Devices ----
export const registerDeviceRequest = z.object({
  displayName,
  publicKey: publicKey.optional(),
  /**
   * The extension's own id (`browser.runtime.id`). Only a relay with ALLOWED_EXTENSION_IDS reads
   * it, and only for Firefox, whose page origins do not name the add-on (relay/allowed-extensions.ts).
   */
  extensionId: z.string().min(1).max(200).optional(),
});
export type RegisterDeviceRequest = z.infer<typeof registerDeviceRequest>;

export const registerDeviceResponse = z.object({
  deviceId: uuid,
  token: z.string(),
});
export type RegisterDeviceResponse = z.infer<typeof registerDeviceResponse>;

export const updateDeviceRequest = z.object({
  displayName: displayName.optional(),
  publicKey: publicKey.optional(),
});
export const updateDeviceResponse = z.object({
  deviceId: uuid,
  displayName: z.string(),
  publicKey: z.string().nullable(),
});

// ---- Invites and pairs (SPAKE2 over the invite code: lib/trust/pairing-protocol.ts) ----
/** The part of the invite code that the relay sees: it names the invite, it proves nothing. */
const nameplate = z.string().regex(NAMEPLATE_PATTERN);
/** A SPAKE2 share: a P-256 point, uncompressed (65 bytes), base64url. The relay checks it is on the curve. */
export const pakeShare = z.string().regex(/^[A-Za-z0-9_-]{87}$/);
/** A SPAKE2 key confirmation: HMAC-SHA256 (32 bytes), base64url. Opaque to the relay. */
export const pakeConfirm = z.string().regex(/^[A-Za-z0-9_-]{43}$/);

export const createInviteRequest = z.object({
  /** The inviter's role in the pair to be; the person who accepts gets the other one. */
  role: z.enum(PAIR_ROLES),
  nameplate,
  share: pakeShare,
  /** The programme the pair will belong to (lib/protocol/programme.ts); it must exist and not have ended. */
  programmeId: uuid.optional(),
});
export const createInviteResponse = z.object({
  expiresAt: z.number().int(),
});
export type CreateInviteResponse = z.infer<typeof createInviteResponse>;

export const lookupInviteRequest = z.object({ nameplate: z.string().max(32) });

export const acceptInviteRequest = z.object({
  nameplate,
  /** Made by the accepter, so that the confirmations can cover it before the pair exists. */
  pairId: uuid,
  /** The share the accepter answered: an invite replaced in between fails instead of misleading. */
  inviterShare: pakeShare,
  share: pakeShare,
  confirm: pakeConfirm,
});

/** The inviter's confirmation, or either side saying the other's did not match. */
export const confirmPairingRequest = z.union([
  z.object({ confirm: pakeConfirm }).strict(),
  z.object({ failed: z.literal(true) }).strict(),
]);

export const peerSchema = z.object({
  deviceId: uuid,
  /** Cleaned again on arrival: a relay (or an older one) may send anything. */
  displayName: z.string().transform((name) => normalizeDisplayName(name)),
  publicKey: z.string().nullable(),
  /** Set when an operator revoked the buddy's device: nothing more can be sent to it. */
  revokedAt: z.number().int().nullable().default(null),
});
export const lookupInviteResponse = z.object({
  inviter: peerSchema,
  inviterRole: z.enum(PAIR_ROLES),
  share: z.string(),
  expiresAt: z.number().int(),
});
export type LookupInviteResponse = z.infer<typeof lookupInviteResponse>;

/** Where a pair's key confirmation stands; null for pairs made before SPAKE2 pairing. */
export const pairingSchema = z.object({
  nameplate: z.string(),
  inviterShare: z.string(),
  accepterShare: z.string(),
  accepterConfirm: z.string(),
  inviterConfirm: z.string().nullable(),
  failedAt: z.number().int().nullable(),
});
export type PairingInfo = z.infer<typeof pairingSchema>;

export const pairSchema = z.object({
  pairId: uuid,
  myRole: z.enum(PAIR_ROLES),
  peer: peerSchema,
  createdAt: z.number().int(),
  lastSeq: z.number().int(),
  pairing: pairingSchema.nullable().default(null),
  /** Set when one member left the pair (DELETE /pairs/:pairId): it is read-only from then on. */
  leftAt: z.number().int().nullable().default(null),
  /** The device id of whoever left. */
  leftBy: z.uuid().nullable().default(null),
});
export type PairInfo = z.infer<typeof pairSchema>;
/** A pair as an older relay may send it, before the defaults fill the newer fields. */
export type PairInfoInput = z.input<typeof pairSchema>;
export const acceptInviteResponse = z.object({ pair: pairSchema });
export const listPairsResponse = z.object({ pairs: z.array(pairSchema) });

// ---- Mailbox ----
/** What a device posts. The pair comes from the path and the sender from the token. */
export const postMessageRequest = z.object({
  id: uuid,
  kind: z.enum(MESSAGE_KINDS),
  createdAt: z.number().int().nonnegative(),
  payload: z.string().max(MAX_PAYLOAD_CHARS),
});
export type PostMessageRequest = z.infer<typeof postMessageRequest>;

export const postMessageResponse = z.object({
  seq: z.number().int().positive(),
  /** True when this id had been accepted before: the retry changed nothing. */
  duplicate: z.boolean(),
});
export type PostMessageResponse = z.infer<typeof postMessageResponse>;

export const envelopeSchema = postMessageRequest.extend({
  pairId: uuid,
  senderDeviceId: uuid,
  seq: z.number().int().positive(),
  receivedAt: z.number().int(),
});
export type Envelope = z.infer<typeof envelopeSchema>;

export const pullQuery = z.object({
  after: z.coerce.number().int().nonnegative().default(0),
  limit: z.coerce.number().int().min(1).max(PULL_LIMIT_MAX).default(100),
});
export const pullResponse = z.object({
  messages: z.array(envelopeSchema),
  /** The highest seq in the pair, so a client knows whether to pull again. */
  lastSeq: z.number().int().nonnegative(),
});
export type PullResponse = z.infer<typeof pullResponse>;

// ---- Push stream (WebSocket at /stream) ----
/** Browsers cannot set headers on a WebSocket: the token travels in the first frame. */
export const streamHello = z.object({ type: z.literal('hello'), token: z.string().max(200) });
export const streamEvent = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready'), deviceId: uuid }),
  z.object({ type: z.literal('message'), pairId: uuid, seq: z.number().int() }),
  z.object({ type: z.literal('pairs-changed') }),
  /** Sent every 20 s: it keeps an MV3 service worker's socket, and so the worker, alive. */
  z.object({ type: z.literal('ping') }),
]);
export type StreamEvent = z.infer<typeof streamEvent>;

// ---- Errors ----
export const ERROR_CODES = [
  'bad_request',
  'unauthorized',
  'forbidden',
  'not_found',
  'conflict',
  'invite_invalid',
  'invite_expired',
  'invite_used',
  'invite_own',
  'pairing_failed',
  'too_large',
  'rate_limited',
  'internal',
  /** 410: the pair was left by one of its members. Permanent. */
  'pair_ended',
  /** 410: the other member's device was revoked. Permanent. */
  'peer_revoked',
  /** 413: the pair stores as much as the relay allows. Permanent until an operator acts. */
  'quota_exceeded',
  /** 410: a new question in a pair whose programme has ended. Answers to earlier questions still pass. */
  'programme_ended',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];
export const errorResponse = z.object({
  error: z.object({ code: z.enum(ERROR_CODES), message: z.string() }),
});
export type ErrorResponse = z.infer<typeof errorResponse>;

export const healthResponse = z.object({
  ok: z.literal(true),
  database: z.enum(['pglite', 'postgres']),
  version: z.string(),
});
