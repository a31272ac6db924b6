/**
 * Installed or updated: the browser keeps context menus across restarts, so they are made here only.
 * A first install opens the welcome page: nothing else tells a new person where to start.
 */
import { browser, type Browser } from 'wxt/browser';
import { createContextMenu } from '@/lib/ask/context-menu';
import type { BinomeDb } from '@/lib/db/db';
import { read, welcomeOpenedSetting, write } from '@/lib/db/settings';
import { readManagedPolicy } from '@/lib/managed/cache';

/**
 * A company can skip the welcome page (its IT set the relay and tells people what to do). Its
 * policy may not be known yet: Chromium answers managed storage about 5 s after a first start,
 * too long to leave a new person with nothing. So the page opens at once, unless the cached
 * policy already says to skip it, and closes if the first answer (`managedPolicyRead`) then does.
 */
export const onInstalled =
  (db: BinomeDb, managedPolicyRead: () => Promise<void> = () => Promise.resolve()) =>
  async (details: Browser.runtime.InstalledDetails): Promise<void> => {
    await createContextMenu();
    if (details.reason !== 'install' || (await read(db, welcomeOpenedSetting))) return;
    if ((await readManagedPolicy()).skipWelcome) return;
    await write(db, welcomeOpenedSetting, true);
    const welcome = await browser.tabs.create({ url: browser.runtime.getURL('/welcome.html') });
    await managedPolicyRead();
    if ((await readManagedPolicy()).skipWelcome && welcome.id !== undefined) {
      await browser.tabs.remove(welcome.id).catch(() => undefined);
    }
  };
