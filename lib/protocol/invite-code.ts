/** Invite codes, shared by the relay and the UI (which must not load the protocol's validators). */

/**
 * Invite codes are read aloud and typed by people: no 0/O, 1/I/L, and grouped as XXX-XXX-XXX.
 * The first four characters (the nameplate) tell the relay which invite is meant; the last
 * five never leave the two browsers: they are the password of the SPAKE2 exchange that
 * authenticates the keys (lib/trust/pairing-protocol.ts). 31^5 ≈ 2.9e7, so a relay that swaps the
 * keys is caught except with probability 1 in 28.6 million per invite, which it can try once.
 */
export const INVITE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const NAMEPLATE_LENGTH = 4;
export const INVITE_PASSWORD_LENGTH = 5;
export const INVITE_CODE_LENGTH = NAMEPLATE_LENGTH + INVITE_PASSWORD_LENGTH;
export const NAMEPLATE_PATTERN = new RegExp(`^[${INVITE_ALPHABET}]{${NAMEPLATE_LENGTH}}$`);

/** Accepts what a person may type: lower case, spaces or dashes anywhere. */
export function normalizeInviteCode(input: string): string | null {
  const compact = input.toUpperCase().replace(/[\s-]+/g, '');
  if (compact.length !== INVITE_CODE_LENGTH) return null;
  for (const ch of compact) if (!INVITE_ALPHABET.includes(ch)) return null;
  return compact;
}

export function formatInviteCode(code: string): string {
  return `${code.slice(0, 3)}-${code.slice(3, 6)}-${code.slice(6)}`;
}

export function splitInviteCode(code: string): { nameplate: string; password: string } {
  return { nameplate: code.slice(0, NAMEPLATE_LENGTH), password: code.slice(NAMEPLATE_LENGTH) };
}

/**
 * `length` characters of the alphabet. Bytes at or above the largest multiple of the alphabet
 * size are thrown away (rejection sampling), so every character is equally likely; a plain
 * `byte % 31` would favour the first characters.
 */
export function drawFromAlphabet(
  length: number,
  random: (length: number) => Uint8Array = (n) => crypto.getRandomValues(new Uint8Array(n)),
): string {
  const size = INVITE_ALPHABET.length;
  const limit = 256 - (256 % size);
  let code = '';
  while (code.length < length) {
    for (const byte of random(length * 2)) {
      if (byte >= limit) continue;
      code += INVITE_ALPHABET[byte % size];
      if (code.length === length) break;
    }
  }
  return code;
}

/** A fresh invite code. */
export const drawInviteCode = (random?: (length: number) => Uint8Array): string => drawFromAlphabet(INVITE_CODE_LENGTH, random);
