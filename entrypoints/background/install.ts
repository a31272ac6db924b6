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
 * `managedPolicyRead` is the first read of the company's policy: a company can skip the welcome
 * page (its IT already set the relay and tells people what to do), and an install is the one
 * moment worth waiting for that answer.
 */
export const onInstalled =
  (db: BinomeDb, managedPolicyRead: () => Promise<void> = () => Promise.resolve()) =>
  async (details: Browser.runtime.InstalledDetails): Promise<void> => {
    await createContextMenu();
    if (details.reason !== 'install' || (await read(db, welcomeOpenedSetting))) return;
    await managedPolicyRead();
    if ((await readManagedPolicy()).skipWelcome) return;
    await write(db, welcomeOpenedSetting, true);
    await browser.tabs.create({ url: browser.runtime.getURL('/welcome.html') });
  };
