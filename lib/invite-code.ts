/** Invite codes, shared by the relay and the UI (which must not load the protocol's validators). */

/**
 * Invite codes are read aloud and typed by people: no 0/O, 1/I/L, and grouped as XXXX-XXXX.
 * 31^8 ≈ 8.5e11 codes.
 */
export const INVITE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const INVITE_CODE_LENGTH = 8;

/** Accepts what a person may type: lower case, spaces or dashes anywhere. */
export function normalizeInviteCode(input: string): string | null {
  const compact = input.toUpperCase().replace(/[\s-]+/g, '');
  if (compact.length !== INVITE_CODE_LENGTH) return null;
  for (const ch of compact) if (!INVITE_ALPHABET.includes(ch)) return null;
  return compact;
}

export function formatInviteCode(code: string): string {
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}
