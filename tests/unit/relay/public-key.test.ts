/**
 * One bad key cannot block a buddy's inbox: the relay takes only real P-256 points, in the
 * extension's raw form or as SPKI, and refuses anything else at registration and update.
 */
import { createECDH, createPublicKey, generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { errorResponse, registerDeviceResponse } from '@/lib/protocol/protocol';
import { INVALID_PUBLIC_KEY_MESSAGE, isP256PublicKey } from '@/relay/public-key';
import { backends, newPublicKey, snapshot, testRelay, useRelayDatabase } from './harness';

// P-256 (FIPS 186-4 D.1.2.3): y² = x³ − 3x + b over the prime field p.
const P = 2n ** 256n - 2n ** 224n + 2n ** 192n + 2n ** 96n - 1n;
const B = 0x5ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604bn;
const mod = (n: bigint) => ((n % P) + P) % P;
const onCurve = (x: bigint, y: bigint) => mod(y * y) === mod(x * x * x - 3n * x + B);

const toBigInt = (bytes: Buffer) => BigInt(`0x${bytes.toString('hex')}`);
const toBytes32 = (n: bigint) => Buffer.from(n.toString(16).padStart(64, '0'), 'hex');

function rawPoint(): Buffer {
  const ecdh = createECDH('prime256v1');
  return ecdh.generateKeys();
}
const spkiOf = (raw: Buffer) =>
  createPublicKey({
    key: { kty: 'EC', crv: 'P-256', x: raw.subarray(1, 33).toString('base64url'), y: raw.subarray(33).toString('base64url') },
    format: 'jwk',
  }).export({ format: 'der', type: 'spki' });

/** A well-formed 65-byte uncompressed point whose coordinates miss the curve equation. */
function offCurvePoint(): Buffer {
  const raw = rawPoint();
  const x = toBigInt(raw.subarray(1, 33));
  const y = mod(toBigInt(raw.subarray(33)) + 1n);
  expect(onCurve(x, toBigInt(raw.subarray(33)))).toBe(true); // the arithmetic above is right
  expect(onCurve(x, y)).toBe(false);
  return Buffer.concat([Buffer.from([4]), toBytes32(x), toBytes32(y)]);
}

describe('isP256PublicKey', () => {
  it('accepts the extension’s form (base64url of the uncompressed point) and SPKI', () => {
    const raw = rawPoint();
    expect(isP256PublicKey(raw.toString('base64url'))).toBe(true);
    expect(isP256PublicKey(spkiOf(raw).toString('base64url'))).toBe(true);
  });

  it('refuses a 65-byte point that is off the curve, raw or in SPKI', () => {
    const off = offCurvePoint();
    expect(isP256PublicKey(off.toString('base64url'))).toBe(false);
    const spkiPrefix = spkiOf(rawPoint()).subarray(0, 26);
    expect(isP256PublicKey(Buffer.concat([spkiPrefix, off]).toString('base64url'))).toBe(false);
  });

  it('refuses coordinates that are not field elements (x = p)', () => {
    const raw = rawPoint();
    const bad = Buffer.concat([Buffer.from([4]), toBytes32(P), raw.subarray(33)]);
    expect(isP256PublicKey(bad.toString('base64url'))).toBe(false);
  });

  it.each([
    ['an empty string', ''],
    ['garbage', 'not a key at all'],
    ['what the old tests sent', 'pk-Ana-1234abcd'],
    ['base64url of garbage', Buffer.from('garbage garbage garbage').toString('base64url')],
    ['65 zero bytes', Buffer.alloc(65).toString('base64url')],
    ['64 bytes (one short)', rawPoint().subarray(0, 64).toString('base64url')],
    ['66 bytes (one too many)', Buffer.concat([rawPoint(), Buffer.from([0])]).toString('base64url')],
    ['65 bytes with a wrong first byte', Buffer.concat([Buffer.from([5]), rawPoint().subarray(1)]).toString('base64url')],
  ])('refuses %s', (_case, key) => {
    expect(isP256PublicKey(key)).toBe(false);
  });

  it('refuses other encodings of a real point: compressed, padded, base64 with + and /, trailing bytes', () => {
    const ecdh = createECDH('prime256v1');
    ecdh.generateKeys();
    expect(isP256PublicKey(ecdh.getPublicKey(null, 'compressed').toString('base64url'))).toBe(false);
    const raw = ecdh.getPublicKey();
    expect(isP256PublicKey(`${raw.toString('base64url')}=`)).toBe(false);
    let plain = raw.toString('base64');
    while (!/[+/]/.test(plain)) plain = rawPoint().toString('base64'); // most keys have one
    expect(isP256PublicKey(plain.replace(/=+$/, ''))).toBe(false);
    expect(isP256PublicKey(`${raw.toString('base64url')}\n`)).toBe(false);
    expect(isP256PublicKey(Buffer.concat([spkiOf(raw), Buffer.from([0])]).toString('base64url'))).toBe(false);
  });

  it('refuses keys of other curves and algorithms', () => {
    const p384 = generateKeyPairSync('ec', { namedCurve: 'secp384r1' }).publicKey.export({ format: 'der', type: 'spki' });
    const k256 = generateKeyPairSync('ec', { namedCurve: 'secp256k1' }).publicKey.export({ format: 'der', type: 'spki' });
    const ed = generateKeyPairSync('ed25519').publicKey.export({ format: 'der', type: 'spki' });
    for (const der of [p384, k256, ed]) expect(isP256PublicKey(der.toString('base64url'))).toBe(false);
  });
});

describe.each(backends())('public keys at registration and update, on $name', (backend) => {
  const db = useRelayDatabase(backend);
  const badKeys: [string, string][] = [
    ['garbage', 'pk-garbage'],
    ['a wrong length', rawPoint().subarray(0, 33).toString('base64url')],
    ['a point off the curve', offCurvePoint().toString('base64url')],
  ];

  function expectBadKey(res: { status: number; body: unknown }) {
    expect(res.status).toBe(400);
    expect(errorResponse.parse(res.body).error).toEqual({ code: 'bad_request', message: INVALID_PUBLIC_KEY_MESSAGE });
  }

  it.each(badKeys)('refuses to register a device with %s as its key, and writes nothing', async (_case, publicKey) => {
    const relay = testRelay(db());
    const before = await snapshot(db().sql);
    expectBadKey(await relay.call('POST', '/devices', { json: { displayName: 'Mallory', publicKey } }));
    expect(await snapshot(db().sql)).toEqual(before);
  });

  it.each(badKeys)('refuses %s as the key set later, and changes nothing, not even the name', async (_case, publicKey) => {
    const relay = testRelay(db());
    const registered = registerDeviceResponse.parse(
      (await relay.call('POST', '/devices', { json: { displayName: 'Keyless' } })).body,
    );
    const before = await snapshot(db().sql);
    expectBadKey(
      await relay.call('PATCH', '/devices/me', { token: registered.token, json: { displayName: 'Renamed', publicKey } }),
    );
    expect(await snapshot(db().sql)).toEqual(before);
  });

  it('takes real keys in both forms', async () => {
    const relay = testRelay(db());
    expect((await relay.call('POST', '/devices', { json: { displayName: 'Raw', publicKey: newPublicKey() } })).status).toBe(201);
    const spki = spkiOf(rawPoint()).toString('base64url');
    const registered = registerDeviceResponse.parse(
      (await relay.call('POST', '/devices', { json: { displayName: 'Later' } })).body,
    );
    const set = await relay.call('PATCH', '/devices/me', { token: registered.token, json: { publicKey: spki } });
    expect(set.status).toBe(200);
    expect(set.body.publicKey).toBe(spki);
  });
});
