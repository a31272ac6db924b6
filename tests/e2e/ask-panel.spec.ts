/**
 * The ways in and where the ask panel opens, as a person at a desktop does it: the keyboard
 * shortcut and the right-click menu (real X input, see support/desktop.ts), the in-page
 * panel, and the side panel on a page that refuses scripts.
 */
import { expect, test } from './support/fixtures';

test.use({ askerAtDesktop: true });

test('the keyboard shortcut opens the ask panel in the page with its context; the question reaches the helper', async ({
  pair,
}) => {
  const { asker, helper } = pair;
  const budget = await asker.context.newPage();
  await budget.goto(pair.fixtureUrl('excel-budget.html'));
  // Nothing of Binôme is in the page before the person asks.
  expect(budget.frames()).toHaveLength(1);

  await asker.pressShortcut(budget);
  const panel = await asker.askPanelIn(budget);
  await expect(panel.context()).toContainText('Excel Online');
  await expect(panel.context()).toContainText('Budget 2026.xlsx');
  await expect(panel.root.getByRole('img', { name: 'Screenshot of the page, as your buddy will see it' })).toBeVisible();
  // The question box has the keyboard: the person types straight away.
  await asker.typeText(budget, 'How do I add a pivot table?');
  await expect(panel.question()).toHaveValue('How do I add a pivot table?');
  await panel.root.getByRole('button', { name: 'Send my question' }).click();
  await expect(panel.root.getByRole('status')).toHaveText(/Your question is on its way to Hugo/);
  await panel.root.getByRole('button', { name: 'Close' }).click();
  await expect.poll(() => budget.frames().length).toBe(1);

  const helperPopup = await helper.popup();
  await helperPopup.openThread(helperPopup.inboxFrom('Anne Martin').first());
  await expect(helperPopup.page.getByText('How do I add a pivot table?')).toBeVisible();
  await expect(helperPopup.context()).toContainText('Excel Online');
  await expect(helperPopup.page.getByRole('img', { name: 'Picture of the page, sent by Anne Martin' })).toBeVisible();
});

test('Esc closes the in-page panel and gives the keyboard back to the page', async ({ pair }) => {
  const { asker } = pair;
  const budget = await asker.context.newPage();
  await budget.goto(pair.fixtureUrl('excel-budget.html'));
  await asker.pressShortcut(budget);
  const panel = await asker.askPanelIn(budget);
  await expect(panel.question()).toBeFocused();
  await asker.pressKeys(budget, 'Escape');
  await expect.poll(() => budget.frames().length).toBe(1);
  await expect(budget.locator('binome-ask-panel')).toHaveCount(0);
  expect(await budget.evaluate(() => document.hasFocus())).toBe(true);
});

test('asking again while the panel shows replaces it with a fresh one', async ({ pair }) => {
  const { asker } = pair;
  const budget = await asker.context.newPage();
  await budget.goto(pair.fixtureUrl('excel-budget.html'));
  await asker.pressShortcut(budget);
  const first = await asker.askPanelIn(budget);
  await expect(first.question()).toBeFocused();
  // Chrome allows two pictures a second; a person pressing again is slower than that.
  await budget.waitForTimeout(600);
  await asker.pressShortcut(budget);
  await expect.poll(() => first.isGone()).toBe(true);
  const second = await asker.askPanelIn(budget);
  await expect(second.context()).toContainText('Excel Online');
  await expect(second.root.getByRole('img', { name: 'Screenshot of the page, as your buddy will see it' })).toBeVisible();
  expect(budget.frames().filter((frame) => frame.url().includes('/ask-panel.html'))).toHaveLength(1);
  await expect(budget.locator('binome-ask-panel')).toHaveCount(1);
});

test('"Ask my buddy about this" in the right-click menu on a selection pre-fills the panel with it', async ({ pair }) => {
  const { asker } = pair;
  const budget = await asker.context.newPage();
  await budget.goto(pair.fixtureUrl('excel-budget.html'));
  await budget.locator('#hint').selectText();

  await asker.askFromContextMenu(budget, budget.locator('#hint'));
  const panel = await asker.askPanelIn(budget);
  await expect(panel.context()).toContainText('Insérer un tableau croisé dynamique pour résumer les dépenses');
  await expect(panel.context()).toContainText('Excel Online');
});

test("in a workbook drawn in another site's frame, as on OneDrive, the panel opens over it with the frame's selection", async ({
  pair,
}) => {
  const { asker, helper } = pair;
  const workbook = await asker.context.newPage();
  await workbook.goto('http://onedrive.live.com/:x:/r/personal/onedrive-workbook.html');
  const sheet = workbook.frameLocator('iframe[title="Workbook"]');
  await sheet.locator('#hint').selectText();

  await asker.askFromContextMenu(workbook, sheet.locator('#hint'));
  const panel = await asker.askPanelIn(workbook);
  // The panel went into the top page (the frame from excel.officeapps.live.com is never scripted).
  expect(
    workbook
      .frames()
      .find((frame) => frame.url().includes('/ask-panel.html'))!
      .parentFrame(),
  ).toBe(workbook.mainFrame());
  await expect(panel.context()).toContainText('Excel Online');
  await expect(panel.context()).toContainText('Insérer un tableau croisé dynamique pour résumer les dépenses');
  await panel.send('Where do I insert a pivot table?');
  await expect(panel.root.getByRole('status')).toHaveText(/Your question is on its way to Hugo/);

  const helperPopup = await helper.popup();
  await helperPopup.openThread(helperPopup.inboxFrom('Anne Martin').first());
  await expect(helperPopup.context()).toContainText('Insérer un tableau croisé dynamique');
});

test('on a browser page, which refuses scripts, the shortcut opens the side panel and the question goes through', async ({
  pair,
}) => {
  const { asker, helper } = pair;
  const settings = await asker.context.newPage();
  await settings.goto('chrome://version');

  await asker.pressShortcut(settings);
  const side = await asker.sidePanel();
  await expect(side.question()).toBeVisible();
  await side.send('Which version of the browser do I have?');
  await expect(side.status()).toHaveText('Sent, waiting for an answer');
  // Nothing could be put into that page.
  expect(settings.frames()).toHaveLength(1);

  const helperPopup = await helper.popup();
  await helperPopup.openThread(helperPopup.inboxFrom('Anne Martin').first());
  await expect(helperPopup.page.getByText('Which version of the browser do I have?')).toBeVisible();
});
