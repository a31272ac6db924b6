/**
 * Issue 15, item 1: the helper answers with a picture of their own screen. Two persons paired
 * through the real relay: the helper opens Binôme on a page, blacks out nothing, puts two
 * numbers (a click, and the keyboard) and a box (a drag) with captions, and sends; the asker sees
 * the picture with three numbered marks over it, the captions as a numbered list, and enlarges
 * it from the keyboard. The accessibility gate runs on the editor and on the received answer.
 */
import type { Locator, Page } from '@playwright/test';
import { accessibilityProblems } from './support/axe';
import { expect, test } from './support/fixtures';
import { messageIn } from './support/messages';
import { POPUP_SIZE, zoomTo } from './support/zoom';

const CAPTIONS = ['Click “Insert”', 'Then “PivotTable”', 'Pick the expenses here'];

/** The centre of a mark's number, in fractions of the picture it sits on. */
async function numberSpot(stage: Locator, number: number): Promise<{ x: number; y: number }> {
  const picture = (await stage.locator('img').boundingBox())!;
  const badge = (await stage
    .locator('.picture-number')
    .nth(number - 1)
    .boundingBox())!;
  return {
    x: (badge.x + badge.width / 2 - picture.x) / picture.width,
    y: (badge.y + badge.height / 2 - picture.y) / picture.height,
  };
}

/** At the end of the page, nothing is under the sticky "Send" bar, which axe would count as hiding a control. */
async function gate(page: Page, where: string): Promise<string[]> {
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  return accessibilityProblems(page, where);
}

/** How many lines a control's label takes on screen. */
function linesOf(control: Locator): Promise<number> {
  return control.evaluate((element) => {
    const range = document.createRange();
    range.selectNodeContents(element);
    return new Set([...range.getClientRects()].map((line) => Math.round(line.top))).size;
  });
}

/** The replies of the thread, not the items of the lists inside them (the captions). */
const replies = (page: Page) => page.getByRole('list', { name: 'Replies' }).locator(':scope > li');

async function pointAt(page: Page, stage: Locator, x: number, y: number) {
  const box = (await stage.boundingBox())!;
  return { x: box.x + box.width * x, y: box.y + box.height * y, page };
}

test('the helper answers with an annotated picture; the asker sees its numbers and captions, enlarged from the keyboard', async ({
  pair,
}) => {
  const { asker, helper } = pair;
  const budget = await asker.context.newPage();
  await budget.goto(pair.fixtureUrl('excel-budget.html'));
  const askerPopup = await asker.popupFor(budget);
  await askerPopup.ask('How do I make a pivot table of these expenses?');
  await expect(askerPopup.threadStatus()).toHaveText('Sent, waiting for an answer');

  // The helper opens Binôme on their own copy of the page: that tab is the one pictured.
  const helperPage = await helper.context.newPage();
  await helperPage.goto(pair.fixtureUrl('excel-budget.html'));
  const helperPopup = await helper.popupFor(helperPage);
  await helperPopup.openThread(helperPopup.inboxFrom('Anne Martin').first());
  const page = helperPopup.page;
  await page.getByRole('button', { name: 'Add a picture of my screen' }).click();
  // Step 1 is the question's own redaction editor.
  await expect(page.getByText('Step 1 of 2: hide what your buddy must not see')).toBeVisible();
  await expect(page.getByRole('region', { name: 'Hide parts of the picture' })).toBeVisible();
  // One primary button on the screen, the answer's own, whichever step the picture is at.
  await expect(page.locator('button.primary')).toHaveText(['Send my answer']);
  await page.getByRole('button', { name: 'Next: put numbers on the picture' }).click();

  const editor = page.getByRole('region', { name: 'Step 2 of 2: put numbers on what to look at' });
  const stage = editor.locator('.picture-stage');
  await expect(stage.locator('img')).toBeVisible();
  await expect(page.locator('button.primary')).toHaveText(['Send my answer']);
  await stage.scrollIntoViewIfNeeded();
  // 1: a click on the picture.
  const first = await pointAt(page, stage, 0.2, 0.25);
  await page.mouse.click(first.x, first.y);
  // 2: from the keyboard, then moved with the arrows.
  await editor.getByRole('button', { name: 'Add a number' }).click();
  const second = editor.getByRole('button', { name: 'Mark 2 of 2: a number on the picture' });
  await expect(second).toBeFocused();
  const secondBefore = await numberSpot(stage, 2);
  for (let step = 0; step < 5; step++) await page.keyboard.press('ArrowRight');
  const secondAfter = await numberSpot(stage, 2);
  expect(secondAfter.x - secondBefore.x).toBeCloseTo(0.05, 2);
  // 3: a box dragged.
  const from = await pointAt(page, stage, 0.55, 0.6);
  const to = await pointAt(page, stage, 0.85, 0.8);
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(to.x, to.y, { steps: 5 });
  await page.mouse.up();
  await expect(editor.getByRole('button', { name: 'Mark 3 of 3: a box on the picture' })).toBeVisible();
  for (const [index, caption] of CAPTIONS.entries()) await editor.getByLabel(`What to do at number ${index + 1}`).fill(caption);
  expect(await gate(page, 'the annotation editor')).toEqual([]);

  await page.getByLabel('Your answer to Anne Martin').fill('Follow the numbers:');
  await page.getByRole('button', { name: 'Send my answer' }).click();
  await expect(replies(page)).toHaveCount(1);
  // The helper sees what was sent, as the asker will.
  await expect(replies(page).first().locator('.picture-answer .picture-captions').first().getByRole('listitem')).toHaveText(
    CAPTIONS,
  );

  // The asker: the picture, three numbered marks where the helper put them, the captions in order.
  await expect(askerPopup.threadStatus()).toHaveText('Answered');
  const answer = replies(askerPopup.page).first();
  await expect(answer).toContainText('Follow the numbers:');
  const figure = answer.locator('figure.picture-answer');
  const shown = figure.locator('.picture-stage').first();
  await expect(
    shown.getByRole('img', { name: 'Picture of the screen of Hugo, with numbers explained in the list below' }),
  ).toBeVisible();
  await expect(shown.locator('.picture-mark')).toHaveCount(3);
  await expect(shown.locator('.picture-number')).toHaveText(['1', '2', '3']);
  await expect(shown.locator('.picture-box')).toHaveCount(1);
  const firstShown = await numberSpot(shown, 1);
  expect(firstShown.x).toBeCloseTo(0.2, 1);
  expect(firstShown.y).toBeCloseTo(0.25, 1);
  const captions = figure.getByRole('list', { name: 'What the numbers show:' }).first();
  await expect(captions.getByRole('listitem')).toHaveText(CAPTIONS);
  // Numbers in HTML and CSS pixels: as large on the picture fitted to the popup as enlarged.
  const numberSize = () =>
    shown
      .locator('.picture-number')
      .first()
      .evaluate((element) => getComputedStyle(element).fontSize);
  expect(await numberSize()).toBe('16px');
  expect(await gate(askerPopup.page, 'the answer with its picture')).toEqual([]);

  // Enlarged from the keyboard: Enter opens it, focus is inside, Esc closes it and focus comes back.
  const enlarge = figure.getByRole('button', { name: 'Enlarge the picture' });
  await enlarge.focus();
  await askerPopup.page.keyboard.press('Enter');
  const dialog = askerPopup.page.getByRole('dialog', { name: 'Picture of the screen of Hugo' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Close the large picture' })).toBeFocused();
  const big = dialog.locator('.picture-stage');
  await expect(big.locator('.picture-number')).toHaveText(['1', '2', '3']);
  const sizes = await big
    .locator('img')
    .evaluate((image: HTMLImageElement) => ({ drawn: image.clientWidth, natural: image.naturalWidth }));
  expect(sizes.drawn).toBe(sizes.natural);
  expect(
    await big
      .locator('.picture-number')
      .first()
      .evaluate((element) => getComputedStyle(element).fontSize),
  ).toBe('16px');
  await expect(dialog.getByRole('listitem')).toHaveText(CAPTIONS);
  expect(await accessibilityProblems(askerPopup.page, 'the enlarged picture')).toEqual([]);
  await askerPopup.page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(enlarge).toBeFocused();
  // And by its own button.
  await askerPopup.page.keyboard.press('Enter');
  await expect(dialog).toBeVisible();
  await askerPopup.page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();

  // At 200 % in the popup, in English and in French, its Close button's label fits on one line.
  await zoomTo(askerPopup.page, POPUP_SIZE, 2);
  // Found by its class: the list it is in is named in the language shown.
  const received = askerPopup.page.locator('figure.picture-answer').first();
  for (const language of ['en', 'fr'] as const) {
    if (language === 'fr') await (await asker.options()).chooseLanguage('Français');
    const title = messageIn(language, 'picture_title', 'Hugo');
    await received.getByRole('button', { name: messageIn(language, 'picture_enlarge') }).click();
    const close = askerPopup.page.getByRole('dialog', { name: title }).getByRole('button', {
      name: messageIn(language, 'picture_close'),
    });
    await expect(close).toBeFocused();
    await expect(close).toHaveText(messageIn(language, 'picture_close_short'));
    expect(await linesOf(close), `${language}: lines of "${await close.textContent()}"`).toBe(1);
    await close.click();
    await expect(close).toBeHidden();
  }

  // The relay carried it sealed: no caption in what it stored.
  await pair.relay.stop();
  const stored = await pair.relay.storedText();
  // Not "Insert" alone: the database's own files hold that word.
  for (const caption of ['PivotTable', 'Pick the expenses', 'Follow the numbers']) expect(stored, caption).not.toContain(caption);
});
