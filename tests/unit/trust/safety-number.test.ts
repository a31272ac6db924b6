import { describe, expect, it } from 'vitest';
import { exportPublicKey, generateDeviceKeys } from '@/lib/trust/crypto';
import { safetyNumber } from '@/lib/trust/safety-number';

async function publicKey() {
  return exportPublicKey((await generateDeviceKeys()).publicKey);
}

describe('safety numbers', () => {
  it('are thirty digits in six groups of five, the same wherever they are computed', async () => {
    const key = await publicKey();
    const number = await safetyNumber(key, 'device-1');
    expect(number).toMatch(/^\d{5}( \d{5}){5}$/);
    expect(await safetyNumber(key, 'device-1')).toBe(number);
  });

  it('depend on one person’s key alone: a swapped key shows another number', async () => {
    const anne = await publicKey();
    const mallory = await publicKey();
    expect(await safetyNumber(mallory, 'device-1')).not.toBe(await safetyNumber(anne, 'device-1'));
    // The relay cannot keep a real number by moving a key to another device id either.
    expect(await safetyNumber(anne, 'device-2')).not.toBe(await safetyNumber(anne, 'device-1'));
  });
});
