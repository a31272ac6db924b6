/**
 * "Ask my buddy about this" from the right-click menu: the background notes what was
 * clicked, then opens the popup, which picks the note up and opens the ask form with it.
 */
import type { BinomeDb } from './db';

const KEY = 'pendingAsk';
/** Older notes are from an abandoned click, not the popup being opened now. */
const FRESH_MS = 2 * 60_000;

export interface PendingAsk {
  tabId: number;
  selection: string;
  /** The link or image the menu was opened on, if any. */
  targetUrl: string;
  at: number;
}

export async function savePendingAsk(db: BinomeDb, ask: PendingAsk): Promise<void> {
  await db.settings.put({ key: KEY, value: ask });
}

export async function takePendingAsk(db: BinomeDb, now = Date.now()): Promise<PendingAsk | null> {
  return db.transaction('rw', db.settings, async () => {
    const row = await db.settings.get(KEY);
    if (!row) return null;
    await db.settings.delete(KEY);
    const ask = row.value as PendingAsk;
    return now - ask.at < FRESH_MS ? ask : null;
  });
}
