/**
 * Installed or updated: the browser keeps context menus across restarts, so they are made here only.
 * A first install opens the welcome page: nothing else tells a new person where to start.
 */
import { browser, type Browser } from 'wxt/browser';
import { createContextMenu } from '@/lib/ask/context-menu';

export function onInstalled(details: Browser.runtime.InstalledDetails): void {
  createContextMenu();
  if (details.reason === 'install') void browser.tabs.create({ url: browser.runtime.getURL('/welcome.html') });
}
