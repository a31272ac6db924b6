/** Known-answer tests: RFC 9382's Appendix B vectors through Binôme's SPAKE2 functions. */
import { describe, expect, it } from 'vitest';
import rfc from '../../fixtures/crypto/rfc9382-p256-vectors.json';
import {
  bytesToBigInt,
  equalBytes,
  parseShare,
  spake2Keys,
  spake2Share,
  spake2SharedPoint,
  transcript,
} from '@/lib/trust/spake2';

const hex = (bytes: Uint8Array) => Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
const fromHex = (text: string) => Uint8Array.from(text.match(/../g)!, (pair) => parseInt(pair, 16));
const ascii = (text: string) => new TextEncoder().encode(text);

describe('SPAKE2 P256-SHA256-HKDF-HMAC, RFC 9382 Appendix B', () => {
  it('has the four published vectors', () => expect(rfc.vectors).toHaveLength(4));

  for (const v of rfc.vectors) {
    it(`A='${v.A}', B='${v.B}': shares, shared point, transcript, keys and confirmations`, () => {
      const w = bytesToBigInt(fromHex(v.w));
      const x = bytesToBigInt(fromHex(v.x));
      const y = bytesToBigInt(fromHex(v.y));
      expect(hex(spake2Share('A', w, x))).toBe(v.pA);
      expect(hex(spake2Share('B', w, y))).toBe(v.pB);
      expect(hex(spake2SharedPoint('A', w, x, fromHex(v.pB)))).toBe(v.K);
      expect(hex(spake2SharedPoint('B', w, y, fromHex(v.pA)))).toBe(v.K);
      const tt = transcript({
        idA: ascii(v.A),
        idB: ascii(v.B),
        shareA: fromHex(v.pA),
        shareB: fromHex(v.pB),
        shared: fromHex(v.K),
        w,
      });
      expect(hex(tt)).toBe(v.TT);
      const keys = spake2Keys(tt, new Uint8Array(0));
      expect(hex(keys.sharedKey)).toBe(v.Ke);
      expect(hex(keys.confirmA)).toBe(v.cA);
      expect(hex(keys.confirmB)).toBe(v.cB);
    });
  }

  it('a different password gives different confirmations', () => {
    const v = rfc.vectors[0]!;
    const x = bytesToBigInt(fromHex(v.x));
    const wrong = bytesToBigInt(fromHex(v.w)) + 1n;
    const k = spake2SharedPoint('A', wrong, x, fromHex(v.pB));
    const tt = transcript({
      idA: ascii(v.A),
      idB: ascii(v.B),
      shareA: fromHex(v.pA),
      shareB: fromHex(v.pB),
      shared: k,
      w: wrong,
    });
    expect(equalBytes(spake2Keys(tt, new Uint8Array(0)).confirmB, fromHex(v.cB))).toBe(false);
  });

  it('AAD changes the confirmations but not the shared key', () => {
    const v = rfc.vectors[0]!;
    const keys = spake2Keys(fromHex(v.TT), ascii('binome'));
    expect(hex(keys.sharedKey)).toBe(v.Ke);
    expect(hex(keys.confirmA)).not.toBe(v.cA);
  });

  it('refuses shares that are not points of the curve', () => {
    const v = rfc.vectors[0]!;
    const offCurve = fromHex(v.pB);
    offCurve[64] ^= 1;
    expect(() => parseShare(offCurve)).toThrow();
    expect(() => parseShare(new Uint8Array(65))).toThrow();
    expect(() => parseShare(fromHex('00'))).toThrow();
  });
});
