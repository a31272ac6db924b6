/**
 * Sync as the background runs it: one scheduler for the rounds (alarm, push, the UI's
 * requests), the push channels, the poll alarm and the badge. It keeps nothing that matters
 * in memory: a stopped worker starts again from Dexie at the next alarm or message. Alarm and
 * push follow what there is to watch (lib/sync/watch.ts): with no pair, nothing wakes the worker.
 */
import type { BinomeDb, Pair } from '../db/db';
import { readProfile } from '../db/settings';
import type { StoredMessage } from '../conversation/threads';
import type { SyncDeps } from './deps';
import { publishNews } from './badge';
import { notifyNewFromPeer } from './notifications';
import { syncDisplayName } from './pairing';
import { PushManager, type PushChannels } from './push';
import { RelayClient } from './relay-client';
import { throttledCompatibilityCheck } from './relay-compatibility';
import { syncAll, type SyncResult } from './sync';
import { SyncScheduler } from './sync-scheduler';
import { programmeRound } from '../programme/programme-round';
import { programmeRelayClient } from './programme-relay-client';
import { followPollAlarm, identitiesToWatch } from './watch';

export { SYNC_ALARM } from './watch';

export interface BackgroundSync {
  readonly deps: SyncDeps;
  /** Resolves when a round that started after this call has finished. */
  request(): Promise<SyncResult | null>;
  /**
   * Brings the poll alarm and the push channels in line with what there is to watch: a new pair or
   * pairing gets them, the last one to end takes them away. Also run after every round.
   */
  listen(): Promise<void>;
  /** A fresh worker or the poll alarm: alarm and push are reconciled, a round runs. */
  wake(): Promise<void>;
}

export function createBackgroundSync(
  db: BinomeDb,
  overrides: Partial<Omit<SyncDeps, 'db'>> = {},
  /** The WebSockets, or a stand-in where there are none (unit tests on Node 20). */
  makePush: (onEvent: () => void) => PushChannels = (onEvent) => new PushManager(onEvent),
): BackgroundSync {
  const deps: SyncDeps = {
    db,
    client: (identity) => new RelayClient(identity.relayUrl, identity.token),
    now: Date.now,
    onNewFromPeer: (pair: Pair, messages: StoredMessage[]) => notifyNewFromPeer(pair, messages),
    ...overrides,
  };
  const programmeRelay = programmeRelayClient(db, deps.client);
  const checkCompatibility = throttledCompatibilityCheck(db, deps.fetch, deps.now);
  const scheduler = new SyncScheduler(
    async () => {
      try {
        const profile = await readProfile(db);
        // Best effort: a relay that cannot be reached gets the new name at a later round.
        await syncDisplayName(deps, profile.displayName).catch(() => undefined);
        await checkCompatibility(profile.relayUrl);
        const result = await syncAll(deps);
        await publishNews(db);
        // Date.now() here, not deps.now: it is read at each round (see lib/programme/programme-round.ts).
        await programmeRound(db, Date.now(), programmeRelay).catch((error: unknown) =>
          console.warn('Binôme programme round failed', error),
        );
        return result;
      } finally {
        // The round may have recorded a first pair, or seen the last one end (left, revoked) or a code expire.
        await listen();
      }
    },
    (error) => console.warn('Binôme sync failed', error),
  );
  const push = makePush(() => void scheduler.request());
  // Declared after the scheduler whose rounds call it: a round runs only once this function has returned.
  const listen = async () => {
    const watched = await identitiesToWatch(db);
    push.follow(watched);
    await followPollAlarm(watched.length > 0);
  };
  return {
    deps,
    request: () => scheduler.request(),
    listen,
    async wake() {
      await listen();
      await scheduler.request();
    },
  };
}
