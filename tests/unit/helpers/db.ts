import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { sealPayload } from '@/lib/trust/crypto';
import { BinomeDb, type Pair } from '@/lib/db/db';
import type { Envelope } from '@/lib/protocol/protocol';

export const ME = '00000000-0000-4000-8000-00000000000a';
export const PEER = '00000000-0000-4000-8000-00000000000b';
export const PAIR_ID = '00000000-0000-4000-8000-000000000001';
export const RELAY = 'http://relay.test';

/** The pair key both sides would derive; tests of apply and compose need one, not ECDH. */
export const PAIR_KEY = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);

/** A fresh, isolated database per test: Dexie otherwise shares the global indexedDB. */
export function emptyDb(): BinomeDb {
  return new BinomeDb(`binome-test-${crypto.randomUUID()}`, { indexedDB: new IDBFactory(), IDBKeyRange });
}

/** A fresh database already registered as `deviceId` on the (fictional) test relay. */
export function freshDb(deviceId = ME): BinomeDb {
  const db = emptyDb();
  void db.identities.put({ relayUrl: RELAY, deviceId, token: 'test-token', displayName: 'Test', registeredAt: 1 });
  return db;
}

export function testPair(overrides: Partial<Pair> = {}): Pair {
  return {
    pairId: PAIR_ID,
    relayUrl: RELAY,
    myRole: 'learner',
    peerDeviceId: PEER,
    peerName: 'Léa',
    myPublicKey: 'my-public-key',
    peerPublicKey: 'peer-public-key',
    pairKey: PAIR_KEY,
    verified: false,
    offeredPeerKey: null,
    cursor: 0,
    createdAt: 1,
    leftAt: null,
    leftByMe: false,
    peerRevokedAt: null,
    broken: null,
    ...overrides,
  };
}

/** An envelope as the relay would deliver it, sealed with the pair key like a real one. */
export async function sealedEnvelope(
  fields: Omit<Envelope, 'payload' | 'receivedAt'> & { plaintext: string; key?: CryptoKey },
): Promise<Envelope> {
  const { plaintext, key = PAIR_KEY, ...header } = fields;
  return { ...header, payload: await sealPayload(key, header, plaintext), receivedAt: header.createdAt + 1 };
}
