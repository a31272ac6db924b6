/**
 * The in-page ask panel in Firefox: the keyboard shortcut opens it in the page with the page's
 * context and a screenshot (captureVisibleTab under the shortcut's activeTab grant), and the
 * question reaches the helper with its picture.
 *
 * In Firefox an extension frame inside a web page has no `browser.storage.session` and no `browser.tabs`:
 * the frame asks the background for its capture and channel secret (lib/ask/prepared-ask-handover.ts),
 * and takes the page's site from that capture (components/ScreenshotField.tsx).
 */
import { expect, test } from './support/pair';

test('the keyboard shortcut opens the ask panel in the page with its context; the question reaches the helper', async ({
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
  // The picture the background took before the panel showed, in the panel's own form (its frame has no
  // tabs API in Firefox: it learns the page's site from the capture).
  await expect.poll(() => panel.hasScreenshot(), { timeout: 15_000 }).toBe(true);
  await panel.send('How do I add a pivot table?');
  await expect.poll(() => panel.status(), { timeout: 30_000 }).toMatch(/Your question is on its way to Hugo/);

  await expect.poll(() => helper.badgeText(), { timeout: 30_000 }).toBe('1');
  const helperPopup = await helper.popup();
  await helperPopup.openFirstFrom('Anne Martin');
  await expect.poll(() => helperPopup.context()).toContain('Excel Online');
  await expect.poll(() => helperPopup.hasPicture('Anne Martin')).toBe(true);
});
