/**
 * Whether a pair can still carry new messages, and what to tell the person when it cannot.
 * One place, so the ask form, the reply forms, the outbox and the settings agree.
 */
import type { Pair } from '../db/db';
import { t } from '../i18n/i18n';

/** Reasons stored in `Pair.broken`. */
export const PAIR_PROBLEMS = {
  /** The relay reports a key for the buddy that is not a P-256 public key. */
  badKey: 'bad_key',
  /** Syncing this pair failed in a way that is not a network error. Cleared by the next good sync. */
  syncFailed: 'sync_failed',
  /** The buddy's browser said our pairing confirmation did not match: someone may be in the middle. */
  pairingFailed: 'pairing_failed',
} as const;

/** Why nothing can be sent in this pair, or null when it works. */
export type SendBlock = 'pair_ended' | 'peer_revoked' | 'broken' | 'no_key';

export function sendBlock(pair: Pair): SendBlock | null {
  if (pair.leftAt !== null) return 'pair_ended';
  if (pair.peerRevokedAt !== null) return 'peer_revoked';
  if (pair.broken !== null) return 'broken';
  if (!pair.pairKey) return 'no_key';
  return null;
}

export function canSendIn(pair: Pair): boolean {
  return sendBlock(pair) === null;
}

/**
 * Outbox items of a pair that ended or whose buddy was revoked are refused for good with
 * the relay's own code, rather than retried forever.
 */
export function permanentRefusal(pair: Pair): 'pair_ended' | 'peer_revoked' | null {
  const block = sendBlock(pair);
  return block === 'pair_ended' || block === 'peer_revoked' ? block : null;
}

/** A sentence about the pair's standing, or null when there is nothing to say. */
export function pairStandingText(pair: Pair): string | null {
  if (pair.leftAt !== null) return pair.leftByMe ? t('pair_left_by_me') : t('pair_left_by_peer', pair.peerName);
  if (pair.peerRevokedAt !== null) return t('pair_peer_revoked', pair.peerName);
  if (pair.broken === PAIR_PROBLEMS.badKey) return t('pair_broken_bad_key', pair.peerName);
  if (pair.broken === PAIR_PROBLEMS.pairingFailed) return t('pair_broken_pairing_failed', pair.peerName);
  if (pair.broken !== null) return t('pair_broken_sync_failed', pair.peerName);
  return null;
}
