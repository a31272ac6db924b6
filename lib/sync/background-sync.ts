/**
 * Sync as the background runs it: one scheduler for the rounds (alarm, push, the UI's
 * requests), the push channels, the poll alarm and the badge. It keeps nothing that matters
 * in memory: a stopped worker starts again from Dexie at the next alarm or message.
 */
import { browser } from 'wxt/browser';
import type { BinomeDb, Pair } from '../db/db';
import { readProfile } from '../db/settings';
import type { StoredMessage } from '../conversation/threads';
import type { SyncDeps } from './deps';
import { publishNews } from './badge';
import { notifyNewFromPeer } from './notifications';
import { syncDisplayName } from './pairing';
import { PushManager } from './push';
import { RelayClient } from './relay-client';
import { checkRelayCompatibility } from './relay-compatibility';
import { syncAll, type SyncResult } from './sync';
import { SyncScheduler } from './sync-scheduler';
import { programmeRound } from '../programme/programme-round';
import { programmeRelayClient } from './programme-relay-client';

export const SYNC_ALARM = 'binome-sync';
/** The documented default: delivery with the buddy's UI closed within one minute. */
const POLL_MINUTES = 1;

export interface BackgroundSync {
  readonly deps: SyncDeps;
  /** Resolves when a round that started after this call has finished. */
  request(): Promise<SyncResult | null>;
  /** Opens a push channel for every relay identity that has none yet (a new pairing adds one). */
  listen(): Promise<void>;
  /** A fresh worker or the poll alarm: the alarm is there, push listens, a round runs. */
  wake(): Promise<void>;
}

export function createBackgroundSync(db: BinomeDb, overrides: Partial<Omit<SyncDeps, 'db'>> = {}): BackgroundSync {
  const deps: SyncDeps = {
    db,
    client: (identity) => new RelayClient(identity.relayUrl, identity.token),
    now: Date.now,
    onNewFromPeer: (pair: Pair, messages: StoredMessage[]) => notifyNewFromPeer(pair, messages),
    ...overrides,
  };
  const programmeRelay = programmeRelayClient(db, deps.client);
  const scheduler = new SyncScheduler(
    async () => {
      const profile = await readProfile(db);
      // Best effort: a relay that cannot be reached gets the new name at a later round.
      await syncDisplayName(deps, profile.displayName).catch(() => undefined);
      await checkRelayCompatibility(db, profile.relayUrl, deps.fetch);
      const result = await syncAll(deps);
      await publishNews(db);
      // Date.now() here, not deps.now: it is read at each round (see lib/programme/programme-round.ts).
      await programmeRound(db, Date.now(), programmeRelay).catch((error: unknown) =>
        console.warn('Binôme programme round failed', error),
      );
      return result;
    },
    (error) => console.warn('Binôme sync failed', error),
  );
  const push = new PushManager(() => void scheduler.request());
  const listen = async () => push.ensure(await db.identities.toArray());
  return {
    deps,
    request: () => scheduler.request(),
    listen,
    async wake() {
      await ensureAlarm();
      await listen();
      await scheduler.request();
    },
  };
}

async function ensureAlarm(): Promise<void> {
  if (!(await browser.alarms.get(SYNC_ALARM))) {
    await browser.alarms.create(SYNC_ALARM, { periodInMinutes: POLL_MINUTES });
  }
}
