/** The browser's own ways to ask: the keyboard shortcut and the right-click menu open the ask panel. */
import type { Browser } from 'wxt/browser';
import type { BinomeDb } from '@/lib/db/db';
import { openAskPanel } from '@/lib/ask/ask-panel';
import { ASK_COMMAND } from '@/lib/ask/commands';
import { onContextMenuClick } from '@/lib/ask/context-menu';

const warnIfNoPanel = (error: unknown) => console.warn('Binôme could not open the ask panel', error);

/** Not awaited before the panel opens: the side panel, where needed, opens only during the gesture. */
export function onCommand(db: BinomeDb) {
  return (command: string, tab: Browser.tabs.Tab | undefined): void => {
    if (command === ASK_COMMAND) void openAskPanel(db, tab, { selection: '', targetUrl: '' }).catch(warnIfNoPanel);
  };
}

export function onContextMenuClicked(db: BinomeDb) {
  return (info: Browser.contextMenus.OnClickData, tab: Browser.tabs.Tab | undefined): void => {
    void onContextMenuClick(db, info, tab).catch(warnIfNoPanel);
  };
}
