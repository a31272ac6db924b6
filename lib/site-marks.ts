/**
 * Optional: marks the toolbar icon on sites the person has log entries for, without
 * injecting anything into the page. Needs the optional "tabs" permission to read the
 * address of the tab being shown; off by default, asked for when switched on.
 */
import { browser } from 'wxt/browser';
import { siteOf, type BinomeDb } from './db';

export const SITE_MARKS_SETTING = 'markKnownSites';
const TABS_PERMISSION = { permissions: ['tabs' as const] };

const icons = (folder: string) => Object.fromEntries([16, 32, 48, 128].map((size) => [size, `/${folder}/${size}.png`]));

export async function siteMarksEnabled(db: BinomeDb): Promise<boolean> {
  const setting = await db.settings.get(SITE_MARKS_SETTING);
  return setting?.value === true && (await browser.permissions.contains(TABS_PERMISSION));
}

/** Must run from a click: the browser asks the person for the permission. */
export async function enableSiteMarks(db: BinomeDb): Promise<boolean> {
  const granted = await browser.permissions.request(TABS_PERMISSION);
  await db.settings.put({ key: SITE_MARKS_SETTING, value: granted });
  return granted;
}

export async function disableSiteMarks(db: BinomeDb): Promise<void> {
  await db.settings.put({ key: SITE_MARKS_SETTING, value: false });
  await browser.permissions.remove(TABS_PERMISSION).catch(() => false);
}

export async function hasEntriesForSite(db: BinomeDb, url: string | undefined): Promise<boolean> {
  const site = siteOf(url);
  if (!site) return false;
  return (await db.threads.where('site').equals(site).filter((thread) => thread.answeredAt > 0).count()) > 0;
}

export async function markTab(db: BinomeDb, tabId: number, url: string | undefined): Promise<void> {
  if (!(await siteMarksEnabled(db))) return;
  const known = await hasEntriesForSite(db, url);
  await browser.action.setIcon({ tabId, path: icons(known ? 'icon-known' : 'icon') }).catch(() => undefined);
}
