/**
 * "Point at the part of the page": the popup or panel that started the picker gets out of
 * the way (a popup closes as soon as the person clicks the page anyway); the picker's
 * answer reaches the background, which opens the ask panel again with the element.
 */
import { browser, type Browser } from 'wxt/browser';
import type { BinomeDb } from '../db/db';
import { pickerToBackground } from '../messaging/picker-to-background';
import { openAskPanel } from './ask-panel';
import { takeExpectedPick } from './pending-ask';

/**
 * In the background: a picker result counts only from the tab the picker was started in,
 * with a well-formed description; anything else from a page is ignored.
 */
export async function onPickerMessage(db: BinomeDb, message: unknown, sender: Browser.runtime.MessageSender): Promise<boolean> {
  const tabId = sender.tab?.id;
  if (sender.id !== browser.runtime.id || tabId === undefined) return false;
  const result = pickerToBackground.parse(message);
  if (!result || !(await takeExpectedPick(db, tabId))) return false;
  const element = result.type === 'content:element-picked' ? result.description : undefined;
  await openAskPanel(db, sender.tab, { selection: '', targetUrl: '', ...(element ? { element } : {}) });
  return true;
}
