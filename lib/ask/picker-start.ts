/** Starting the element picker on a tab: kept apart from the picker's answer, which reopens the ask panel. */
import { browser } from 'wxt/browser';
import type { BinomeDb } from '../db/db';
import { expectPick } from './pending-ask';

/** From the popup (it holds the activeTab grant): inject the picker, then get out of the way. */
export async function startPicking(db: BinomeDb, tabId: number): Promise<void> {
  await expectPick(db, tabId);
  await browser.scripting.executeScript({ target: { tabId }, files: ['/picker.js'] });
}
