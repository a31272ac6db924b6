/**
 * The tab a surface is about: the one it was opened for, else the active tab of its window.
 * Apart from capture.ts so that what only needs the tab's address (the popup's home) does not
 * load the capture and its catalogue of tools.
 */
import { browser } from 'wxt/browser';

export async function targetTab(tabId?: number) {
  if (tabId !== undefined) return browser.tabs.get(tabId);
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab;
}
