/**
 * A tab where a walkthrough is being recorded loads a new document or closes. Every tab's
 * loads wake the worker for a moment (no `tabs` permission is needed for the event, and no
 * filter exists for it in Chrome): the handler only looks the tab up in one index and returns.
 */
import type { Browser } from 'wxt/browser';
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
