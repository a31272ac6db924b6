/** Registration and pairing: the only steps that must reach the relay before anything works. */
import type { Identity, Pair } from './db';
import { normalizeInviteCode, type PairRole } from './protocol';
import { RelayError } from './relay-client';
import { deviceKeys, recordPair } from './keys';
import type { SyncDeps } from './sync';

export interface PairingRequest {
  relayUrl: string;
  displayName: string;
}

/** One registration per relay; the token is the device's only credential there. */
export async function ensureIdentity(deps: SyncDeps, request: PairingRequest): Promise<Identity> {
  const existing = await deps.db.identities.get(request.relayUrl);
  if (existing) return existing;
  const { publicKey } = await deviceKeys(deps.db);
  const { deviceId, token } = await deps.client({ relayUrl: request.relayUrl } as Identity).register(
    request.displayName,
    publicKey,
  );
  const identity: Identity = {
    relayUrl: request.relayUrl,
    deviceId,
    token,
    displayName: request.displayName,
    registeredAt: deps.now(),
  };
  await deps.db.identities.put(identity);
  return identity;
}

export async function createInvite(deps: SyncDeps, request: PairingRequest & { role: PairRole }) {
  const identity = await ensureIdentity(deps, request);
  return deps.client(identity).createInvite(request.role);
}

export async function acceptInvite(deps: SyncDeps, request: PairingRequest & { code: string }): Promise<Pair> {
  const code = normalizeInviteCode(request.code);
  if (!code) throw new RelayError('invite_invalid', 400, 'This invite code is not valid.');
  const identity = await ensureIdentity(deps, request);
  const { pair: info } = await deps.client(identity).acceptInvite(code);
  return recordPair(deps.db, info, identity.relayUrl);
}

/** A name changed in the settings reaches every relay, and so every buddy, at the next sync. */
export async function syncDisplayName(deps: SyncDeps, displayName: string): Promise<void> {
  const name = displayName.trim();
  if (!name) return;
  for (const identity of await deps.db.identities.toArray()) {
    if (identity.displayName === name) continue;
    await deps.client(identity).updateDevice({ displayName: name });
    await deps.db.identities.update(identity.relayUrl, { displayName: name });
  }
}
