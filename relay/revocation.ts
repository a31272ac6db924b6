import type { RelayDeps } from './deps.ts';
import type { RevokeDeviceResult } from './store/relay-store.ts';

export interface Revocation extends RevokeDeviceResult {
  /** The buddies told to refresh their pairs, where they now see `peer.revokedAt`. */
  buddiesTold: number;
}

/**
 * Revokes a device, whoever asks (the device itself, or an operator): its token stops working at
 * once; its open streams, on every relay instance sharing the database, hang up (hub 'revoked');
 * its buddies are told their pairs changed. Announced again when the device was already revoked,
 * so an operator who repeats the command also closes a stream whose notice was lost.
 * Null for an unknown device.
 */
export async function revokeDevice(deps: Pick<RelayDeps, 'store' | 'hub' | 'now'>, deviceId: string): Promise<Revocation | null> {
  const revoked = await deps.store.revokeDevice(deviceId, deps.now());
  if (!revoked) return null;
  await deps.hub.publishRevoked([deviceId]);
  const buddies = await deps.store.peerDeviceIds(deviceId);
  await deps.hub.publishPairsChanged(buddies);
  return { ...revoked, buddiesTold: buddies.length };
}
