import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { BinomeDb, type Pair } from '@/lib/db';

/** A fresh, isolated database per test: Dexie otherwise shares the global indexedDB. */
export function freshDb(): BinomeDb {
  return new BinomeDb(`binome-test-${crypto.randomUUID()}`, { indexedDB: new IDBFactory(), IDBKeyRange });
}

export const ME = '00000000-0000-4000-8000-00000000000a';
export const PEER = '00000000-0000-4000-8000-00000000000b';
export const PAIR_ID = '00000000-0000-4000-8000-0000000000p1'.replace('p1', '01');

export function testPair(overrides: Partial<Pair> = {}): Pair {
  return {
    pairId: PAIR_ID,
    relayUrl: 'http://relay.test',
    myRole: 'learner',
    peerDeviceId: PEER,
    peerName: 'Léa',
    peerPublicKey: null,
    cursor: 0,
    createdAt: 1,
    ...overrides,
  };
}
