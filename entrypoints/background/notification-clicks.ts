/**
 * A click on "Léa answered" opens that thread; on "Léa answered 3 questions", the popup, which
 * opens on the tab with the news. The popup page opens as a tab where no popup can open.
 */
import { browser } from 'wxt/browser';
import type { BinomeDb } from '@/lib/db/db';
import { toolbarButton } from '@/lib/platform/toolbar-button';
import { forgetThreadToOpen, leaveThreadToOpen, threadPagePath } from '@/lib/conversation/open-thread';
import { threadOfNotice } from '@/lib/sync/notifications';

export function onNotificationClicked(db: BinomeDb) {
  return (notificationId: string): void => {
    void browser.notifications.clear(notificationId);
    void openFor(db, threadOfNotice(notificationId));
  };
}

async function openFor(db: BinomeDb, threadId: string | null): Promise<void> {
  if (threadId) await leaveThreadToOpen(db, threadId);
  try {
    await toolbarButton().openPopup();
  } catch {
    // The tab is told by its address: a note left behind would reopen the thread at the next toolbar click.
    if (threadId) await forgetThreadToOpen(db);
    await browser.tabs.create({ url: browser.runtime.getURL(threadId ? threadPagePath(threadId) : '/popup.html') });
  }
}
