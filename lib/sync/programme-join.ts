/**
 * Joining a programme with a personal code (lib/protocol/joining-code.ts), on top of the invite
 * pairing: the code's slot part tells the relay which person of which planned pair this is; its
 * pair secret, which both buddies' codes share and the relay never sees, is the SPAKE2 password.
 * The first of the two to join starts the exchange as an inviter would, the second answers it as
 * an accepter would, and completePairings (lib/sync/pairing.ts) finishes both at the next sync:
 * the keys are still exchanged between the two browsers, and the safety numbers still shown.
 */
import { otherRole } from '../protocol/protocol';
import { normalizeJoiningCode, splitJoiningCode } from '../protocol/joining-code';
import type { Pairing } from '../db/db';
import { startPairingWith } from '../trust/pairing-protocol';
import type { SyncDeps } from './deps';
import { answerExchange, ensureIdentity, type PairingRequest } from './pairing';
import { RelayError } from './relay-client';

/** Two joins racing to start: the loser finds the winner's share on its next look. */
const MAX_JOIN_ATTEMPTS = 3;

export async function joinProgramme(deps: SyncDeps, request: PairingRequest & { code: string }): Promise<Pairing> {
  const code = normalizeJoiningCode(request.code);
  if (!code) throw new RelayError('invite_invalid', 400, 'This joining code is not valid.');
  const { slotCode, pairSecret } = splitJoiningCode(code);
  const identity = await ensureIdentity(deps, request);
  const client = deps.client(identity);
  for (let attempt = 1; ; attempt++) {
    const slot = await client.lookupJoin(slotCode);
    if (slot.buddy) {
      const inviterRole = otherRole(slot.myRole);
      const offer = {
        nameplate: slot.nameplate,
        inviterRole,
        inviter: slot.buddy.device,
        share: slot.buddy.share,
        expiresAt: slot.expiresAt,
      };
      const share = slot.buddy.share;
      return answerExchange(deps, identity, offer, startPairingWith('B', slot.nameplate, pairSecret), (answer) =>
        client.acceptJoin({ slotCode, inviterShare: share, ...answer }),
      );
    }
    const secret = startPairingWith('A', slot.nameplate, pairSecret);
    try {
      const { expiresAt } = await client.startJoin({ slotCode, share: secret.share });
      const pairing: Pairing = {
        id: crypto.randomUUID(),
        relayUrl: identity.relayUrl,
        side: 'inviter',
        nameplate: slot.nameplate,
        myRole: slot.myRole,
        secret,
        expectedConfirm: null,
        pairId: null,
        // The name the coordinator gave, until the buddy's browser tells its own.
        peerName: slot.buddyName ?? null,
        status: 'waiting',
        expiresAt,
        createdAt: deps.now(),
      };
      // A share this device left before (a join repeated after a lost answer) is replaced on the relay: so is its secret here.
      await deps.db.pairings
        .where('nameplate')
        .equals(slot.nameplate)
        .filter((p) => p.side === 'inviter' && p.status === 'waiting')
        .modify({ status: 'expired', secret: null });
      await deps.db.pairings.put(pairing);
      return pairing;
    } catch (error) {
      if (!(error instanceof RelayError && error.code === 'conflict') || attempt >= MAX_JOIN_ATTEMPTS) throw error;
    }
  }
}
