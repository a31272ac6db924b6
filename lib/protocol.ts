/**
 * The wire contract between the extension and the relay. Both sides import these
 * schemas, so a change here is a protocol change: keep old fields readable.
 *
 * The relay is a mailbox: it validates envelopes (who, which pair, what kind, how big)
 * but never parses `payload`, which is opaque to it.
 */
import { z } from 'zod';

/** Kinds are a small fixed set so that a coordinator can count activity without content. */
export const MESSAGE_KINDS = [
  'question',
  'answer',
  'follow-up',
  'resolution',
  'kudos',
  'goal',
  'agenda',
  'profile',
] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];

export const PAIR_ROLES = ['learner', 'helper'] as const;
export type PairRole = (typeof PAIR_ROLES)[number];
export const otherRole = (role: PairRole): PairRole => (role === 'learner' ? 'helper' : 'learner');

/** Payloads carry screenshots later; 1 MiB of text is the ceiling for one message. */
export const MAX_PAYLOAD_CHARS = 1024 * 1024;
export const MAX_DISPLAY_NAME = 80;
export const MAX_PUBLIC_KEY_CHARS = 4096;
export const PULL_LIMIT_MAX = 500;

export * from './invite-code';
import { NAMEPLATE_PATTERN } from './invite-code';

const uuid = z.uuid();
const displayName = z.string().trim().min(1).max(MAX_DISPLAY_NAME);
const publicKey = z.string().max(MAX_PUBLIC_KEY_CHARS);

// ---- Devices ----
export const registerDeviceRequest = z.object({
  displayName,
  publicKey: publicKey.optional(),
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

// ---- Invites and pairs (SPAKE2 over the invite code: lib/pairing-protocol.ts) ----
/** The part of the invite code that the relay sees: it names the invite, it proves nothing. */
const nameplate = z.string().regex(NAMEPLATE_PATTERN);
/** A SPAKE2 share: a P-256 point, uncompressed (65 bytes), base64url. The relay checks it is on the curve. */
export const pakeShare = z.string().regex(/^[A-Za-z0-9_-]{87}$/);
/** A SPAKE2 key confirmation: HMAC-SHA256 (32 bytes), base64url. Opaque to the relay. */
const pakeConfirm = z.string().regex(/^[A-Za-z0-9_-]{43}$/);

export const createInviteRequest = z.object({
  /** The inviter's role in the pair to be; the person who accepts gets the other one. */
  role: z.enum(PAIR_ROLES),
  nameplate,
  share: pakeShare,
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
  displayName: z.string(),
  publicKey: z.string().nullable(),
  /** When an operator removed the buddy's device: nothing more can be sent to it. */
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
  /** When one of the two left the pair (DELETE /pairs/:pairId), and which device did. */
  leftAt: z.number().int().nullable().default(null),
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
  /** 410: the pair was left; nothing more can be posted in it (pulls still work). */
  'pair_ended',
  /** 410: the other member's device was revoked by an operator. */
  'peer_revoked',
  'quota_exceeded',
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
