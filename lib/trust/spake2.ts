/**
 * SPAKE2 (RFC 9382), ciphersuite P256-SHA256-HKDF-HMAC, on the audited @noble curve and hash
 * libraries: no curve arithmetic is written here. Both sides prove they typed the same
 * password; a party in the middle (the relay) learns nothing it can test offline and gets one
 * guess per run. The known-answer tests run the RFC's Appendix B vectors through these functions.
 */
import { p256 } from '@noble/curves/nist.js';
import { hkdf } from '@noble/hashes/hkdf.js';
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { parseP256Point } from '../protocol/p256-point';

const Point = p256.Point;
type Point = InstanceType<typeof Point>;
const ORDER = Point.Fn.ORDER;

/** RFC 9382 §6: points of unknown discrete logarithm, from the seeds "1.2.840.10045.3.1.7 point generation seed (M|N)". */
const M = Point.fromHex('02886e2f97ace46e55ba9dd7242579f2993b64e16ef3dcab95afd497333d8fa12f');
const N = Point.fromHex('03d8bbd6c639c62937b04d997f38c3770719c629d7014d49a24b4f98baa1292b49');

export type Spake2Side = 'A' | 'B';

export class Spake2Error extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'Spake2Error';
  }
}

export function bytesToBigInt(bytes: Uint8Array): bigint {
  let value = 0n;
  for (const byte of bytes) value = (value << 8n) | BigInt(byte);
  return value;
}

function scalarBytes(value: bigint): Uint8Array {
  const bytes = new Uint8Array(32);
  for (let index = 31, rest = value; index >= 0; index--, rest >>= 8n) bytes[index] = Number(rest & 0xffn);
  return bytes;
}

/** w from at least 64 bits more than the group order (RFC 9382 §3.2), so `mod` adds no measurable bias. */
export function scalarFromUniformBytes(bytes: Uint8Array): bigint {
  if (bytes.length < 40) throw new Spake2Error('Too few bytes for a uniform scalar');
  return bytesToBigInt(bytes) % ORDER;
}

/** A uniformly random scalar in [1, order): rejection sampling, never a biased `mod`. */
export function randomScalar(random: (length: number) => Uint8Array = (n) => crypto.getRandomValues(new Uint8Array(n))): bigint {
  for (;;) {
    const candidate = bytesToBigInt(random(32));
    if (candidate > 0n && candidate < ORDER) return candidate;
  }
}

/** pA = x·P + w·M for side A, pB = y·P + w·N for side B; SEC1 uncompressed (65 bytes). */
export function spake2Share(side: Spake2Side, w: bigint, secret: bigint): Uint8Array {
  const blind = side === 'A' ? M : N;
  const share = Point.BASE.multiply(secret).add(w === 0n ? Point.ZERO : blind.multiply(w));
  return share.toBytes(false);
}

/** Parses a peer's share; throws for anything that is not a point of the curve (or is the identity). */
export function parseShare(bytes: Uint8Array): Point {
  try {
    return parseP256Point(bytes);
  } catch (error) {
    throw new Spake2Error((error as Error).message);
  }
}

/** K = h·x·(pB − w·N) on side A, h·y·(pA − w·M) on side B (h = 1 on P-256). */
export function spake2SharedPoint(side: Spake2Side, w: bigint, secret: bigint, peerShare: Uint8Array): Uint8Array {
  const peer = parseShare(peerShare);
  const peerBlind = side === 'A' ? N : M;
  const unblinded = w === 0n ? peer : peer.subtract(peerBlind.multiply(w));
  if (unblinded.is0()) throw new Spake2Error('The shared point is the identity');
  return unblinded.multiply(secret).toBytes(false);
}

/** len(x) || x with an 8-byte little-endian length, as RFC 9382 §3.3 frames every field of TT. */
function lengthPrefixed(bytes: Uint8Array): Uint8Array {
  const framed = new Uint8Array(8 + bytes.length);
  new DataView(framed.buffer).setBigUint64(0, BigInt(bytes.length), true);
  framed.set(bytes, 8);
  return framed;
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** TT = len(A)||A || len(B)||B || len(pA)||pA || len(pB)||pB || len(K)||K || len(w)||w. */
export function transcript(input: {
  idA: Uint8Array;
  idB: Uint8Array;
  shareA: Uint8Array;
  shareB: Uint8Array;
  shared: Uint8Array;
  w: bigint;
}): Uint8Array {
  return concat([input.idA, input.idB, input.shareA, input.shareB, input.shared, scalarBytes(input.w)].map(lengthPrefixed));
}

export interface Spake2Keys {
  /** The shared secret (Ke); Binôme uses only the confirmations, the pair key comes from ECDH. */
  sharedKey: Uint8Array;
  confirmA: Uint8Array;
  confirmB: Uint8Array;
}

const CONFIRMATION_INFO = new TextEncoder().encode('ConfirmationKeys');

/** Ke || Ka = Hash(TT); KcA || KcB = HKDF(Ka, nil, "ConfirmationKeys" || AAD); cX = HMAC(KcX, TT). */
export function spake2Keys(tt: Uint8Array, aad: Uint8Array): Spake2Keys {
  const hash = sha256(tt);
  const ke = hash.slice(0, 16);
  const ka = hash.slice(16);
  const kc = hkdf(sha256, ka, undefined, concat([CONFIRMATION_INFO, aad]), 32);
  return {
    sharedKey: ke,
    confirmA: hmac(sha256, kc.slice(0, 16), tt),
    confirmB: hmac(sha256, kc.slice(16), tt),
  };
}

/** Compares two MACs without an early exit, so timing tells nothing about how many bytes matched. */
export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let index = 0; index < a.length; index++) difference |= a[index]! ^ b[index]!;
  return difference === 0;
}
