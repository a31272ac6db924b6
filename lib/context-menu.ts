/** The right-click entry "Ask my buddy about this", on a page, a selection, a link or an image. */
import { browser, type Browser } from 'wxt/browser';
import type { BinomeDb } from './db';
import { t } from './i18n';
import { savePendingAsk } from './pending-ask';
import { reopenPopup } from './picker-flow';

export const CONTEXT_MENU_ID = 'binome-ask';

export function createContextMenu(): void {
  browser.contextMenus.removeAll(() => {
    browser.contextMenus.create({
      id: CONTEXT_MENU_ID,
      title: t('context_menu_ask'),
      contexts: ['page', 'selection', 'link', 'image'],
    });
  });
}

export async function onContextMenuClick(
  db: BinomeDb,
  info: Browser.contextMenus.OnClickData,
  tab: Browser.tabs.Tab | undefined,
  now = Date.now(),
): Promise<void> {
  if (info.menuItemId !== CONTEXT_MENU_ID || tab?.id === undefined) return;
  await savePendingAsk(db, {
    tabId: tab.id,
    selection: (info.selectionText ?? '').trim(),
    targetUrl: info.linkUrl ?? info.srcUrl ?? '',
    at: now,
  });
  // The click is a user gesture: the popup may open. Where it may not, a small window does.
  await reopenPopup(tab.id);
}
