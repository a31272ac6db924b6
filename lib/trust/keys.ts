/** The device's key pair and each pair's derived key, kept in Dexie as CryptoKeys. */
import { derivePairKey, exportPublicKey, generateDeviceKeys } from './crypto';
import type { BinomeDb, DeviceKeys, Pair } from '../db/db';
import { PAIR_PROBLEMS } from '../conversation/pair-state';
import type { PairInfoInput } from '../protocol/protocol';

/** Created on first use; a second context racing to create it reads the winner's. */
export async function deviceKeys(db: BinomeDb, now = Date.now()): Promise<DeviceKeys> {
  const existing = await db.deviceKeys.get('device');
  if (existing) return existing;
  const keys = await generateDeviceKeys();
  const created: DeviceKeys = { id: 'device', keys, publicKey: await exportPublicKey(keys.publicKey), createdAt: now };
  await db.deviceKeys.add(created).catch(() => undefined);
  return (await db.deviceKeys.get('device'))!;
}

async function keyFor(db: BinomeDb, pairId: string, peerPublicKey: string | null) {
  const device = await deviceKeys(db);
  const pairKey = peerPublicKey ? await derivePairKey(device.keys.privateKey, device.publicKey, peerPublicKey, pairId) : null;
  return { myPublicKey: device.publicKey, pairKey };
}

/**
 * A key the relay sends that is not a P-256 point makes this pair unusable, not the sync:
 * the pair is kept without a key (so a valid key later is adopted as the first one) and
 * marked broken.
 */
async function keyOrProblem(db: BinomeDb, pairId: string, peerPublicKey: string | null) {
  try {
    return { ...(await keyFor(db, pairId, peerPublicKey)), peerPublicKey, broken: null };
  } catch (error) {
    console.warn(`Binôme cannot use the key the relay sent for pair ${pairId}`, error);
    const { publicKey } = await deviceKeys(db);
    return { myPublicKey: publicKey, pairKey: null, peerPublicKey: null, broken: PAIR_PROBLEMS.badKey };
  }
}

/** What the relay says about the pair's end and the buddy's device. */
function standing(info: PairInfoInput) {
  const leftAt = info.leftAt ?? null;
  return {
    leftAt,
    // Whoever left is one of the two members: if it is not the buddy, it is me.
    leftByMe: leftAt !== null && info.leftBy !== info.peer.deviceId,
    peerRevokedAt: info.peer.revokedAt ?? null,
  };
}

/**
 * Records a pair the relay reports. A known pair keeps its key: a different key from the
 * relay is only offered (and shown as a warning), never adopted silently. Only the fields
 * the relay owns are updated, so a cursor or "verified" written meanwhile is kept.
 */
export async function recordPair(db: BinomeDb, info: PairInfoInput, relayUrl: string): Promise<Pair> {
  const existing = await db.pairs.get(info.pairId);
  if (existing?.peerPublicKey) {
    const changes = {
      peerName: info.peer.displayName,
      offeredPeerKey: info.peer.publicKey !== existing.peerPublicKey ? info.peer.publicKey : null,
      ...standing(info),
    };
    await db.pairs.update(info.pairId, changes);
    return { ...existing, ...changes };
  }
  const pair: Pair = {
    pairId: info.pairId,
    relayUrl,
    myRole: info.myRole,
    peerDeviceId: info.peer.deviceId,
    peerName: info.peer.displayName,
    ...(await keyOrProblem(db, info.pairId, info.peer.publicKey)),
    verified: false,
    offeredPeerKey: null,
    cursor: existing?.cursor ?? 0,
    createdAt: existing?.createdAt ?? info.createdAt,
    ...standing(info),
  };
  await db.pairs.put(pair);
  return pair;
}

/** The person checked the new safety code with their buddy and accepts the new key. */
export async function acceptOfferedKey(db: BinomeDb, pairId: string): Promise<void> {
  const pair = await db.pairs.get(pairId);
  if (!pair?.offeredPeerKey) return;
  const { pairKey } = await keyFor(db, pairId, pair.offeredPeerKey);
  await db.pairs.update(pairId, { peerPublicKey: pair.offeredPeerKey, pairKey, offeredPeerKey: null, verified: false });
}

export async function markVerified(db: BinomeDb, pairId: string): Promise<void> {
  await db.pairs.update(pairId, { verified: true });
}
