/**
 * Where the in-page panel cannot open (browser pages, extension stores), the background
 * notes what was clicked, then opens the side panel (or a small window), which picks the
 * note up and opens the ask form with it.
 */
import type { BinomeDb } from '../db/db';
import { dropInboxSummary } from '../conversation/inbox-summary';
import { clear, pendingAskSetting, pendingPickSetting, read, write, type PendingAsk } from '../db/settings';

export type { PendingAsk };

/** Older notes are from an abandoned click, not the popup being opened now. */
const FRESH_MS = 2 * 60_000;

/** The popup starts the picker in a tab and closes; only that tab's answer is then taken. */
export async function expectPick(db: BinomeDb, tabId: number, now = Date.now()): Promise<void> {
  await write(db, pendingPickSetting, { tabId, at: now });
}

/** True once for the tab the picker was started in, while the request is fresh. */
export async function takeExpectedPick(db: BinomeDb, tabId: number, now = Date.now()): Promise<boolean> {
  return db.transaction('rw', db.settings, async () => {
    const pick = await read(db, pendingPickSetting);
    if (!pick || pick.tabId !== tabId || now - pick.at > FRESH_MS) return false;
    await clear(db, pendingPickSetting);
    return true;
  });
}

export async function savePendingAsk(db: BinomeDb, ask: PendingAsk): Promise<void> {
  await write(db, pendingAskSetting, ask);
  // The popup about to open goes to the ask form: it must not show the inbox first.
  await dropInboxSummary();
}

export async function takePendingAsk(db: BinomeDb, now = Date.now()): Promise<PendingAsk | null> {
  return db.transaction('rw', db.settings, async () => {
    const ask = await read(db, pendingAskSetting);
    // Also a note that no longer parses: it is gone either way.
    await clear(db, pendingAskSetting);
    return ask && now - ask.at < FRESH_MS ? ask : null;
  });
}
