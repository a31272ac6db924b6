/**
 * Personal joining codes, made for each person of a programme's CSV (relay/programme/, the admin
 * command line). Shared by the relay, the command line and the extension's UI.
 *
 * A code is `XXXX-XXXX-XXXX-XXXXX`: the first twelve characters (the slot code) tell the relay
 * which person of which planned pair is joining, and are checked by the relay, which keeps only
 * their hash. The last five (the pair secret) are the same in both buddies' codes, are drawn by
 * the command line that makes the codes, and never reach the relay: they are the password of the
 * SPAKE2 exchange that authenticates the two browsers' keys, as an invite code's last five are.
 */
import { drawFromAlphabet, INVITE_ALPHABET, INVITE_PASSWORD_LENGTH } from './invite-code';

export const JOINING_SLOT_CODE_LENGTH = 12;
export const JOINING_SECRET_LENGTH = INVITE_PASSWORD_LENGTH;
export const JOINING_CODE_LENGTH = JOINING_SLOT_CODE_LENGTH + JOINING_SECRET_LENGTH;
export const JOINING_SLOT_CODE_PATTERN = new RegExp(`^[${INVITE_ALPHABET}]{${JOINING_SLOT_CODE_LENGTH}}$`);

/** Accepts what a person may type: lower case, spaces or dashes anywhere. */
export function normalizeJoiningCode(input: string): string | null {
  const compact = input.toUpperCase().replace(/[\s-]+/g, '');
  if (compact.length !== JOINING_CODE_LENGTH) return null;
  for (const ch of compact) if (!INVITE_ALPHABET.includes(ch)) return null;
  return compact;
}

export function splitJoiningCode(code: string): { slotCode: string; pairSecret: string } {
  return { slotCode: code.slice(0, JOINING_SLOT_CODE_LENGTH), pairSecret: code.slice(JOINING_SLOT_CODE_LENGTH) };
}

export function formatJoiningCode(code: string): string {
  return [code.slice(0, 4), code.slice(4, 8), code.slice(8, 12), code.slice(12)].join('-');
}

export const drawSlotCode = (random?: (length: number) => Uint8Array) => drawFromAlphabet(JOINING_SLOT_CODE_LENGTH, random);
export const drawPairSecret = (random?: (length: number) => Uint8Array) => drawFromAlphabet(JOINING_SECRET_LENGTH, random);
