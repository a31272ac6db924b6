/**
 * What the background must keep watching, and nothing more: with no pair, nothing wakes the
 * worker (issue 16). A relay is watched while this browser has there a pair that can still get
 * messages (not left, its buddy not revoked, not restored from a file) or a pairing under way
 * (the buddy may answer the invite; the round that sees its code expire ends it). The poll alarm
 * exists only while some relay is watched, and only watched relays get a push channel, whose
 * pings would otherwise keep the worker running for nothing.
 */
import { browser } from 'wxt/browser';
import type { BinomeDb, Identity, Pair } from '../db/db';

export const SYNC_ALARM = 'binome-sync';
/** The documented default: delivery with the buddy's UI closed within one minute. */
export const POLL_MINUTES = 1;

export function pairIsWatched(pair: Pair): boolean {
  return pair.leftAt === null && pair.peerRevokedAt === null && pair.importedAt === undefined;
}

/** The relay identities to watch now (see above). */
export async function identitiesToWatch(db: BinomeDb): Promise<Identity[]> {
  const [pairs, pairings, identities] = await Promise.all([
    db.pairs.filter(pairIsWatched).toArray(),
    db.pairings.where('status').anyOf('waiting', 'confirming').toArray(),
    db.identities.toArray(),
  ]);
  const relays = new Set([...pairs, ...pairings].map((row) => row.relayUrl));
  return identities.filter((identity) => relays.has(identity.relayUrl));
}

/** Creates the poll alarm when something is watched, clears it when nothing is; touches it otherwise not (its period runs on). */
export async function followPollAlarm(watching: boolean): Promise<void> {
  const alarm = await browser.alarms.get(SYNC_ALARM);
  if (watching && !alarm) await browser.alarms.create(SYNC_ALARM, { periodInMinutes: POLL_MINUTES });
  else if (!watching && alarm) await browser.alarms.clear(SYNC_ALARM);
}
