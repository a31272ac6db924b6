/**
 * Where the ask panel opens, decided in the background when the person asks from the
 * keyboard shortcut, the right-click menu or after pointing at an element:
 *
 * 1. in the page: the context and the screenshot are captured first (so the picture shows
 *    the page, not the panel), kept in session storage (memory only) under a fresh id, then
 *    the panel's frame is injected (lib/ask/ask-panel-host.ts) and reads them by that id;
 * 2. in the side panel, where the page refuses scripts (browser pages, extension stores):
 *    decided before anything is awaited, because the browser opens a side panel only
 *    during the person's gesture;
 * 3. in a small window, where neither is possible (no side panel in this browser).
 * The person always gets a working panel.
 */
import { browser, type Browser } from 'wxt/browser';
import { capturePage, captureVisibleTab, withFound } from '../capture/capture';
import { siteOf, type BinomeDb } from '../db/db';
import { pairChoices } from './ask-backend-local';
import {
  CHANNEL_SECRET_PREFIX,
  PANEL_OPEN_PREFIX,
  PREPARED_PREFIX,
  preciseNow,
  type ChannelSecret,
  type PreparedAsk,
} from './prepared-ask';
import { screenshotWanted } from '../capture/screenshot-choice';
import type { ElementDescription } from '../capture/element-description';
import { t } from '../i18n/i18n';
import { languageApplied } from '../i18n/language';
import { readLanguageChoice } from '../db/settings';
import { ASK_PANEL_REMOVE, ASK_PANEL_TAG, mountAskPanel, type AskPanelMount } from './ask-panel-host';
import { ASK_PANEL_MESSAGES } from '../messaging/panel-frame-and-host';
import { savePendingAsk } from './pending-ask';
import { uuidv7 } from '../db/ids';
import { readManagedPolicy } from '../managed/cache';
import { notifyNotOfferedHere, offeredOn } from '../managed/offer';
import { toolbarButton } from '../platform/toolbar-button';

export type AskSurface = 'in-page' | 'side-panel' | 'window';

/** What the click already knows: the menu's selection, link or image, or the picked element. */
export interface AskFound {
  selection: string;
  targetUrl: string;
  element?: ElementDescription;
}

/** A frame that has not shown itself by then never will: its host removes it. */
const READY_WITHIN_MS = 15_000;
/** A panel reads its capture within a second; anything older was never read. */
const PREPARED_TTL_MS = 2 * 60_000;

/** Browser pages and the extension stores: no extension may script them. */
const STORE_HOSTS = ['chromewebstore.google.com', 'microsoftedge.microsoft.com', 'addons.mozilla.org'];

export function refusesInjection(url: string | undefined): boolean {
  // Without a URL, the browser did not grant access to this tab: it is one of its own pages.
  if (!url) return true;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return true;
  }
  if (!['http:', 'https:', 'file:'].includes(parsed.protocol)) return true;
  if (STORE_HOSTS.includes(parsed.hostname)) return true;
  return parsed.hostname === 'chrome.google.com' && parsed.pathname.startsWith('/webstore');
}

export async function openAskPanel(
  db: BinomeDb,
  tab: Browser.tabs.Tab | undefined,
  found: AskFound,
  askedAt = preciseNow(),
): Promise<AskSurface | null> {
  const tabId = tab?.id;
  if (tabId === undefined) return null;
  if (refusesInjection(tab?.url)) return openOutsideThePage(db, tabId, found, openSidePanel(tabId));
  // The company's policy keeps Binôme off this site: nothing is captured, nothing opens, and a notification says why.
  if (!offeredOn(tab?.url, await readManagedPolicy())) {
    await notifyNotOfferedHere();
    return null;
  }
  try {
    await injectPanel(db, tabId, found, askedAt);
    return 'in-page';
  } catch (error) {
    // The page refused after all (an error page, a policy). The gesture has usually expired by
    // now, so this mostly ends in the window; the side panel is tried all the same.
    console.warn('Binôme could not open its panel in the page', error);
    return openOutsideThePage(db, tabId, found, openSidePanel(tabId));
  }
}

/** 128 random bits, fresh for every panel: what the frame checks its host's channel against. */
export function newChannelSecret(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

async function injectPanel(db: BinomeDb, tabId: number, found: AskFound, askedAt: number): Promise<void> {
  const id = uuidv7();
  const openFlag = PANEL_OPEN_PREFIX + tabId;
  const secretKey = CHANNEL_SECRET_PREFIX + id;
  const secret = newChannelSecret();
  const [flags] = await Promise.all([
    browser.storage.session.get(openFlag),
    // Where the frame reads it and the page cannot: session storage is for the extension's own pages.
    browser.storage.session.set({ [secretKey]: { secret, tabId, askedAt } satisfies ChannelSecret }),
    // The frame's title below is in the language chosen in the settings, which a worker just woken may still be loading.
    languageApplied(),
  ]);
  // A panel from an earlier ask may still show: it must be gone before the picture is taken.
  const mayShowPanel = !!flags[openFlag];
  const mount: AskPanelMount = {
    src: browser.runtime.getURL(`/ask-panel.html?ask=${id}`),
    title: t('ask_panel_frame_title'),
    tag: ASK_PANEL_TAG,
    removeKey: ASK_PANEL_REMOVE,
    readyWithinMs: READY_WITHIN_MS,
    // The frame's own origin: the static extension id, where `src` may use the per-session one.
    // By string: `new URL()` gives the origin "null" for this scheme outside Chrome.
    frameOrigins: [browser.runtime.getURL('/').replace(/\/$/, ''), `chrome-extension://${browser.runtime.id}`],
    secret,
    types: ASK_PANEL_MESSAGES,
  };
  // The frame loads, hidden, while the picture is taken; it shows itself once it has the capture.
  const mounting = browser.scripting.executeScript({ target: { tabId }, func: mountAskPanel, args: [mount] });
  // Settled before anything else is awaited, so a refusal is never an unhandled rejection.
  const mounted = mounting.then(
    () => null,
    (error: unknown) => error ?? new Error('injection refused'),
  );
  if (mayShowPanel) await mounted;
  try {
    const [captured, screenshot, pairs, language] = await Promise.all([
      capturePage(tabId),
      captureVisibleTab(tabId),
      pairChoices(db),
      readLanguageChoice(db),
    ]);
    const context = withFound(captured, found);
    const prepared: PreparedAsk = {
      tabId,
      context,
      screenshot,
      pairs,
      language,
      screenshotWanted: await screenshotWanted(db, siteOf(context?.url)),
      ...(found.element ? { element: found.element } : {}),
      askedAt,
    };
    await forgetStalePreparedAsks(askedAt);
    await browser.storage.session.set({ [PREPARED_PREFIX + id]: prepared, [openFlag]: true });
  } catch (error) {
    // The ask goes elsewhere: the hidden frame must not pop up later saying it expired.
    await removePanel(tabId).catch(() => undefined);
    await browser.storage.session.remove(secretKey);
    throw error;
  }
  const refused = await mounted;
  if (refused) {
    await browser.storage.session.remove([PREPARED_PREFIX + id, secretKey, openFlag]);
    throw refused;
  }
}

async function removePanel(tabId: number): Promise<void> {
  await browser.scripting.executeScript({
    target: { tabId },
    // In the isolated world, where the panel left its remover.
    func: (removeKey: string) => {
      (window as unknown as Record<string, (() => unknown) | undefined>)[removeKey]?.();
    },
    args: [ASK_PANEL_REMOVE],
  });
}

/** A panel that never loaded (the page navigated away) leaves its picture and secret behind: not for long. */
async function forgetStalePreparedAsks(now: number): Promise<void> {
  const all = (await browser.storage.session.get(null)) as Record<string, unknown>;
  const stale = Object.entries(all)
    .filter(([key]) => key.startsWith(PREPARED_PREFIX) || key.startsWith(CHANNEL_SECRET_PREFIX))
    .filter(([, value]) => now - ((value as PreparedAsk | ChannelSecret).askedAt ?? 0) > PREPARED_TTL_MS)
    .map(([key]) => key);
  if (stale.length) await browser.storage.session.remove(stale);
}

/**
 * Must be called before anything is awaited: the side panel opens only during the gesture.
 * Never rejects: false when this browser has none or would not open it.
 */
function openSidePanel(tabId: number): Promise<boolean> {
  try {
    const sidePanel = browser.sidePanel;
    // Firefox has a sidebar instead, opened the same way, during the gesture.
    const sidebar = (browser as { sidebarAction?: { open(): Promise<void> } }).sidebarAction;
    if (!sidePanel?.open && sidebar?.open)
      return sidebar.open().then(
        () => true,
        () => false,
      );
    if (!sidePanel?.open) return Promise.resolve(false);
    sidePanel.setOptions({ tabId, path: `/sidepanel.html?tabId=${tabId}`, enabled: true }).catch(() => undefined);
    return sidePanel.open({ tabId }).then(
      () => true,
      () => false,
    );
  } catch {
    return Promise.resolve(false);
  }
}

async function openOutsideThePage(
  db: BinomeDb,
  tabId: number,
  found: AskFound,
  sidePanel: Promise<boolean>,
): Promise<AskSurface> {
  // The side panel (or the window) picks this up as soon as it is written, whichever comes first.
  await savePendingAsk(db, { tabId, ...found, at: Date.now() });
  if (await sidePanel) return 'side-panel';
  await openAskWindow(tabId);
  return 'window';
}

/** The popup where the browser allows one; a small window with the same page otherwise. */
export async function openAskWindow(tabId: number): Promise<void> {
  await Promise.resolve()
    .then(() => toolbarButton().openPopup())
    .catch(() =>
      browser.windows.create({
        url: browser.runtime.getURL(`/popup.html?tabId=${tabId}`),
        type: 'popup',
        width: 440,
        height: 640,
      }),
    );
}
