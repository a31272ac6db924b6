import { createPublicKey } from 'node:crypto';

/**
 * A device's public key is handed to every buddy it pairs with, whose browser imports it before
 * it can read or seal anything. A key that does not import (garbage, a wrong length, a point off
 * the curve) used to break the buddy's sync for good, so the relay accepts only real P-256 points:
 * - base64url of the 65-byte uncompressed point (0x04 ‖ x ‖ y): what the extension exports;
 * - base64url of a SubjectPublicKeyInfo (DER) holding such a point on P-256, exactly as DER
 *   encodes it (no trailing bytes, no compressed point).
 * OpenSSL, when it decodes the point, refuses one whose coordinates do not satisfy the curve
 * equation (tested with a point built off the curve).
 */

/** The DER of SubjectPublicKeyInfo up to the point: id-ecPublicKey, prime256v1, a 66-byte BIT STRING. */
const P256_SPKI_PREFIX = Buffer.from('3059301306072a8648ce3d020106082a8648ce3d030107034200', 'hex');
const UNCOMPRESSED_POINT_BYTES = 65;
const BASE64URL = /^[A-Za-z0-9_-]+$/;

export const INVALID_PUBLIC_KEY_MESSAGE =
  'The public key this device sent is not a valid P-256 key, so no buddy could use it. Update Binôme, then connect this browser to the relay again.';

export function isP256PublicKey(encoded: string): boolean {
  if (!BASE64URL.test(encoded)) return false;
  const bytes = Buffer.from(encoded, 'base64url');
  // Node's decoder skips what it cannot read; a text that does not round-trip is not base64url.
  if (bytes.toString('base64url') !== encoded) return false;
  const spki = bytes.length === UNCOMPRESSED_POINT_BYTES && bytes[0] === 4 ? Buffer.concat([P256_SPKI_PREFIX, bytes]) : bytes;
  try {
    const key = createPublicKey({ key: spki, format: 'der', type: 'spki' });
    if (key.asymmetricKeyType !== 'ec' || key.asymmetricKeyDetails?.namedCurve !== 'prime256v1') return false;
    return key.export({ format: 'der', type: 'spki' }).equals(spki);
  } catch {
    return false; // not DER, not an EC key, or a point off the curve
  }
}
