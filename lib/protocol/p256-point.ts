/**
 * A point of P-256, as SEC1 bytes: what a SPAKE2 share must be. Shared by the relay, which refuses
 * anything else at the edge, and the browsers, which compute with it.
 */
import { p256 } from '@noble/curves/nist.js';
import { fromBase64Url } from './base64url';

export type P256Point = InstanceType<typeof p256.Point>;

/** Throws for anything that is not a point of the curve, or is the identity. */
export function parseP256Point(bytes: Uint8Array): P256Point {
  let point: P256Point;
  try {
    point = p256.Point.fromBytes(bytes);
    point.assertValidity();
  } catch {
    throw new Error('Not a P-256 point');
  }
  if (point.is0()) throw new Error('The identity is not a share');
  return point;
}

export function isP256Point(base64url: string): boolean {
  try {
    parseP256Point(fromBase64Url(base64url));
    return true;
  } catch {
    return false;
  }
}
