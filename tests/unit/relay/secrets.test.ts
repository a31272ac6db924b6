import { describe, expect, it } from 'vitest';
import { newDeviceToken, sha256Hex } from '@/relay/secrets';

describe('relay secrets', () => {
  it('makes 43-character base64url device tokens, never twice the same', () => {
    const tokens = new Set(Array.from({ length: 100 }, newDeviceToken));
    expect(tokens.size).toBe(100);
    for (const token of tokens) expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('hashes with SHA-256 in hex', () => {
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});
