import { describe, expect, it } from 'vitest';
import { INVITE_ALPHABET, normalizeInviteCode } from '@/lib/protocol';
import { newDeviceToken, newInviteCode, sha256Hex } from '@/relay/secrets';

describe('relay secrets', () => {
  it('draws invite codes a person can type back', () => {
    for (let i = 0; i < 1000; i++) {
      const code = newInviteCode();
      expect(normalizeInviteCode(code)).toBe(code);
    }
  });

  it('uses every letter of the alphabet about equally (no modulo bias)', () => {
    const counts = new Map<string, number>();
    const draws = 40_000; // 320,000 characters: about 10,300 per letter
    for (let i = 0; i < draws; i++) for (const ch of newInviteCode()) counts.set(ch, (counts.get(ch) ?? 0) + 1);
    const expected = (draws * 8) / INVITE_ALPHABET.length;
    expect(counts.size).toBe(INVITE_ALPHABET.length);
    // `byte % 31` would give the first 8 letters 9/256 instead of 8/256, about 900 too many here:
    // far beyond 5 standard deviations (about 500), which a fair draw practically never exceeds.
    for (const count of counts.values()) expect(Math.abs(count - expected)).toBeLessThan(5 * Math.sqrt(expected));
  });

  it('makes 43-character base64url device tokens, never twice the same', () => {
    const tokens = new Set(Array.from({ length: 100 }, newDeviceToken));
    expect(tokens.size).toBe(100);
    for (const token of tokens) expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('hashes with SHA-256 in hex', () => {
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});
