/**
 * Captures the page a question is about. Runs in the popup, which holds the activeTab
 * grant the user gave by clicking Binôme: nothing is injected unless the user asked.
 */
import { browser } from 'wxt/browser';
import type { PageContext } from './page-context';
import { trimCapturedContext } from './trim-context';
import { identifyTool } from './tools';
import { targetTab } from './target-tab';
import { readManagedPolicy } from '../managed/cache';

/** Chrome's quota is two captures per second. */
const CAPTURE_QUOTA_WAIT_MS = 550;

function readSelection(): string {
  return window.getSelection()?.toString() ?? '';
}

/**
 * The text selected in the page or in one of its frames (a web app often edits inside one),
 * the top frame's first: a person selects in one place at a time, but a frame may keep an
 * old selection of its own.
 */
export function firstSelection(frames: { frameId?: number; result?: unknown }[]): string {
  const topFirst = [...frames].sort((a, b) => Number(b.frameId === 0) - Number(a.frameId === 0));
  for (const frame of topFirst) {
    const text = String(frame.result ?? '').trim();
    if (text) return text;
  }
  return '';
}

/** Pages that refuse scripts (browser pages, the web store) still give URL and title. */
async function selectedText(tabId: number): Promise<string> {
  try {
    // Frames the extension may not read (other sites' frames, under activeTab) are left out, not refused.
    return firstSelection(await browser.scripting.executeScript({ target: { tabId, allFrames: true }, func: readSelection }));
  } catch {
    return '';
  }
}

/** What the click already knew (the menu's selection, link or image) wins over what capture read. */
export function withFound(
  captured: PageContext | null,
  found: { selection: string; targetUrl: string } | undefined,
): PageContext | null {
  if (!captured || !found) return captured;
  return trimCapturedContext({
    ...captured,
    selection: found.selection || captured.selection,
    ...(found.targetUrl ? { targetUrl: found.targetUrl } : {}),
  });
}

export async function capturePage(tabId?: number): Promise<PageContext | null> {
  const tab = await targetTab(tabId).catch(() => undefined);
  if (!tab?.id || !tab.url) return null;
  const policy = await readManagedPolicy();
  const tool = identifyTool(tab.url, policy.extraTools);
  return trimCapturedContext({
    url: tab.url,
    title: tab.title ?? '',
    tool: tool.id,
    toolName: tool.name,
    selection: await selectedText(tab.id),
  });
}

/**
 * The visible part of the tab, as a JPEG data URL (encoded and decoded several times faster
 * than PNG at this size; it is re-encoded after redaction anyway), or null where the browser refuses (its
 * own pages, the web store) or where the company's policy forbids screenshots. Needs the activeTab grant of the click that opened Binôme.
 */
export async function captureVisibleTab(tabId?: number, retryAfterMs = CAPTURE_QUOTA_WAIT_MS): Promise<string | null> {
  // The company said no screenshots: none is ever taken, so none can be sent.
  if ((await readManagedPolicy()).screenshotsAllowed === false) return null;
  try {
    const tab = await targetTab(tabId);
    if (!tab) return null;
    return await browser.tabs.captureVisibleTab(tab.windowId, { format: 'jpeg', quality: 92 });
  } catch (error) {
    // Chrome allows two captures a second: asking again right after closing the panel (or
    // after pointing at an element) would otherwise come without a picture.
    if (retryAfterMs > 0 && /MAX_CAPTURE_VISIBLE_TAB_CALLS_PER_SECOND/.test(String(error))) {
      await new Promise((resolve) => setTimeout(resolve, retryAfterMs));
      return captureVisibleTab(tabId, 0);
    }
    return null;
  }
}
