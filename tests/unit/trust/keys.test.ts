import { describe, expect, it, vi } from 'vitest';
import { exportPublicKey, generateDeviceKeys, openPayload, sealPayload } from '@/lib/trust/crypto';
import { acceptOfferedKey, deviceKeys, markVerified, recordPair } from '@/lib/trust/keys';
import type { PairInfoInput } from '@/lib/protocol/protocol';
import { emptyDb, PAIR_ID, PEER, RELAY } from '../helpers/db';

async function peerKey() {
  return exportPublicKey((await generateDeviceKeys()).publicKey);
}

function info(publicKey: string | null, displayName = 'Hugo'): PairInfoInput {
  return {
    pairId: PAIR_ID,
    myRole: 'learner',
    peer: { deviceId: PEER, displayName, publicKey, revokedAt: null },
    createdAt: 10,
    lastSeq: 0,
    leftAt: null,
    leftBy: null,
    pairing: null,
  };
}

describe('pair keys', () => {
  it('creates the device key pair once, even when asked twice at the same time', async () => {
    const db = emptyDb();
    const [first, second] = await Promise.all([deviceKeys(db), deviceKeys(db)]);
    expect(first.publicKey).toBe(second.publicKey);
    expect(await db.deviceKeys.count()).toBe(1);
  });

  it('derives a pair key for a new pair, unverified', async () => {
    const db = emptyDb();
    const pair = await recordPair(db, info(await peerKey()), RELAY);
    expect(pair.pairKey).not.toBeNull();
    expect(pair.verified).toBe(false);
    expect(pair.myPublicKey).toBe((await deviceKeys(db)).publicKey);
  });

  it('never adopts a changed key silently: it is offered, and used only once accepted', async () => {
    const db = emptyDb();
    const original = await peerKey();
    const first = await recordPair(db, info(original), RELAY);
    await markVerified(db, PAIR_ID);
    const header = { id: crypto.randomUUID(), pairId: PAIR_ID, senderDeviceId: PEER, kind: 'answer', createdAt: 1 };
    const sealedBefore = await sealPayload(first.pairKey!, header, 'hello');

    const swapped = await peerKey();
    const warned = await recordPair(db, info(swapped, 'Hugo B.'), RELAY);
    expect(warned).toMatchObject({ peerPublicKey: original, offeredPeerKey: swapped, verified: true, peerName: 'Hugo B.' });
    expect(await openPayload((await db.pairs.get(PAIR_ID))!.pairKey!, header, sealedBefore)).toBe('hello');

    await acceptOfferedKey(db, PAIR_ID);
    const accepted = (await db.pairs.get(PAIR_ID))!;
    expect(accepted).toMatchObject({ peerPublicKey: swapped, offeredPeerKey: null, verified: false });
    expect(await openPayload(accepted.pairKey!, header, sealedBefore)).toBeNull();
  });

  it('keeps a pair whose key is not a P-256 point without a key, marked broken, and adopts a valid key later', async () => {
    const db = emptyDb();
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    expect(await recordPair(db, info('bm90IGEga2V5'), RELAY)).toMatchObject({
      pairKey: null,
      peerPublicKey: null,
      broken: 'bad_key',
    });
    const key = await peerKey();
    expect(await recordPair(db, info(key), RELAY)).toMatchObject({ peerPublicKey: key, broken: null, offeredPeerKey: null });
    expect((await db.pairs.get(PAIR_ID))!.pairKey).not.toBeNull();
  });

  it('keeps the cursor and the verified mark when the relay reports the pair again', async () => {
    const db = emptyDb();
    const key = await peerKey();
    await recordPair(db, info(key), RELAY);
    await db.pairs.update(PAIR_ID, { cursor: 42 });
    await markVerified(db, PAIR_ID);
    await recordPair(db, info(key), RELAY);
    expect(await db.pairs.get(PAIR_ID)).toMatchObject({ cursor: 42, verified: true, offeredPeerKey: null });
  });
});
