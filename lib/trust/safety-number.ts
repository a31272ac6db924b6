/**
 * Safety numbers, as Signal makes them: one number per person, derived from that person's
 * public key alone, so a relay that wants both screens to agree on a key it substituted must
 * find a key whose number equals the real one — about 2^100 hashes of 5,200 rounds each — not
 * merely two keys whose combined code collides (the 16-digit code this replaces fell to that).
 * Each number is 30 digits in six groups of five, which people read aloud; each person checks
 * that the number their buddy reads out is the one shown under the buddy's name.
 */
const VERSION = new Uint8Array([0, 0]);
/** Signal's count: slows down anyone hashing candidate keys by about 2^12. */
const ITERATIONS = 5200;
const encoder = new TextEncoder();

function concat(...parts: Uint8Array[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/**
 * Thirty digits: six chunks of five bytes of the iterated hash, each as a number below 100,000.
 * WebCrypto's SHA-512, awaited round by round, keeps the page responsive meanwhile.
 */
export async function safetyNumber(publicKey: string, deviceId: string): Promise<string> {
  const key = encoder.encode(publicKey);
  let hash = concat(VERSION, key, encoder.encode(deviceId));
  for (let round = 0; round < ITERATIONS; round++) {
    hash = new Uint8Array(await crypto.subtle.digest('SHA-512', concat(hash, key) as Uint8Array<ArrayBuffer>));
  }
  const groups: string[] = [];
  for (let chunk = 0; chunk < 6; chunk++) {
    let value = 0;
    for (const byte of hash.slice(chunk * 5, chunk * 5 + 5)) value = value * 256 + byte;
    groups.push(String(value % 100_000).padStart(5, '0'));
  }
  return groups.join(' ');
}
