/**
 * Opening one thread from outside the popup (a notification click). The toolbar popup cannot be
 * given a URL, so the background leaves the thread's id for the popup it opens; where no popup can
 * open, the popup page opens as a tab on `#thread=<id>`. The popup reads both.
 */
import type { BinomeDb } from '../db/db';
import { dropInboxSummary } from './inbox-summary';
import { clear, read, threadToOpenSetting, write } from '../db/settings';

export { threadFromHash, threadPagePath } from './thread-address';

/** Long enough for a popup to open, short enough that a later click on the toolbar shows the home. */
const FRESH_MS = 30_000;

export async function leaveThreadToOpen(db: BinomeDb, threadId: string, now = Date.now()): Promise<void> {
  await write(db, threadToOpenSetting, { threadId, at: now });
  // The popup about to open shows this thread: it must not show the inbox first.
  await dropInboxSummary();
}

export async function forgetThreadToOpen(db: BinomeDb): Promise<void> {
  await clear(db, threadToOpenSetting);
}

/** The thread left for this popup, once: an older note is from a popup that never opened. */
export async function takeThreadToOpen(db: BinomeDb, now = Date.now()): Promise<string | null> {
  return db.transaction('rw', db.settings, async () => {
    const note = await read(db, threadToOpenSetting);
    await clear(db, threadToOpenSetting);
    return note && now - note.at < FRESH_MS ? note.threadId : null;
  });
}
