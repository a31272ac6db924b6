/**
 * A revoked device that keeps calling (a lost laptop, an old browser profile): answered from
 * memory after its first refusal, so its retries cost no database round trip; one warning per
 * window names it for the operator; past `revokedRetriesPerDevice` it is told to wait (429).
 * A revocation is never undone, so remembering a revoked token's hash can never go stale.
 */
import type { RelayLogger } from './log.ts';
import { MemoryLimiter, type MemoryTake } from './memory-limit.ts';
import type { Limit } from './rate-limit.ts';

const MAX_REMEMBERED = 10_000;

export class RevokedDevices {
  private readonly byTokenHash = new Map<string, string>();
  private readonly retries: MemoryLimiter;

  constructor(limit: Limit, now: () => number) {
    this.retries = new MemoryLimiter(limit, now);
  }

  /** The revoked device behind this token hash, when it was seen before. */
  known(tokenHash: string): string | undefined {
    return this.byTokenHash.get(tokenHash);
  }

  remember(tokenHash: string, deviceId: string) {
    if (this.byTokenHash.size >= MAX_REMEMBERED) this.byTokenHash.delete(this.byTokenHash.keys().next().value!);
    this.byTokenHash.set(tokenHash, deviceId);
  }

  /** Counts one more call from this revoked device, and says so in the (request's) log once per window. */
  retried(deviceId: string, log: RelayLogger): MemoryTake {
    const taken = this.retries.take(deviceId);
    if (taken.hits === 1) log.warn({ deviceId }, 'a revoked device is still calling the relay');
    return taken;
  }
}
