/**
 * End-to-end encryption between the two devices of a pair, with WebCrypto only.
 *
 * Each device has an ECDH P-256 key pair whose private key cannot be exported (it lives
 * in IndexedDB as a CryptoKey). At pairing the public keys travel through the relay; both
 * sides derive the same AES-256-GCM pair key with HKDF. Every payload gets a fresh random
 * 96-bit IV, and the envelope header is authenticated as associated data, so a relay that
 * moves a message to another pair, changes its kind or its sender makes it undecryptable.
 */

import { fromBase64Url, toBase64Url } from '../protocol/base64url';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

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

/**
 * v1 authenticates the header; v2 also authenticates the sender's own number for the
 * message (1, 2, 3 … per pair), which the relay's seq is not: a relay that drops, reorders
 * or replays messages then leaves a trace the receiver can see.
 */
function associatedData(header: EnvelopeHeader, counter: number | null): Uint8Array<ArrayBuffer> {
  const fields = [header.id, header.pairId, header.senderDeviceId, header.kind, header.createdAt];
  return encoder.encode(
    JSON.stringify(counter === null ? ['binome/envelope/v1', ...fields] : ['binome/envelope/v2', ...fields, counter]),
  );
}

/**
 * Encrypts a payload for the pair: "v2.<counter>.<iv>.<ciphertext>" when the sender numbers
 * the message, else the older "v1.<iv>.<ciphertext>" (base64url).
 */
export async function sealPayload(
  pairKey: CryptoKey,
  header: EnvelopeHeader,
  plaintext: string,
  counter: number | null = null,
): Promise<string> {
  if (counter !== null && !(Number.isSafeInteger(counter) && counter > 0)) throw new Error(`Bad message counter ${counter}`);
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const ciphertext = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv, additionalData: associatedData(header, counter) },
    pairKey,
    encoder.encode(plaintext),
  );
  const sealed = `${toBase64Url(iv)}.${toBase64Url(new Uint8Array(ciphertext))}`;
  return counter === null ? `v1.${sealed}` : `v2.${counter}.${sealed}`;
}

export interface OpenedPayload {
  plaintext: string;
  /** The sender's authenticated number for this message; null for v1 payloads. */
  counter: number | null;
}

function splitSealed(sealed: string): { counter: number | null; ivText: string; ciphertextText: string } | null {
  const parts = sealed.split('.');
  if (parts[0] === 'v1' && parts.length === 3) return { counter: null, ivText: parts[1]!, ciphertextText: parts[2]! };
  if (parts[0] === 'v2' && parts.length === 4 && /^[1-9]\d{0,15}$/.test(parts[1]!)) {
    const counter = Number(parts[1]);
    if (Number.isSafeInteger(counter)) return { counter, ivText: parts[2]!, ciphertextText: parts[3]! };
  }
  return null;
}

/** Decrypts, or returns null when the key, the ciphertext, the header or the counter is not the one sealed. */
export async function openSealed(pairKey: CryptoKey, header: EnvelopeHeader, sealed: string): Promise<OpenedPayload | null> {
  const parts = splitSealed(sealed);
  if (!parts?.ivText || !parts.ciphertextText) return null;
  try {
    const iv = fromBase64Url(parts.ivText);
    if (iv.length !== 12) return null;
    const plaintext = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv, additionalData: associatedData(header, parts.counter) },
      pairKey,
      fromBase64Url(parts.ciphertextText),
    );
    return { plaintext: decoder.decode(plaintext), counter: parts.counter };
  } catch {
    return null;
  }
}

/** Decrypts a v1 or v2 payload, or returns null (see openSealed). */
export async function openPayload(pairKey: CryptoKey, header: EnvelopeHeader, sealed: string): Promise<string | null> {
  return (await openSealed(pairKey, header, sealed))?.plaintext ?? null;
}
