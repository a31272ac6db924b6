/**
 * Starting a recording from the thread view (popup or side panel), which holds the activeTab
 * grant of the tab it was opened on: the draft names that tab first (so the recorder's first
 * message is taken), then the recorder is injected there, and nowhere else.
 */
import { browser } from 'wxt/browser';
import type { BinomeDb } from '../db/db';
import { siteOf } from '../db/site';
import { startDraft, stopRecording } from './recorder-draft';

export const RECORDER_SCRIPT = '/recorder.js';

/** The tab to record in: the one the page was opened for, else the active tab of the window. */
export async function tabToRecord(tabId?: number): Promise<{ id: number; url: string } | null> {
  const tab =
    tabId !== undefined ? await browser.tabs.get(tabId) : (await browser.tabs.query({ active: true, currentWindow: true }))[0];
  if (tab?.id === undefined) return null;
  return { id: tab.id, url: tab.url ?? '' };
}

/** True when the tab shows another site than the one the question was asked about. */
export function isOtherSite(tabUrl: string, questionSite: string): boolean {
  return !!questionSite && siteOf(tabUrl) !== questionSite;
}

export class CannotRecordHereError extends Error {
  constructor(cause: unknown) {
    super(`Binôme may not record in this tab: ${String(cause)}`);
    this.name = 'CannotRecordHereError';
  }
}

export async function startRecording(db: BinomeDb, threadId: string, tab: { id: number; url: string }): Promise<void> {
  await startDraft(db, { threadId, tabId: tab.id, startUrl: tab.url });
  try {
    await browser.scripting.executeScript({ target: { tabId: tab.id }, files: [RECORDER_SCRIPT] });
  } catch (error) {
    // A browser page, the extension store, a page opened before Binôme's click: nothing recorded.
    await stopRecording(db, threadId);
    throw new CannotRecordHereError(error);
  }
}

/**
 * Takes the bar out of the tab when the recording is stopped from the thread view. Where the
 * browser no longer lets Binôme in, the recorder finds out at its next step and leaves by itself.
 */
export async function removeRecorderBar(tabId: number): Promise<void> {
  try {
    await browser.scripting.executeScript({
      target: { tabId },
      func: () => (window as Window & { __binomeRecorderStop?: () => void }).__binomeRecorderStop?.(),
    });
  } catch {
    // Closed, or another site now: nothing of the recorder is left to remove, or it will go by itself.
  }
}
