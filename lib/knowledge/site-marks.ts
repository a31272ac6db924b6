/**
 * Optional: marks the toolbar icon on sites the person has log entries for, without
 * injecting anything into the page. It needs the optional "tabs" permission to read the
 * address of the tab shown, asked for when the person switches it on; holding that
 * permission is the setting itself. Only then does the background listen to tab changes,
 * so nobody who has not opted in gets a service worker woken at every page load.
 */
import { browser, type Browser } from 'wxt/browser';
import { siteOf, type BinomeDb } from '../db/db';
import { toolbarButton } from '../platform/toolbar-button';

const TABS_PERMISSION = { permissions: ['tabs' as const] };

const icons = (folder: string) => Object.fromEntries([16, 32, 48, 128].map((size) => [size, `/${folder}/${size}.png`]));

export function siteMarksEnabled(): Promise<boolean> {
  return browser.permissions.contains(TABS_PERMISSION);
}

/** Must run from a click: the browser asks the person for the permission. */
export function enableSiteMarks(): Promise<boolean> {
  return browser.permissions.request(TABS_PERMISSION);
}

export async function disableSiteMarks(): Promise<void> {
  await browser.permissions.remove(TABS_PERMISSION).catch(() => false);
}

export async function hasEntriesForSite(db: BinomeDb, url: string | undefined): Promise<boolean> {
  const site = siteOf(url);
  if (!site) return false;
  return (
    (await db.threads
      .where('site')
      .equals(site)
      .filter((thread) => thread.answeredAt > 0)
      .count()) > 0
  );
}

async function markTab(db: BinomeDb, tabId: number, url: string | undefined): Promise<void> {
  const known = await hasEntriesForSite(db, url);
  await toolbarButton()
    .setIcon({ tabId, path: icons(known ? 'icon-known' : 'icon') })
    .catch(() => undefined);
}

/** In the background: listens to tabs while, and only while, the permission is held. */
export function watchTabsForSiteMarks(db: BinomeDb): void {
  const onUpdated = (tabId: number, change: Browser.tabs.OnUpdatedInfo, tab: Browser.tabs.Tab) => {
    if (change.url || change.status === 'complete') void markTab(db, tabId, tab.url);
  };
  const onActivated = ({ tabId }: Browser.tabs.OnActivatedInfo) => {
    void browser.tabs.get(tabId).then(
      (tab) => markTab(db, tabId, tab.url),
      () => undefined,
    );
  };
  const update = async () => {
    browser.tabs.onUpdated.removeListener(onUpdated);
    browser.tabs.onActivated.removeListener(onActivated);
    if (!(await siteMarksEnabled())) return;
    browser.tabs.onUpdated.addListener(onUpdated);
    browser.tabs.onActivated.addListener(onActivated);
  };
  browser.permissions.onAdded.addListener(() => void update());
  browser.permissions.onRemoved.addListener(() => void update());
  void update();
}
