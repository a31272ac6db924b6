/**
 * A tab where a walkthrough is being recorded loads a new document or closes. Chrome has no
 * filter for these events, so while they are listened to, every page load in the browser wakes
 * the worker: the listeners exist only while a draft is recording (Dexie's live query sees the
 * popup's writes too), as the site marks' listeners exist only while that feature is on.
 */
import { liveQuery } from 'dexie';
import { browser, type Browser } from 'wxt/browser';
import type { BinomeDb } from '@/lib/db/db';
import { onRecordedTabClosed, onRecordedTabLoaded } from '@/lib/walkthrough/recorder-session';

export function onTabUpdated(db: BinomeDb) {
  return (tabId: number, change: Browser.tabs.OnUpdatedInfo): void => {
    if (change.status !== 'complete') return;
    void onRecordedTabLoaded(db, tabId).catch((error: unknown) =>
      console.warn('Binôme could not follow the recorded tab', error),
    );
  };
}

export function onTabRemoved(db: BinomeDb) {
  return (tabId: number): void => {
    void onRecordedTabClosed(db, tabId).catch((error: unknown) => console.warn('Binôme could not stop the recording', error));
  };
}

/** Listens to tab loads and closings only while some walkthrough is being recorded. */
export function watchRecordedTabs(db: BinomeDb): void {
  const onUpdated = onTabUpdated(db);
  const onRemoved = onTabRemoved(db);
  liveQuery(() => db.walkthroughDrafts.filter((draft) => draft.recording).count()).subscribe({
    next: (recording) => {
      browser.tabs.onUpdated.removeListener(onUpdated);
      browser.tabs.onRemoved.removeListener(onRemoved);
      if (recording === 0) return;
      browser.tabs.onUpdated.addListener(onUpdated);
      browser.tabs.onRemoved.addListener(onRemoved);
    },
    error: (error: unknown) => console.warn('Binôme could not watch the recorded tabs', error),
  });
}
