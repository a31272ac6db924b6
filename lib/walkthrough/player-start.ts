/**
 * "Show me on my page", from the extension's pages. In the popup opened on the walkthrough's
 * site (which holds the person's activeTab grant for that tab), the player is injected there and
 * then. Anywhere else (another site, the full log page, which has no grant), the walkthrough's
 * page is opened and the walkthrough waits: the popup opened there offers it first.
 */
import { browser } from 'wxt/browser';
import type { BinomeDb } from '../db/db';
import { siteOf } from '../db/db';
import { clear, playerStartSetting, read, waitingWalkthroughSetting, write } from '../db/settings';
import type { Walkthrough } from './schema';

/** A walkthrough opened elsewhere waits this long for the person to click Binôme's button on its page. */
export const WAITING_MS = 30 * 60_000;

export type ShowOutcome =
  /** The player runs in the tab. */
  | { kind: 'started' }
  /** The page was opened in a new tab: the person clicks Binôme's button there. */
  | { kind: 'opened'; site: string }
  /** The popup is on another site: opening the page would close it before the person read what to do there. */
  | { kind: 'elsewhere'; site: string }
  /** The walkthrough names no web page to open (never played: its address is not http or https). */
  | { kind: 'no-page' };

/** The walkthrough's page, only if it is a web address: a `javascript:` or `file:` address is never opened. */
export function walkthroughPage(walkthrough: Pick<Walkthrough, 'startUrl'>): URL | null {
  try {
    const url = new URL(walkthrough.startUrl);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url : null;
  } catch {
    return null;
  }
}

/** Whether a tab at `tabUrl` shows the walkthrough's site, where the player may run. */
export function isOnWalkthroughSite(walkthrough: Pick<Walkthrough, 'startUrl'>, tabUrl: string | undefined): boolean {
  const page = walkthroughPage(walkthrough);
  return !!page && siteOf(tabUrl) === siteOf(page.href);
}

/** Injects the player into `tabId` for the walkthrough of `messageId` (the caller holds the activeTab grant). */
export async function startPlayer(db: BinomeDb, tabId: number, messageId: string): Promise<void> {
  await notePlayerStart(db, tabId, messageId);
  await browser.scripting.executeScript({ target: { tabId }, files: ['/player.js'] });
}

/**
 * `tab`: the tab the popup is opened on, when it holds the activeTab grant for it (undefined on
 * the log page and where the popup has no tab). `open`: open the page now even from the popup
 * (its second click, once the person read what to do there).
 */
export async function showWalkthrough(
  db: BinomeDb,
  message: { id: string; walkthrough: Walkthrough },
  tab: { id?: number; url?: string } | undefined,
  { open = false, now = Date.now() }: { open?: boolean; now?: number } = {},
): Promise<ShowOutcome> {
  const page = walkthroughPage(message.walkthrough);
  if (!page) return { kind: 'no-page' };
  if (tab?.id !== undefined && isOnWalkthroughSite(message.walkthrough, tab.url)) {
    await clear(db, waitingWalkthroughSetting);
    await startPlayer(db, tab.id, message.id);
    return { kind: 'started' };
  }
  const site = siteOf(page.href);
  if (tab && !open) return { kind: 'elsewhere', site };
  await write(db, waitingWalkthroughSetting, { messageId: message.id, site, at: now });
  await browser.tabs.create({ url: page.href, active: true });
  return { kind: 'opened', site };
}

/** The walkthrough waiting for the site of `tabUrl`, if one is still fresh. */
export async function waitingWalkthroughFor(db: BinomeDb, tabUrl: string | undefined, now = Date.now()): Promise<string | null> {
  const waiting = await read(db, waitingWalkthroughSetting);
  if (!waiting || now - waiting.at > WAITING_MS || !tabUrl || siteOf(tabUrl) !== waiting.site) return null;
  return waiting.messageId;
}

/** From the popup: the walkthrough of `messageId` is about to be played in `tabId`. */
export async function notePlayerStart(db: BinomeDb, tabId: number, messageId: string, now = Date.now()): Promise<void> {
  await write(db, playerStartSetting, { tabId, messageId, at: now, taken: false, told: [] });
}
