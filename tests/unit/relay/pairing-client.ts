/**
 * What a browser does to pair, reduced to the relay calls: shared by the suites that reach the
 * relay through `app.request()` and those that reach it over real HTTP.
 */
import { createECDH } from 'node:crypto';
import { drawInviteCode, splitInviteCode } from '@/lib/protocol/invite-code';
import { acceptPairing, finishPairing, startPairing, type PairingSecret } from '@/lib/trust/pairing-protocol';
import type { PairInfo, PairRole } from '@/lib/protocol/protocol';

export interface Reply<T = any> {
  status: number;
  body: T;
}

/** One relay call as the suite makes it: method, path, bearer token, JSON body. */
export type RelayCall<R extends Reply = Reply> = (method: string, path: string, token?: string, json?: unknown) => Promise<R>;

export interface PairingDevice {
  deviceId: string;
  token: string;
  publicKey: string;
}

export interface Invitation {
  code: string;
  expiresAt: number;
  secret: PairingSecret;
  role: PairRole;
  inviter: PairingDevice;
}

/** A real P-256 public key as the extension sends it: base64url of the uncompressed point. */
export function newPublicKey(): string {
  return createECDH('prime256v1').generateKeys().toString('base64url');
}

/** A valid body for POST /invites, for tests that only care about what the relay does with it. */
export function inviteBody(role: PairRole = 'learner') {
  const code = drawInviteCode();
  return { role, nameplate: splitInviteCode(code).nameplate, share: startPairing('A', code).share };
}

/**
 * A well-formed POST /invites/accept body for an invite whose share is known; its confirmation
 * is junk, which the relay cannot tell (only the inviter's browser can).
 */
export function acceptBody(code: string, inviterShare: string) {
  return {
    nameplate: splitInviteCode(code).nameplate,
    pairId: crypto.randomUUID(),
    inviterShare,
    share: startPairing('B', code).share,
    confirm: 'A'.repeat(43),
  };
}

export function pairingClient<R extends Reply>(call: RelayCall<R>) {
  /** `extra` goes into the request as is (a programme id, say). */
  async function invite(
    inviter: PairingDevice,
    role: PairRole = 'learner',
    extra: Record<string, unknown> = {},
  ): Promise<Invitation> {
    const code = drawInviteCode();
    const secret = startPairing('A', code);
    const res = await call('POST', '/invites', inviter.token, {
      role,
      nameplate: splitInviteCode(code).nameplate,
      share: secret.share,
      ...extra,
    });
    if (res.status !== 201) throw new Error(`invite failed: ${res.status} ${JSON.stringify(res.body)}`);
    return { code, expiresAt: res.body.expiresAt, secret, role, inviter };
  }

  /** Looks the nameplate up, answers the inviter's share, sends the confirmation; returns the first reply that was not a success. */
  async function accept(accepter: PairingDevice, code: string, pairId: string = crypto.randomUUID()): Promise<R> {
    const { nameplate } = splitInviteCode(code);
    const found = await call('POST', '/invites/lookup', accepter.token, { nameplate });
    if (found.status !== 200) return found;
    const secret = startPairing('B', code);
    const { confirm } = acceptPairing(secret, found.body.share, {
      nameplate,
      pairId,
      inviterRole: found.body.inviterRole,
      inviter: { deviceId: found.body.inviter.deviceId, publicKey: found.body.inviter.publicKey },
      accepter: { deviceId: accepter.deviceId, publicKey: accepter.publicKey },
    });
    return call('POST', '/invites/accept', accepter.token, {
      nameplate,
      pairId,
      inviterShare: found.body.share,
      share: secret.share,
      confirm,
    });
  }

  /** The inviter checks the accepter's confirmation and sends its own. */
  async function confirm(invitation: Invitation, pairId: string): Promise<R> {
    const { inviter } = invitation;
    const listed = await call('GET', '/pairs', inviter.token);
    const info = (listed.body.pairs as PairInfo[]).find((p) => p.pairId === pairId);
    if (!info?.pairing) throw new Error(`the inviter does not see pair ${pairId}`);
    const own = finishPairing(
      invitation.secret,
      { share: info.pairing.accepterShare, confirm: info.pairing.accepterConfirm },
      {
        nameplate: info.pairing.nameplate,
        pairId,
        inviterRole: invitation.role,
        inviter: { deviceId: inviter.deviceId, publicKey: inviter.publicKey },
        accepter: { deviceId: info.peer.deviceId, publicKey: info.peer.publicKey ?? '' },
      },
    );
    if (!own) throw new Error('the accepter’s confirmation did not match');
    return call('POST', `/pairs/${pairId}/confirm`, inviter.token, { confirm: own });
  }

  /** Invites, accepts and confirms; returns the pair as the accepter sees it at the end. */
  async function pair(
    inviter: PairingDevice,
    accepter: PairingDevice,
    role: PairRole = 'learner',
    accepterCall: RelayCall = call,
    extra: Record<string, unknown> = {},
  ): Promise<PairInfo> {
    const invitation = await invite(inviter, role, extra);
    const res =
      accepterCall === call
        ? await accept(accepter, invitation.code)
        : await pairingClient(accepterCall).accept(accepter, invitation.code);
    if (res.status !== 201) throw new Error(`accept failed: ${res.status} ${JSON.stringify(res.body)}`);
    const pairId: string = res.body.pair.pairId;
    const confirmed = await confirm(invitation, pairId);
    if (confirmed.status !== 204) throw new Error(`confirm failed: ${confirmed.status} ${JSON.stringify(confirmed.body)}`);
    const listed = await accepterCall('GET', '/pairs', accepter.token);
    return (listed.body.pairs as PairInfo[]).find((p) => p.pairId === pairId)!;
  }

  return { invite, accept, confirm, pair, inviteBody };
}
