/**
 * "Point at the part of the page": a popup closes as soon as the person clicks the page,
 * so the popup starts the picker and closes; the picker's answer reaches the background,
 * which notes it and opens the popup again on the ask form, with the element.
 */
import { browser, type Browser } from 'wxt/browser';
import type { BinomeDb } from './db';
import { pickerResultSchema } from './element-description';
import { expectPick, savePendingAsk, takeExpectedPick } from './pending-ask';

/** From the popup (it holds the activeTab grant): inject the picker, then get out of the way. */
export async function startPicking(db: BinomeDb, tabId: number): Promise<void> {
  await expectPick(db, tabId);
  await browser.scripting.executeScript({ target: { tabId }, files: ['/picker.js'] });
}

/** Opens the popup again; where the browser will not, a small window with the same page. */
export async function reopenPopup(tabId: number): Promise<void> {
  await browser.action.openPopup().catch(() =>
    browser.windows.create({ url: browser.runtime.getURL(`/popup.html?tabId=${tabId}`), type: 'popup', width: 440, height: 640 }),
  );
}

/**
 * In the background: a picker result counts only from the tab the picker was started in,
 * with a well-formed description; anything else from a page is ignored.
 */
export async function onPickerMessage(db: BinomeDb, message: unknown, sender: Browser.runtime.MessageSender): Promise<boolean> {
  const tabId = sender.tab?.id;
  if (sender.id !== browser.runtime.id || tabId === undefined) return false;
  const result = pickerResultSchema.safeParse(message);
  if (!result.success || !(await takeExpectedPick(db, tabId))) return false;
  if (result.data.type === 'content:element-picked') {
    await savePendingAsk(db, { tabId, selection: '', targetUrl: '', element: result.data.description, at: Date.now() });
  } else {
    await savePendingAsk(db, { tabId, selection: '', targetUrl: '', at: Date.now() });
  }
  await reopenPopup(tabId);
  return true;
}
