/**
 * Display names that cannot deceive: one cleaning function, used by the relay's schema, the
 * extension's saved profile, and the buddies' names the extension receives.
 */
import { describe, expect, it } from 'vitest';
import { MAX_DISPLAY_NAME, normalizeDisplayName } from '@/lib/protocol/display-name';
import { listPairsResponse, registerDeviceRequest, updateDeviceRequest } from '@/lib/protocol/protocol';
import { readProfile, saveProfile } from '@/lib/db/settings';
import { emptyDb } from '../helpers/db';

describe('normalizeDisplayName', () => {
  it.each([
    ['a right-to-left override', 'Ana\u202Egnp.exe', 'Anagnp.exe'],
    [
      'every bidi embedding, override, isolate and mark',
      '\u202AA\u202Bn\u202Ca\u202D \u202E\u2066M\u2067a\u2068r\u2069i\u200E\u200Fe\u061C',
      'Ana Marie',
    ],
    ['zero-width and other format characters', 'A\u200Bn\u200Ca\u200D \u2060B\uFEFFo\u00ADb', 'Ana Bob'],
    ['a terminal colour escape', '\u001b[31mAna\u001b[0m', 'Ana'],
    ['a terminal title escape (OSC), closed by BEL or ST', '\u001b]0;pwned\u0007Ana \u001b]2;x\u001b\\Bob', 'Ana Bob'],
    ['an 8-bit CSI escape', '\u009b1;31mAna', 'Ana'],
    ['a two-character escape (reset the terminal)', 'An\u001bca', 'Ana'],
    ['C0 and C1 controls', 'A\u0000n\u0007a\u007f\u0085 \u0080B\u0084o\u0099b', 'Ana Bob'],
    ['tabs and line breaks, as spaces', 'Ana\tMaria\nDa\r\nSilva\u2028Jr', 'Ana Maria Da Silva Jr'],
    ['runs of spaces of every kind', '  Ana \u00A0\u2003 \u3000Maria  ', 'Ana Maria'],
    ['lone surrogates', 'Ana\uD800 \uDC00Bob', 'Ana Bob'],
  ])('removes %s', (_case, raw, clean) => {
    expect(normalizeDisplayName(raw)).toBe(clean);
  });

  it('composes NFD input into NFC, also across a removed character', () => {
    const nfd = 'Jose\u0301 Mu\u0308ller';
    expect(normalizeDisplayName(nfd)).toBe('José Müller');
    expect(normalizeDisplayName(nfd)).toBe('Jos\u00e9 M\u00fcller');
    expect(normalizeDisplayName('Jose\u200B\u0301')).toBe('Jos\u00e9');
  });

  it('keeps names in every script, and emoji', () => {
    for (const name of ['Zoë Ångström', 'محمد', 'שרה', '王小明', 'Ана', 'Ana 🦊']) expect(normalizeDisplayName(name)).toBe(name);
  });

  it('limits the length in code points, never cutting an emoji in half', () => {
    expect(normalizeDisplayName('x'.repeat(MAX_DISPLAY_NAME + 5))).toBe('x'.repeat(MAX_DISPLAY_NAME));
    const fox = '🦊'; // two UTF-16 units
    const cut = normalizeDisplayName(`a${fox.repeat(MAX_DISPLAY_NAME)}`);
    expect(Array.from(cut)).toHaveLength(MAX_DISPLAY_NAME);
    expect(cut).toBe(`a${fox.repeat(MAX_DISPLAY_NAME - 1)}`);
    expect(cut.isWellFormed()).toBe(true);
    expect(normalizeDisplayName(`${'x'.repeat(MAX_DISPLAY_NAME - 1)} y`)).toBe('x'.repeat(MAX_DISPLAY_NAME - 1));
  });

  it('leaves nothing of a name made only of invisible characters', () => {
    expect(normalizeDisplayName(' \u200B\u202E\u001b[0m\t ')).toBe('');
  });
});

describe('the relay’s displayName schema', () => {
  it('stores the cleaned name', () => {
    expect(registerDeviceRequest.parse({ displayName: '\u202EAna\u200B  Bob\u001b[31m' }).displayName).toBe('Ana Bob');
    expect(updateDeviceRequest.parse({ displayName: 'Jose\u0301' }).displayName).toBe('José');
  });

  it('refuses a name that is empty once cleaned, or too long, rather than cut it', () => {
    expect(registerDeviceRequest.safeParse({ displayName: '\u200B\u202E' }).success).toBe(false);
    expect(registerDeviceRequest.safeParse({ displayName: 'x'.repeat(MAX_DISPLAY_NAME + 1) }).success).toBe(false);
    // 80 emoji are 160 UTF-16 units but 80 characters: allowed.
    expect(registerDeviceRequest.safeParse({ displayName: '🦊'.repeat(MAX_DISPLAY_NAME) }).success).toBe(true);
    // Invisible characters do not count against the limit.
    expect(registerDeviceRequest.safeParse({ displayName: `${'x'.repeat(MAX_DISPLAY_NAME)}\u200B\u200B` }).success).toBe(true);
  });
});

describe('names the extension receives and keeps', () => {
  it('cleans a buddy’s name from the relay', () => {
    const { pairs } = listPairsResponse.parse({
      pairs: [
        {
          pairId: crypto.randomUUID(),
          myRole: 'learner',
          peer: { deviceId: crypto.randomUUID(), displayName: '\u001b[2JIT\u202E Support\u200B', publicKey: null },
          createdAt: 1,
          lastSeq: 0,
        },
      ],
    });
    expect(pairs[0]!.peer.displayName).toBe('IT Support');
    // An older relay sends none of the new fields: they default.
    expect(pairs[0]).toMatchObject({ leftAt: null, leftBy: null, peer: { revokedAt: null } });
  });

  it('saves the person’s own name cleaned', async () => {
    const db = emptyDb();
    await saveProfile(db, { displayName: '  Anne\u200B\u202E  Martin\u0007 ', relayUrl: 'https://relay.example' });
    expect((await readProfile(db)).displayName).toBe('Anne Martin');
  });
});
