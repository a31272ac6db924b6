/**
 * End-to-end encryption between the two devices of a pair, with WebCrypto only.
 *
 * Each device has an ECDH P-256 key pair whose private key cannot be exported (it lives
 * in IndexedDB as a CryptoKey). At pairing the public keys travel through the relay; both
 * sides derive the same AES-256-GCM pair key with HKDF. Every payload gets a fresh random
 * 96-bit IV, and the envelope header is authenticated as associated data, so a relay that
 * moves a message to another pair, changes its kind or its sender makes it undecryptable.
 */

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const SEALED_PREFIX = 'v1';

export function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function fromBase64Url(text: string): Uint8Array<ArrayBuffer> {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new Error('Not base64url');
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index++) bytes[index] = binary.charCodeAt(index);
  return bytes;
}

export async function generateDeviceKeys(): Promise<CryptoKeyPair> {
  // `false`: the private key can be used but never read back out, not even by Binôme.
  return crypto.subtle.generateKey({ name: 'ECDH', namedCurve: 'P-256' }, false, ['deriveBits']);
}

export async function exportPublicKey(key: CryptoKey): Promise<string> {
  return toBase64Url(new Uint8Array(await crypto.subtle.exportKey('raw', key)));
}

/** Throws for anything that is not an uncompressed P-256 point on the curve. */
export async function importPublicKey(encoded: string): Promise<CryptoKey> {
  const raw = fromBase64Url(encoded);
  if (raw.length !== 65 || raw[0] !== 4) throw new Error('Not a P-256 public key');
  return crypto.subtle.importKey('raw', raw, { name: 'ECDH', namedCurve: 'P-256' }, true, []);
}

/** Both public keys in a fixed order, so both sides hash the same bytes. */
function orderedKeys(publicKeyA: string, publicKeyB: string): Uint8Array<ArrayBuffer> {
  const [first, second] = [publicKeyA, publicKeyB].sort();
  return encoder.encode(`${first}|${second}`);
}

export async function derivePairKey(
  myPrivateKey: CryptoKey,
  myPublicKey: string,
  peerPublicKey: string,
  pairId: string,
): Promise<CryptoKey> {
  const shared = await crypto.subtle.deriveBits(
    { name: 'ECDH', public: await importPublicKey(peerPublicKey) },
    myPrivateKey,
    256,
  );
  const material = await crypto.subtle.importKey('raw', shared, 'HKDF', false, ['deriveKey']);
  const salt = await crypto.subtle.digest('SHA-256', orderedKeys(myPublicKey, peerPublicKey));
  return crypto.subtle.deriveKey(
    { name: 'HKDF', hash: 'SHA-256', salt, info: encoder.encode(`binome/pair-key/v1/${pairId}`) },
    material,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
}

/** What the relay sees of a message and must not be able to alter unnoticed. */
export interface EnvelopeHeader {
  id: string;
  pairId: string;
  senderDeviceId: string;
  kind: string;
  createdAt: number;
}

function associatedData(header: EnvelopeHeader): Uint8Array<ArrayBuffer> {
  return encoder.encode(
    JSON.stringify(['binome/envelope/v1', header.id, header.pairId, header.senderDeviceId, header.kind, header.createdAt]),
  );
}

/** Encrypts a payload for the pair: "v1.<iv>.<ciphertext>", base64url. */
export async function sealPayload(pairKey: CryptoKey, header: EnvelopeHeader, plaintext: string): Promise<string> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const ciphertext = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv, additionalData: associatedData(header) },
    pairKey,
    encoder.encode(plaintext),
  );
  return `${SEALED_PREFIX}.${toBase64Url(iv)}.${toBase64Url(new Uint8Array(ciphertext))}`;
}

/** Decrypts, or returns null when the key, the ciphertext or the header is not the one sealed. */
export async function openPayload(pairKey: CryptoKey, header: EnvelopeHeader, sealed: string): Promise<string | null> {
  const [prefix, ivText, ciphertextText, ...rest] = sealed.split('.');
  if (prefix !== SEALED_PREFIX || !ivText || !ciphertextText || rest.length) return null;
  try {
    const iv = fromBase64Url(ivText);
    if (iv.length !== 12) return null;
    const plaintext = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv, additionalData: associatedData(header) },
      pairKey,
      fromBase64Url(ciphertextText),
    );
    return decoder.decode(plaintext);
  } catch {
    return null;
  }
}
