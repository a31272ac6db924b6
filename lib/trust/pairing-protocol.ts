/**
 * How two browsers pair so that the relay in the middle cannot swap their keys: the invite code
 * people read aloud is the password of a SPAKE2 exchange (RFC 9382) whose confirmations cover
 * both device public keys, both device ids, the pair id and the roles. See docs/security.md.
 *
 *   inviter A                         relay                          accepter B
 *   code = nameplate ‖ password
 *   pA = x·P + w·M ───── nameplate, pA ──▶ (keeps)
 *                                     ◀── lookup(nameplate) ───────── types the code
 *                                     ─── pA, A's id and key ───────▶ pB = y·P + w·N
 *                                     ◀── pairId, pB, cB ──────────── cB = MAC(KcB, TT)
 *   checks cB (else: failed) ◀─────── pB, cB, B's id and key
 *   cA = MAC(KcA, TT) ────────────── cA ─────────────────────────────▶ checks cA (else: failed)
 *
 * Only the nameplate reaches the relay. A relay that substitutes its own share on either side
 * must guess the password: one try per invite, 1 in 31^5 (≈ 28.6 million), and a wrong try
 * makes a confirmation fail, which both people are shown.
 */
import { hkdf } from '@noble/hashes/hkdf.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { fromBase64Url, toBase64Url } from '../protocol/base64url';
import { splitInviteCode } from '../protocol/invite-code';
import type { PairRole } from '../protocol/protocol';
import {
  bytesToBigInt,
  equalBytes,
  randomScalar,
  scalarFromUniformBytes,
  spake2Keys,
  spake2Share,
  spake2SharedPoint,
  transcript,
  type Spake2Keys,
  type Spake2Side,
} from './spake2';

const encoder = new TextEncoder();
const PROTOCOL = 'binome/pairing/v1';

export interface PairingParty {
  deviceId: string;
  /** The device's long-term ECDH public key, as registered on the relay. */
  publicKey: string;
}

/** Everything both sides must agree on for the confirmations to match. */
export interface PairingBinding {
  nameplate: string;
  pairId: string;
  inviterRole: PairRole;
  inviter: PairingParty;
  accepter: PairingParty;
}

/** w = HKDF(password, nameplate) reduced mod the order; 48 bytes, so the reduction adds no bias. */
export function passwordScalar(code: string): bigint {
  const { nameplate, password } = splitInviteCode(code);
  return passwordScalarOf(nameplate, password);
}

/** The same for a password that is not an invite code's (a programme's pair secret, lib/protocol/joining-code.ts). */
export function passwordScalarOf(nameplate: string, password: string): bigint {
  return scalarFromUniformBytes(hkdf(sha256, encoder.encode(password), encoder.encode(PROTOCOL), encoder.encode(nameplate), 48));
}

function hexOf(value: bigint): string {
  return value.toString(16).padStart(64, '0');
}

function scalarOf(hex: string): bigint {
  return bytesToBigInt(Uint8Array.from(hex.match(/../g) ?? [], (pair) => parseInt(pair, 16)));
}

function bindingBytes(binding: PairingBinding): Uint8Array {
  return encoder.encode(
    JSON.stringify([
      PROTOCOL,
      binding.nameplate,
      binding.pairId,
      binding.inviterRole,
      binding.inviter.deviceId,
      binding.inviter.publicKey,
      binding.accepter.deviceId,
      binding.accepter.publicKey,
    ]),
  );
}

/** What a side keeps between its two steps: never sent anywhere. */
export interface PairingSecret {
  /** w, hex. */
  password: string;
  /** x or y, hex. */
  scalar: string;
  /** This side's share, base64url. */
  share: string;
}

export function startPairing(side: Spake2Side, code: string): PairingSecret {
  const { nameplate, password } = splitInviteCode(code);
  return startPairingWith(side, nameplate, password);
}

export function startPairingWith(side: Spake2Side, nameplate: string, password: string): PairingSecret {
  const w = passwordScalarOf(nameplate, password);
  const scalar = randomScalar();
  return { password: hexOf(w), scalar: hexOf(scalar), share: toBase64Url(spake2Share(side, w, scalar)) };
}

function confirmations(side: Spake2Side, secret: PairingSecret, peerShare: string, binding: PairingBinding) {
  const w = scalarOf(secret.password);
  const mine = fromBase64Url(secret.share);
  const theirs = fromBase64Url(peerShare);
  const shared = spake2SharedPoint(side, w, scalarOf(secret.scalar), theirs);
  const tt = transcript({
    idA: encoder.encode(binding.inviter.deviceId),
    idB: encoder.encode(binding.accepter.deviceId),
    shareA: side === 'A' ? mine : theirs,
    shareB: side === 'A' ? theirs : mine,
    shared,
    w,
  });
  return spake2Keys(tt, bindingBytes(binding));
}

/** The accepter's step: its confirmation to send, and the inviter's one it expects back. */
export function acceptPairing(secret: PairingSecret, inviterShare: string, binding: PairingBinding) {
  const keys = confirmations('B', secret, inviterShare, binding);
  return { confirm: toBase64Url(keys.confirmB), expectedInviterConfirm: toBase64Url(keys.confirmA) };
}

/**
 * The inviter's step: null when the accepter's confirmation does not match (a wrong code, or
 * someone in the middle), else the inviter's own confirmation to send.
 */
export function finishPairing(
  secret: PairingSecret,
  accepter: { share: string; confirm: string },
  binding: PairingBinding,
): string | null {
  let keys: Spake2Keys;
  try {
    keys = confirmations('A', secret, accepter.share, binding);
  } catch {
    return null; // not a point of the curve: nobody honest sent that
  }
  let received: Uint8Array;
  try {
    received = fromBase64Url(accepter.confirm);
  } catch {
    return null;
  }
  return equalBytes(keys.confirmB, received) ? toBase64Url(keys.confirmA) : null;
}

export function confirmationMatches(expected: string, received: string): boolean {
  try {
    return equalBytes(fromBase64Url(expected), fromBase64Url(received));
  } catch {
    return false;
  }
}
