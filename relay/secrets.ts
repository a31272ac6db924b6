import { createHash, randomBytes } from 'node:crypto';
import { INVITE_ALPHABET, INVITE_CODE_LENGTH } from '../lib/protocol.ts';

/** 32 random bytes in base64url are always 43 characters from this set. */
export const DEVICE_TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export function newDeviceToken(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * Tokens and invite codes are bearer secrets: the database keeps only this hash, so a leaked
 * backup cannot be replayed. They are high-entropy, so a plain (unsalted) SHA-256 is enough.
 */
export function sha256Hex(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/**
 * Eight characters from INVITE_ALPHABET. Bytes at or above the largest multiple of the
 * alphabet size are thrown away (rejection sampling), so every character is equally likely;
 * a plain `byte % 31` would favour the first characters.
 */
export function newInviteCode(): string {
  const size = INVITE_ALPHABET.length;
  const limit = 256 - (256 % size);
  let code = '';
  while (code.length < INVITE_CODE_LENGTH) {
    for (const byte of randomBytes(INVITE_CODE_LENGTH * 2)) {
      if (byte >= limit) continue;
      code += INVITE_ALPHABET[byte % size];
      if (code.length === INVITE_CODE_LENGTH) break;
    }
  }
  return code;
}
