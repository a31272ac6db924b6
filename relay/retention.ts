/**
 * How long the relay keeps an envelope. Both members keep their own log (the extension's
 * database), so the relay is only a mailbox: once both members were sent an envelope, it is kept
 * `pulledDays` more (room for a pull whose answer was lost to be retried), then deleted; one that
 * a member was never sent (a laptop left off for months) is kept up to `maxDays` after it arrived.
 *
 * Deleting changes no seq: a pair's last_seq stays, and a member pulling after its cursor gets
 * what is left above it. Envelopes both were sent are never looked for again by either, so their
 * absence is not a gap for anyone; the extension's loss detection counts the sender's sealed
 * numbers (lib/conversation/order.ts), which only a deletion of something not yet pulled could
 * skip, and that takes `maxDays` offline.
 */
import type { RelayLogger } from './log.ts';
import { errorFields } from './log.ts';
import type { RelayStore } from './store/relay-store.ts';

const DAY = 24 * 60 * 60 * 1000;
export const DEFAULT_RETENTION = { pulledDays: 30, maxDays: 180 } as const;
/** Hourly is plenty for periods counted in days; the first sweep runs at start. */
export const SWEEP_INTERVAL_MS = 60 * 60 * 1000;
/** Deletes go in batches, so a first sweep over a large backlog does not hold one long transaction. */
const SWEEP_BATCH = 5_000;

export interface RetentionPolicy {
  pulledDays: number;
  maxDays: number;
}

/** RETENTION_PULLED_DAYS and RETENTION_MAX_DAYS, whole days; the max cannot be below the other. */
export function parseRetention(env: Record<string, string | undefined>): RetentionPolicy {
  const days = (name: string, fallback: number) => {
    const raw = env[name];
    if (!raw) return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a whole number of days (1 or more), got ${raw}`);
    return value;
  };
  const policy = {
    pulledDays: days('RETENTION_PULLED_DAYS', DEFAULT_RETENTION.pulledDays),
    maxDays: days('RETENTION_MAX_DAYS', DEFAULT_RETENTION.maxDays),
  };
  if (policy.maxDays < policy.pulledDays) {
    throw new Error(`RETENTION_MAX_DAYS (${policy.maxDays}) cannot be shorter than RETENTION_PULLED_DAYS (${policy.pulledDays})`);
  }
  return policy;
}

/** One sweep: how many envelopes it deleted. */
export async function sweepRetention(store: RelayStore, policy: RetentionPolicy, now: number): Promise<number> {
  const cutoffs = { pulledBefore: now - policy.pulledDays * DAY, receivedBefore: now - policy.maxDays * DAY, batch: SWEEP_BATCH };
  let deleted = 0;
  for (;;) {
    const batch = await store.deleteExpiredMessages(cutoffs);
    deleted += batch;
    if (batch < SWEEP_BATCH) return deleted;
  }
}

/** Sweeps now and every `intervalMs`; a failed sweep is logged and the next one tries again. */
export function startRetentionSweeps(options: {
  store: RelayStore;
  policy: RetentionPolicy;
  now: () => number;
  log: RelayLogger;
  intervalMs?: number;
}): { firstSweep: Promise<void>; stop(): Promise<void> } {
  let running: Promise<void> = Promise.resolve();
  const sweep = () => {
    running = running.then(async () => {
      try {
        const deleted = await sweepRetention(options.store, options.policy, options.now());
        if (deleted > 0) options.log.info({ deleted, ...options.policy }, 'retention: envelopes deleted');
      } catch (error) {
        options.log.error(errorFields(error), 'retention sweep failed');
      }
    });
  };
  sweep();
  const firstSweep = running;
  const timer = setInterval(sweep, options.intervalMs ?? SWEEP_INTERVAL_MS);
  timer.unref();
  return {
    firstSweep,
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
