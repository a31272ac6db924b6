/**
 * The relay address under a company's policy. A preset address is the default until the
 * person types another; a locked one is the only one, whatever is stored or sent in a message.
 */
import type { ManagedPolicy } from './schema';

export type RelayRefusal = 'relay_locked' | 'relay_needs_https';

/** The address Binôme uses: the stored one unless the company's policy decides. */
export function effectiveRelayUrl(stored: string, policy: ManagedPolicy, defaultUrl: string): string {
  if (!policy.relayUrl) return stored;
  return policy.relayUrlLocked || stored === defaultUrl ? policy.relayUrl : stored;
}

export function relayLocked(policy: ManagedPolicy): boolean {
  return !!policy.relayUrl && !!policy.relayUrlLocked;
}

/** Why this (normalized) address may not be kept, or null when it may. */
export function relayRefusal(relayUrl: string, policy: ManagedPolicy): RelayRefusal | null {
  if (relayLocked(policy) && relayUrl !== policy.relayUrl) return 'relay_locked';
  if (policy.requireHttps && !relayUrl.startsWith('https:')) return 'relay_needs_https';
  return null;
}

/** Thrown, and nothing stored, when an address the policy refuses reaches the profile. */
export class ManagedRefusal extends Error {
  constructor(readonly code: RelayRefusal) {
    super(
      code === 'relay_locked'
        ? 'The relay address is set by the organisation.'
        : 'The organisation requires an https:// relay address.',
    );
    this.name = 'ManagedRefusal';
  }
}
