/** The right-click entry "Ask my buddy about this", on a page, a selection, a link or an image. */
import { browser, type Browser } from 'wxt/browser';
import type { BinomeDb } from '../db/db';
import { t } from '../i18n/i18n';
import { languageApplied } from '../i18n/language';
import { openAskPanel, type AskSurface } from './ask-panel';

export const CONTEXT_MENU_ID = 'binome-ask';

/** In the language chosen in the settings: a worker just woken may still be loading it. */
export async function createContextMenu(): Promise<void> {
  await languageApplied();
  browser.contextMenus.removeAll(() => {
    browser.contextMenus.create({
      id: CONTEXT_MENU_ID,
      title: t('context_menu_ask'),
      contexts: ['page', 'selection', 'link', 'image'],
    });
  });
}

/** Called straight from the listener: the side panel, where needed, opens only during the click. */
export async function onContextMenuClick(
  db: BinomeDb,
  info: Browser.contextMenus.OnClickData,
  tab: Browser.tabs.Tab | undefined,
): Promise<AskSurface | null> {
  if (info.menuItemId !== CONTEXT_MENU_ID || tab?.id === undefined) return null;
  return openAskPanel(db, tab, {
    selection: (info.selectionText ?? '').trim(),
    targetUrl: info.linkUrl ?? info.srcUrl ?? '',
  });
}
