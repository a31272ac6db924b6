/** Starting the element picker on a tab: kept apart from the picker's answer, which reopens the ask panel. */
import { browser } from 'wxt/browser';
import type { BinomeDb } from '../db/db';
import type { HandedMessages } from '../i18n/i18n';
import { messagesToHand } from '../i18n/language';
import { expectPick } from './pending-ask';
import { PICKER_KEYS, PICKER_WORDS } from './picker-words';

/**
 * From the popup (it holds the activeTab grant) or the background: inject the picker, then get
 * out of the way. Its words go first, into the isolated world the picker then runs in.
 */
export async function startPicking(db: BinomeDb, tabId: number): Promise<void> {
  await expectPick(db, tabId);
  await browser.scripting.executeScript({
    target: { tabId },
    // Serialized into the page's isolated world: it may use nothing but its arguments.
    func: (name: string, words: HandedMessages) => {
      (window as unknown as Record<string, HandedMessages>)[name] = words;
    },
    args: [PICKER_WORDS, await messagesToHand(PICKER_KEYS)],
  });
  await browser.scripting.executeScript({ target: { tabId }, files: ['/picker.js'] });
}
