import { describe, expect, it } from 'vitest';
import {
  drawInviteCode,
  formatInviteCode,
  INVITE_ALPHABET,
  INVITE_CODE_LENGTH,
  normalizeInviteCode,
  splitInviteCode,
} from '@/lib/protocol/invite-code';

describe('invite codes', () => {
  it('draws codes a person can type back, in three groups of three', () => {
    for (let i = 0; i < 1000; i++) {
      const code = drawInviteCode();
      expect(normalizeInviteCode(code)).toBe(code);
      expect(normalizeInviteCode(formatInviteCode(code).toLowerCase())).toBe(code);
    }
    expect(formatInviteCode('ABCDEFGHJ')).toBe('ABC-DEF-GHJ');
  });

  it('splits into the nameplate the relay sees and the password it never sees', () => {
    expect(splitInviteCode('ABCDEFGHJ')).toEqual({ nameplate: 'ABCD', password: 'EFGHJ' });
  });

  it('uses every letter of the alphabet about equally (no modulo bias)', () => {
    const counts = new Map<string, number>();
    const draws = 36_000; // 324,000 characters: about 10,450 per letter
    for (let i = 0; i < draws; i++) for (const ch of drawInviteCode()) counts.set(ch, (counts.get(ch) ?? 0) + 1);
    const expected = (draws * INVITE_CODE_LENGTH) / INVITE_ALPHABET.length;
    expect(counts.size).toBe(INVITE_ALPHABET.length);
    // `byte % 31` would give the first 8 letters 9/256 instead of 8/256, about 900 too many here:
    // far beyond 5 standard deviations (about 500), which a fair draw practically never exceeds.
    for (const count of counts.values()) expect(Math.abs(count - expected)).toBeLessThan(5 * Math.sqrt(expected));
  });
});
