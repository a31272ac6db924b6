/**
 * The service worker: it only registers its listeners and hands each event to a named handler
 * (this folder), which hands it to the domain (lib/). Every listener is registered synchronously
 * at the top of main(): a worker that MV3 stopped is started again for one event, and gets it
 * only if a listener for it exists before main() first awaits anything.
 */
import { browser } from 'wxt/browser';
import { db } from '@/lib/db/db';
import { watchTabsForSiteMarks } from '@/lib/knowledge/site-marks';
import { watchManagedPolicy } from '@/lib/managed/cache';
import { mirrorManagedPolicy } from '@/lib/managed/mirror';
import { createBackgroundSync } from '@/lib/sync/background-sync';
import { onAlarm } from './alarms';
import { onCommand, onContextMenuClicked } from './ask-triggers';
import { onInstalled } from './install';
import { languageChanged, speakStoredLanguage } from './language';
import { onNotificationClicked } from './notification-clicks';
import { pageMessageHandlers } from './page-messages';
import { onRuntimeMessage } from './runtime-messages';
import { watchRecordedTabs } from './recorded-tabs';

export default defineBackground(() => {
  // Started first, and awaited by whatever speaks (notifications, the menu): the listeners below are still registered at once.
  void speakStoredLanguage(db).catch((error: unknown) => console.warn('Binôme could not apply its language', error));
  // The company's policy is copied into a cache that everything reads; nothing waits for it.
  const managed = mirrorManagedPolicy();
  // A company's default language may arrive after the worker started speaking: it speaks it then.
  watchManagedPolicy(
    () => void languageChanged(db).catch((error: unknown) => console.warn('Binôme could not apply its language', error)),
  );
  const sync = createBackgroundSync(db);
  browser.runtime.onMessage.addListener(
    onRuntimeMessage(db, pageMessageHandlers(db, sync), { nudge: () => void sync.request() }),
  );
  browser.runtime.onInstalled.addListener(onInstalled(db, managed.firstRead));
  browser.contextMenus.onClicked.addListener(onContextMenuClicked(db));
  browser.commands.onCommand.addListener(onCommand(db));
  browser.alarms.onAlarm.addListener(onAlarm(sync));
  watchTabsForSiteMarks(db);
  browser.notifications.onClicked.addListener(onNotificationClicked(db));
  watchRecordedTabs(db);
  void sync.wake();
});
