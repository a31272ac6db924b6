/**
 * Screens that fit (issue 12, item 3). In Chrome's popup, at most 600 px high, the main action of
 * every screen is visible without scrolling; at 200 % zoom nothing is cut off; no page scrolls
 * sideways at 320 CSS px wide. Zoom is emulated as the browser does it (support/zoom.ts): half the
 * CSS viewport, two device pixels per CSS pixel.
 */
import type { Locator, Page } from '@playwright/test';
import { bottomBeforeScrolling, clippedHorizontally, scrollsSideways } from './support/layout';
import { expect, test } from './support/fixtures';
import { POPUP_MAX_WIDTH, POPUP_SIZE, zoomTo, type Size } from './support/zoom';

const NARROW: Size = { width: 320, height: 640 };
const WINDOW: Size = { width: 1280, height: 800 };

async function expectReflows(page: Page, screen: string, atHundred: Size, zoomedFrom: Size): Promise<void> {
  await zoomTo(page, NARROW, 1);
  const narrow = await scrollsSideways(page);
  expect.soft(narrow.scrollWidth, `${screen} at 320 px wide scrolls sideways`).toBeLessThanOrEqual(narrow.clientWidth);
  await zoomTo(page, zoomedFrom, 2);
  expect.soft(await clippedHorizontally(page), `${screen} at 200 %: what is cut off`).toEqual([]);
  await zoomTo(page, atHundred, 1);
}

/** A popup screen: its main actions within Chrome's 600 px, then narrow and zoomed. */
async function expectPopupFits(page: Page, screen: string, mainActions: Locator[]): Promise<void> {
  await zoomTo(page, POPUP_SIZE, 1);
  for (const action of mainActions) {
    await expect(action).toBeVisible();
    const bottom = await bottomBeforeScrolling(action);
    expect
      .soft(bottom, `${screen}: "${await action.textContent()}" ends ${Math.round(bottom)} px down`)
      .toBeLessThanOrEqual(POPUP_SIZE.height);
  }
  await expectReflows(page, screen, POPUP_SIZE, { width: POPUP_MAX_WIDTH, height: POPUP_SIZE.height });
}

test('every popup screen shows its main action in a 600 px popup, and reflows narrow and at 200 %', async ({ pair }) => {
  const { asker, helper } = pair;
  const askButton = (page: Page) => page.getByRole('button', { name: 'Ask my buddy about this page' });

  const empty = await helper.popup();
  await expect(empty.page.getByText('No questions for you yet')).toBeVisible();
  await expectPopupFits(empty.page, 'empty inbox', [askButton(empty.page)]);
  await empty.page.close();

  const budget = await asker.context.newPage();
  await budget.goto(pair.fixtureUrl('excel-budget.html'));
  await budget.getByText('Insérer un tableau croisé dynamique').selectText();
  const askForm = await asker.askFormFor(budget);
  // The picture of the page is attached by default: the form is at its longest.
  await expect(askForm.page.getByRole('img', { name: 'Screenshot of the page, as your buddy will see it' })).toBeVisible();
  await askForm.page.getByLabel('Your question').fill('How do I make a pivot table of these expenses?');
  await expectPopupFits(askForm.page, 'ask form', [askForm.page.getByRole('button', { name: 'Send my question' })]);
  await askForm.page.getByRole('button', { name: 'Send my question' }).click();
  await expect(askForm.page.getByRole('button', { name: 'Back' })).toBeVisible();

  const inbox = await helper.popup();
  const question = inbox.inboxFrom('Anne Martin').filter({ hasText: 'pivot table' });
  await expectPopupFits(inbox.page, 'inbox with a question', [askButton(inbox.page), question]);
  await inbox.openThread(question);
  await inbox.page.getByLabel('Your answer to Anne Martin').fill('Select the table, then Insert > PivotTable.');
  await expectPopupFits(inbox.page, 'an incoming question', [inbox.page.getByRole('button', { name: 'Send my answer' })]);
  await inbox.page.getByRole('button', { name: 'Send my answer' }).click();
  await expect(inbox.replies()).toHaveCount(1);

  // Anne's popup went from the form to her question: the answer arrives there.
  await expect(askForm.replies()).toContainText(['Select the table']);
  await expectPopupFits(askForm.page, 'an answered question', [
    askForm.replies().first(),
    askForm.page.getByRole('button', { name: 'Got it, thank you!' }),
  ]);
});

test('the settings, each tab of the log and the welcome page reflow at 320 px wide and at 200 %', async ({ pair }) => {
  const { asker } = pair;
  const options = await asker.options();
  await expect(options.buddies()).toHaveText(['Hugo — I learn']);
  await expectReflows(options.page, 'settings, paired', WINDOW, WINDOW);

  const log = await asker.logPage();
  for (const tab of ['Entries', 'Skills I learned', 'Skills I taught', 'Export and import'] as const) {
    await log.tab(tab).click();
    await expect(log.tab(tab)).toHaveAttribute('aria-selected', 'true');
    await expectReflows(log.page, `log, ${tab}`, WINDOW, WINDOW);
  }

  const welcome = await asker.context.newPage();
  await welcome.goto(`chrome-extension://${asker.extensionId}/welcome.html`);
  await expect(welcome.getByRole('heading', { level: 1 })).toBeVisible();
  await expectReflows(welcome, 'welcome page', WINDOW, WINDOW);
});
