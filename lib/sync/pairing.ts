/** Registration and pairing: the only steps that must reach the relay before anything works. */
import { importPublicKey } from '../trust/crypto';
import type { Identity, Pairing } from '../db/db';
import { drawInviteCode, normalizeInviteCode, splitInviteCode } from '../protocol/invite-code';
import { deviceKeys } from '../trust/keys';
import { PAIR_PROBLEMS } from '../conversation/pair-state';
import {
  acceptPairing,
  confirmationMatches,
  finishPairing,
  startPairing,
  type PairingBinding,
  type PairingSecret,
} from '../trust/pairing-protocol';
import { otherRole, type PairInfo, type PairRole } from '../protocol/protocol';
import { RelayError } from './relay-client';
import type { SyncDeps } from './deps';

export interface PairingRequest {
  relayUrl: string;
  displayName: string;
}

/** One registration per relay; the token is the device's only credential there. */
export async function ensureIdentity(deps: SyncDeps, request: PairingRequest): Promise<Identity> {
  const existing = await deps.db.identities.get(request.relayUrl);
  if (existing) return existing;
  const { publicKey } = await deviceKeys(deps.db);
  const { deviceId, token } = await deps
    .client({ relayUrl: request.relayUrl } as Identity)
    .register(request.displayName, publicKey);
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

/** Tries a few nameplates: one in use makes the relay answer 409 and another is drawn. */
const MAX_NAMEPLATE_DRAWS = 5;

/**
 * Makes an invite: the code is drawn here, its password half never leaves this browser, and
 * the SPAKE2 secret waits in Dexie until the buddy's browser answers (lib/trust/pairing-protocol.ts).
 */
export async function createInvite(
  deps: SyncDeps,
  request: PairingRequest & { role: PairRole },
): Promise<{ code: string; expiresAt: number; pairingId: string }> {
  const identity = await ensureIdentity(deps, request);
  for (let draw = 1; ; draw++) {
    const code = drawInviteCode();
    const { nameplate } = splitInviteCode(code);
    const secret = startPairing('A', code);
    try {
      const { expiresAt } = await deps.client(identity).createInvite({ role: request.role, nameplate, share: secret.share });
      const pairing: Pairing = {
        id: crypto.randomUUID(),
        relayUrl: identity.relayUrl,
        side: 'inviter',
        nameplate,
        myRole: request.role,
        secret,
        expectedConfirm: null,
        pairId: null,
        peerName: null,
        status: 'waiting',
        expiresAt,
        createdAt: deps.now(),
      };
      await deps.db.pairings.put(pairing);
      return { code, expiresAt, pairingId: pairing.id };
    } catch (error) {
      if (!(error instanceof RelayError && error.code === 'conflict') || draw >= MAX_NAMEPLATE_DRAWS) throw error;
    }
  }
}

/** The inviter's key must be usable before anything is promised to the person. */
async function usableKey(publicKey: string | null): Promise<string> {
  if (!publicKey) throw new RelayError('pairing_failed', 400, 'Your buddy’s browser has no key.');
  try {
    await importPublicKey(publicKey);
    return publicKey;
  } catch {
    throw new RelayError('pairing_failed', 400, 'Your buddy’s key is not valid.');
  }
}

/**
 * Answers the buddy's invite. The pair exists on the relay from here on, but this browser
 * records it only once the inviter's confirmation proves both typed the same code and see the
 * same keys (completePairings, at the next sync).
 */
export async function acceptInvite(deps: SyncDeps, request: PairingRequest & { code: string }): Promise<Pairing> {
  const code = normalizeInviteCode(request.code);
  if (!code) throw new RelayError('invite_invalid', 400, 'This invite code is not valid.');
  const { nameplate } = splitInviteCode(code);
  const identity = await ensureIdentity(deps, request);
  const client = deps.client(identity);
  const invite = await client.lookupInvite(nameplate);
  return answerExchange(deps, identity, { ...invite, nameplate }, startPairing('B', code), (answer) =>
    client.acceptInvite({ nameplate, inviterShare: invite.share, ...answer }),
  );
}

/** What the side that answers learns of the exchange the other side started (an invite, or a programme's buddy). */
export interface ExchangeOffer {
  nameplate: string;
  inviterRole: PairRole;
  inviter: { deviceId: string; displayName: string; publicKey: string | null };
  share: string;
  expiresAt: number;
}

/**
 * The answering side of a SPAKE2 exchange: checks the other's key, answers its share, records
 * the pairing to finish, then lets `send` tell the relay (which creates the pair, unconfirmed).
 */
export async function answerExchange(
  deps: SyncDeps,
  identity: Identity,
  offer: ExchangeOffer,
  secret: PairingSecret,
  send: (answer: { pairId: string; share: string; confirm: string }) => Promise<unknown>,
): Promise<Pairing> {
  const mine = await deviceKeys(deps.db);
  const inviterKey = await usableKey(offer.inviter.publicKey);
  const pairId = crypto.randomUUID();
  const binding: PairingBinding = {
    nameplate: offer.nameplate,
    pairId,
    inviterRole: offer.inviterRole,
    inviter: { deviceId: offer.inviter.deviceId, publicKey: inviterKey },
    accepter: { deviceId: identity.deviceId, publicKey: mine.publicKey },
  };
  let answer: ReturnType<typeof acceptPairing>;
  try {
    answer = acceptPairing(secret, offer.share, binding);
  } catch {
    throw new RelayError('pairing_failed', 400, 'The invite’s exchange is not valid.');
  }
  const pairing: Pairing = {
    id: pairId,
    relayUrl: identity.relayUrl,
    side: 'accepter',
    nameplate: offer.nameplate,
    myRole: otherRole(offer.inviterRole),
    secret: null,
    expectedConfirm: answer.expectedInviterConfirm,
    pairId,
    peerName: offer.inviter.displayName,
    status: 'confirming',
    expiresAt: offer.expiresAt,
    createdAt: deps.now(),
  };
  // Written before the relay hears of it: a pair the relay makes is always one we can finish.
  await deps.db.pairings.put(pairing);
  try {
    await send({ pairId, share: secret.share, confirm: answer.confirm });
  } catch (error) {
    await deps.db.pairings.delete(pairing.id);
    throw error;
  }
  return pairing;
}

async function endPairing(deps: SyncDeps, pairing: Pairing, status: 'paired' | 'failed', peerName: string | null) {
  await deps.db.pairings.update(pairing.id, { status, secret: null, expectedConfirm: null, peerName });
}

/**
 * Finishes the exchanges the relay reports and decides which pairs this browser records: only
 * the ones it invited or accepted, once the confirmations match. A pair the relay lists without
 * such a pairing (say, "IT Support", added by whoever runs the relay) is never recorded.
 * Returns the pairs the caller may record.
 */
export async function completePairings(deps: SyncDeps, identity: Identity, infos: PairInfo[]): Promise<PairInfo[]> {
  const { db } = deps;
  const client = deps.client(identity);
  const toRecord: PairInfo[] = [];
  for (const info of infos) {
    if (await db.pairs.get(info.pairId)) {
      // Recorded already; the buddy's browser may since have said our confirmation failed.
      if (info.pairing?.failedAt != null) await db.pairs.update(info.pairId, { broken: PAIR_PROBLEMS.pairingFailed });
      toRecord.push(info);
      continue;
    }
    const exchange = info.pairing;
    if (!exchange) continue;
    const accepted = await db.pairings.get(info.pairId);
    if (accepted?.side === 'accepter' && accepted.status === 'confirming' && accepted.relayUrl === identity.relayUrl) {
      if (exchange.failedAt !== null) {
        await endPairing(deps, accepted, 'failed', info.peer.displayName);
      } else if (exchange.inviterConfirm !== null) {
        if (accepted.expectedConfirm && confirmationMatches(accepted.expectedConfirm, exchange.inviterConfirm)) {
          toRecord.push({ ...info, myRole: accepted.myRole });
          await endPairing(deps, accepted, 'paired', info.peer.displayName);
        } else {
          await client.confirmPairing(info.pairId, { failed: true });
          await endPairing(deps, accepted, 'failed', info.peer.displayName);
        }
      }
      continue;
    }
    const invited = await db.pairings
      .where('nameplate')
      .equals(exchange.nameplate)
      .filter((p) => p.side === 'inviter' && p.status === 'waiting' && p.relayUrl === identity.relayUrl)
      .first();
    if (!invited?.secret) continue;
    if (exchange.failedAt !== null) {
      await endPairing(deps, invited, 'failed', info.peer.displayName);
      continue;
    }
    const mine = await deviceKeys(db);
    const own = finishPairing(
      invited.secret,
      { share: exchange.accepterShare, confirm: exchange.accepterConfirm },
      {
        nameplate: invited.nameplate,
        pairId: info.pairId,
        inviterRole: invited.myRole,
        inviter: { deviceId: identity.deviceId, publicKey: mine.publicKey },
        accepter: { deviceId: info.peer.deviceId, publicKey: info.peer.publicKey ?? '' },
      },
    );
    await db.pairings.update(invited.id, { pairId: info.pairId });
    if (own) {
      await client.confirmPairing(info.pairId, { confirm: own });
      toRecord.push({ ...info, myRole: invited.myRole });
      await endPairing(deps, invited, 'paired', info.peer.displayName);
    } else {
      await client.confirmPairing(info.pairId, { failed: true });
      await endPairing(deps, invited, 'failed', info.peer.displayName);
    }
  }
  await expireStalePairings(deps);
  return toRecord;
}

/** An invite nobody used, or an answer never confirmed, ends with its code's lifetime. */
async function expireStalePairings(deps: SyncDeps): Promise<void> {
  const now = deps.now();
  await deps.db.pairings
    .where('status')
    .anyOf('waiting', 'confirming')
    .filter((pairing) => pairing.expiresAt <= now)
    .modify({ status: 'expired', secret: null, expectedConfirm: null });
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
