import { describe, expect, it } from 'vitest';
import { applyEnvelopes } from '@/lib/conversation/apply';
import {
  derivePairKey,
  exportPublicKey,
  generateDeviceKeys,
  importPublicKey,
  openPayload,
  openSealed,
  sealPayload,
  type EnvelopeHeader,
} from '@/lib/trust/crypto';
import { encodePayload } from '@/lib/conversation/payloads';
import { fromBase64Url, toBase64Url } from '@/lib/protocol/base64url';
import { freshDb, ME, PAIR_ID, PEER, testPair } from '../helpers/db';

async function device() {
  const keys = await generateDeviceKeys();
  return { keys, publicKey: await exportPublicKey(keys.publicKey) };
}

async function pairedKeys(pairId = PAIR_ID) {
  const anne = await device();
  const hugo = await device();
  return {
    anne,
    hugo,
    anneKey: await derivePairKey(anne.keys.privateKey, anne.publicKey, hugo.publicKey, pairId),
    hugoKey: await derivePairKey(hugo.keys.privateKey, hugo.publicKey, anne.publicKey, pairId),
  };
}

const header: EnvelopeHeader = {
  id: crypto.randomUUID(),
  pairId: PAIR_ID,
  senderDeviceId: ME,
  kind: 'question',
  createdAt: 1234,
};
const secret = 'Je suis perdu dans le tableau croisé du client Dupont';

describe('end-to-end encryption', () => {
  it('round-trips between the two devices of a pair, each with its own derived key', async () => {
    const { anneKey, hugoKey } = await pairedKeys();
    const sealed = await sealPayload(anneKey, header, secret);
    expect(sealed).not.toContain('Dupont');
    expect(sealed).toMatch(/^v1\.[\w-]{16}\.[\w-]+$/);
    expect(await openPayload(hugoKey, header, sealed)).toBe(secret);
  });

  it('v2 seals the sender’s number for the message with it: the relay cannot change it', async () => {
    const { anneKey, hugoKey } = await pairedKeys();
    const sealed = await sealPayload(anneKey, header, secret, 7);
    expect(sealed).toMatch(/^v2\.7\.[\w-]{16}\.[\w-]+$/);
    expect(await openSealed(hugoKey, header, sealed)).toEqual({ plaintext: secret, counter: 7 });
    expect(await openPayload(hugoKey, header, sealed)).toBe(secret);
    const [, , iv, ciphertext] = sealed.split('.');
    for (const forged of [
      `v2.8.${iv}.${ciphertext}`,
      `v2.1.${iv}.${ciphertext}`,
      `v1.${iv}.${ciphertext}`,
      `v2.07.${iv}.${ciphertext}`,
    ]) {
      expect(await openSealed(hugoKey, header, forged)).toBeNull();
    }
    // v1, without a number, stays readable.
    expect(await openSealed(hugoKey, header, await sealPayload(anneKey, header, secret))).toEqual({
      plaintext: secret,
      counter: null,
    });
    await expect(sealPayload(anneKey, header, secret, 0)).rejects.toThrow();
  });

  it('uses a fresh IV every time', async () => {
    const { anneKey } = await pairedKeys();
    const ivs = new Set<string>();
    for (let i = 0; i < 50; i++) ivs.add((await sealPayload(anneKey, header, secret)).split('.')[1]!);
    expect(ivs.size).toBe(50);
  });

  it('keeps the private key non-extractable', async () => {
    const { keys } = await device();
    expect(keys.privateKey.extractable).toBe(false);
    await expect(crypto.subtle.exportKey('pkcs8', keys.privateKey)).rejects.toThrow();
  });

  it('fails with a wrong key, a tampered ciphertext or a tampered header', async () => {
    const { anneKey } = await pairedKeys();
    const stranger = await pairedKeys();
    const sealed = await sealPayload(anneKey, header, secret);
    expect(await openPayload(stranger.hugoKey, header, sealed)).toBeNull();

    const [prefix, iv, ciphertext] = sealed.split('.') as [string, string, string];
    const bytes = fromBase64Url(ciphertext);
    bytes[3]! ^= 1;
    expect(await openPayload(anneKey, header, `${prefix}.${iv}.${toBase64Url(bytes)}`)).toBeNull();

    for (const changed of [{ kind: 'answer' }, { senderDeviceId: PEER }, { createdAt: 1235 }, { id: crypto.randomUUID() }]) {
      expect(await openPayload(anneKey, { ...header, ...changed }, sealed)).toBeNull();
    }
    expect(await openPayload(anneKey, header, 'v1.garbage')).toBeNull();
    expect(await openPayload(anneKey, header, 'plain text')).toBeNull();
  });

  it('fails when replayed into another pair, even between the same two devices', async () => {
    const first = await pairedKeys(PAIR_ID);
    const otherPairId = '00000000-0000-4000-8000-000000000002';
    const otherKey = await derivePairKey(first.hugo.keys.privateKey, first.hugo.publicKey, first.anne.publicKey, otherPairId);
    const sealed = await sealPayload(first.anneKey, header, secret);
    expect(await openPayload(otherKey, { ...header, pairId: otherPairId }, sealed)).toBeNull();
    expect(await openPayload(first.hugoKey, { ...header, pairId: otherPairId }, sealed)).toBeNull();
  });

  it('refuses public keys that are not P-256 points', async () => {
    await expect(importPublicKey('AAAA')).rejects.toThrow();
    await expect(importPublicKey(toBase64Url(new Uint8Array(65).fill(4)))).rejects.toThrow();
    await expect(importPublicKey('not base64 !')).rejects.toThrow();
  });

  it('reports undecryptable envelopes as rejected and applies nothing', async () => {
    const { anneKey } = await pairedKeys();
    const strangerKey = (await pairedKeys()).anneKey;
    const db = freshDb();
    const pair = testPair({ pairKey: anneKey });
    const threadId = crypto.randomUUID();
    const question = encodePayload('question', { threadId, text: secret, context: null });
    const genuine = {
      id: threadId,
      pairId: PAIR_ID,
      senderDeviceId: PEER,
      kind: 'question' as const,
      createdAt: 5,
      seq: 1,
      receivedAt: 6,
    };
    const report = await applyEnvelopes(db, pair, ME, [
      { ...genuine, payload: await sealPayload(strangerKey, genuine, question) },
      { ...genuine, kind: 'follow-up', payload: await sealPayload(anneKey, genuine, question) },
      { ...genuine, payload: question },
    ]);
    expect(report.outcomes).toEqual({ applied: 0, duplicate: 0, ignored: 0, rejected: 3 });
    expect(await db.messages.count()).toBe(0);
    const good = await applyEnvelopes(db, pair, ME, [{ ...genuine, payload: await sealPayload(anneKey, genuine, question) }]);
    expect(good.outcomes.applied).toBe(1);
  });
});
