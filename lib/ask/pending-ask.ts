/**
 * Where the in-page panel cannot open (browser pages, extension stores), the background
 * notes what was clicked, then opens the side panel (or a small window), which picks the
 * note up and opens the ask form with it.
 */
import type { BinomeDb } from '../db/db';
import type { ElementDescription } from '../capture/element-description';

export const PENDING_ASK_KEY = 'pendingAsk';
/** Older notes are from an abandoned click, not the popup being opened now. */
const FRESH_MS = 2 * 60_000;

export interface PendingAsk {
  tabId: number;
  selection: string;
  /** The link or image the menu was opened on, if any. */
  targetUrl: string;
  /** The part of the page the person pointed at with the picker, if any. */
  element?: ElementDescription;
  at: number;
}

const PICK_KEY = 'pendingPick';

/** The popup starts the picker in a tab and closes; only that tab's answer is then taken. */
export async function expectPick(db: BinomeDb, tabId: number, now = Date.now()): Promise<void> {
  await db.settings.put({ key: PICK_KEY, value: { tabId, at: now } });
}

/** True once for the tab the picker was started in, while the request is fresh. */
export async function takeExpectedPick(db: BinomeDb, tabId: number, now = Date.now()): Promise<boolean> {
  return db.transaction('rw', db.settings, async () => {
    const row = await db.settings.get(PICK_KEY);
    const pick = row?.value as { tabId: number; at: number } | undefined;
    if (!pick || pick.tabId !== tabId || now - pick.at > FRESH_MS) return false;
    await db.settings.delete(PICK_KEY);
    return true;
  });
}

export async function savePendingAsk(db: BinomeDb, ask: PendingAsk): Promise<void> {
  await db.settings.put({ key: PENDING_ASK_KEY, value: ask });
}

export async function takePendingAsk(db: BinomeDb, now = Date.now()): Promise<PendingAsk | null> {
  return db.transaction('rw', db.settings, async () => {
    const row = await db.settings.get(PENDING_ASK_KEY);
    if (!row) return null;
    await db.settings.delete(PENDING_ASK_KEY);
    const ask = row.value as PendingAsk;
    return now - ask.at < FRESH_MS ? ask : null;
  });
}
