/**
 * The in-page ask panel in Firefox: the keyboard shortcut opens it in the page with the page's
 * context and a screenshot (captureVisibleTab under the shortcut's activeTab grant), and the
 * question reaches the helper with its picture.
 *
 * Skipped: a known Firefox bug of Binôme, not a limit of automation. The shortcut works (the panel's
 * frame is put into the page, activeTab is granted), but the frame shows "This panel has expired":
 * in Firefox (153 ESR, MV2 build) an extension frame inside a web page has no `browser.storage.session`
 * (it is undefined there, while the background and the extension's own pages have it), and the
 * capture and the channel secret reach the frame only through storage.session (lib/ask/prepared-ask.ts).
 * Remove `.skip` with the fix (the frame asking the background for them, for example).
 */
import { expect, test } from './support/pair';

test.skip('the keyboard shortcut opens the ask panel in the page with its context and picture; the question reaches the helper', async ({
  pair,
  annotate,
}) => {
  const { asker, helper } = pair;
  const budget = await asker.openSite(pair.fixtureUrl('excel-budget.html'));
  // Nothing of Binôme is in the page before the person asks.
  expect(budget.frames()).toHaveLength(1);

  await annotate(
    'Alt+Shift+H is pressed through Firefox’s own window (what the shortcut’s key calls: activeTab grant, then commands.onCommand): WebDriver types into the page, and Firefox’s add-on shortcuts are keys of the browser window. Not automated in Firefox: the right-click menu entry (a native menu of the browser window) and the sidebar that stands in for Chrome’s side panel (sidebarAction.open needs a real user gesture); the Chromium suite covers both.',
  );
  await asker.pressAskShortcut(budget);
  const panel = await asker.askPanelIn(budget);
  await expect.poll(() => panel.context()).toContain('Excel Online');
  expect(await panel.context()).toContain('Budget 2026.xlsx');
  await expect.poll(() => panel.hasScreenshot()).toBe(true);
  await panel.send('How do I add a pivot table?');
  await expect.poll(() => panel.status(), { timeout: 30_000 }).toMatch(/Your question is on its way to Hugo/);

  await expect.poll(() => helper.badgeText(), { timeout: 30_000 }).toBe('1');
  const helperPopup = await helper.popup();
  await helperPopup.openFirstFrom('Anne Martin');
  await expect.poll(() => helperPopup.context()).toContain('Excel Online');
  await expect.poll(() => helperPopup.hasPicture('Anne Martin')).toBe(true);
});
