import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** 32 random bytes in base64url are always 43 characters from this set. */
export const DEVICE_TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export function newDeviceToken(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * Tokens are bearer secrets: the database keeps only this hash, so a leaked
 * backup cannot be replayed. They are high-entropy, so a plain (unsalted) SHA-256 is enough.
 */
/** Hashing first gives both sides one length, which timingSafeEqual needs; the secret's length stays hidden. */
const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();
export const sameSecret = (presented: string, secret: string) => timingSafeEqual(digest(presented), digest(secret));

export function sha256Hex(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}
