import { describe, expect, it } from 'vitest';
import { formatInviteCode, INVITE_ALPHABET, normalizeInviteCode, postMessageRequest } from '@/lib/protocol/protocol';

describe('invite codes', () => {
  it('accepts what a person types: lower case, spaces, dashes', () => {
    expect(normalizeInviteCode(' abc-def-ghj ')).toBe('ABCDEFGHJ');
    expect(normalizeInviteCode('abcd efghj')).toBe('ABCDEFGHJ');
  });
  it('rejects ambiguous characters and wrong lengths', () => {
    expect(normalizeInviteCode('ABC-DEF-GH0')).toBeNull();
    expect(normalizeInviteCode('ABC-DEF-GHI')).toBeNull();
    expect(normalizeInviteCode('ABCD-EFGH')).toBeNull();
    expect(normalizeInviteCode('ABCD-EFGHJK')).toBeNull();
  });
  it('has no character a person could misread', () => {
    for (const ch of '01OIL') expect(INVITE_ALPHABET).not.toContain(ch);
  });
  it('formats in three groups of three (the code grew to 9 characters with the SPAKE2 pairing)', () => {
    expect(formatInviteCode('ABCDEFGHJ')).toBe('ABC-DEF-GHJ');
  });
});

describe('postMessageRequest', () => {
  const valid = { id: crypto.randomUUID(), kind: 'question', createdAt: Date.now(), payload: '{}' };
  it('accepts a well-formed envelope', () => {
    expect(postMessageRequest.safeParse(valid).success).toBe(true);
  });
  it('rejects unknown kinds, non-uuid ids and oversized payloads', () => {
    expect(postMessageRequest.safeParse({ ...valid, kind: 'gossip' }).success).toBe(false);
    expect(postMessageRequest.safeParse({ ...valid, id: 'abc' }).success).toBe(false);
    expect(postMessageRequest.safeParse({ ...valid, payload: 'x'.repeat(1024 * 1024 + 1) }).success).toBe(false);
  });
});
