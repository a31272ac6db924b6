/**
 * Binôme's toolbar button, whichever API the browser gives it: `action` in Manifest V3 (Chrome,
 * Edge), `browserAction` in the Manifest V2 build that Firefox gets, which has no `action` at all.
 * The methods Binôme uses (badge, title, icon, openPopup) are the same on both.
 * A function, not a constant: nothing may touch `browser` when WXT imports a module at build time.
 */
import { browser } from 'wxt/browser';

type ToolbarButton = typeof browser.action;

export function toolbarButton(): ToolbarButton {
  return browser.action ?? (browser as unknown as { browserAction: ToolbarButton }).browserAction;
}
