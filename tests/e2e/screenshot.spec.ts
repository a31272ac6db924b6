import type { Locator, Page } from '@playwright/test';
import { expect, test } from './support/fixtures';

/** Where a box lies on a picture, as fractions of the picture's size. */
async function fractionOf(box: Locator, picture: Locator) {
  const b = (await box.boundingBox())!;
  const p = (await picture.boundingBox())!;
  return { x: (b.x - p.x) / p.width, y: (b.y - p.y) / p.height, width: b.width / p.width, height: b.height / p.height };
}

/** Darkest and lightest channel values inside a region (fractions) of the image shown in `page`. */
async function pixelRange(page: Page, region: { x: number; y: number; width: number; height: number }) {
  return page.evaluate(async (area) => {
    const img = document.querySelector<HTMLImageElement>('.screenshot img')!;
    await img.decode();
    const canvas = new OffscreenCanvas(img.naturalWidth, img.naturalHeight);
    const context = canvas.getContext('2d')!;
    context.drawImage(img, 0, 0);
    const x = Math.round(area.x * img.naturalWidth);
    const y = Math.round(area.y * img.naturalHeight);
    const { data } = context.getImageData(
      x,
      y,
      Math.round(area.width * img.naturalWidth),
      Math.round(area.height * img.naturalHeight),
    );
    let max = 0;
    let min = 255;
    for (let index = 0; index < data.length; index += 4) {
      max = Math.max(max, data[index]!, data[index + 1]!, data[index + 2]!);
      min = Math.min(min, data[index]!, data[index + 1]!, data[index + 2]!);
    }
    return { max, min, width: img.naturalWidth, height: img.naturalHeight, type: '' };
  }, region);
}

test('a screenshot is attached by default, a blacked-out box is black in the image the helper receives', async ({ pair }) => {
  const { asker, helper } = pair;
  const budget = await asker.context.newPage();
  await budget.setViewportSize({ width: 1280, height: 800 });
  await budget.goto(pair.fixtureUrl('excel-budget.html'));

  const popup = await asker.askFormFor(budget);
  await popup.page.getByLabel('Your question').fill('What is this table for?');
  await expect(popup.page.getByLabel(/Attach a picture of the page/)).toBeChecked();
  const preview = popup.page.getByRole('img', { name: 'Screenshot of the page, as your buddy will see it' });
  await expect(preview).toBeVisible();
  await popup.page.getByRole('button', { name: /Add a black box/ }).click();
  const box = popup.page.getByRole('button', { name: /Black box 1 of 1/ });
  await expect(box).toBeVisible();
  const area = await fractionOf(box, preview);
  await popup.page.getByRole('button', { name: 'Send my question' }).click();
  await expect(popup.threadStatus()).toHaveText('Sent, waiting for an answer');

  const helperPopup = await helper.popup();
  await helperPopup.openThread(helperPopup.inboxFrom('Anne Martin').first());
  const picture = helperPopup.page.getByRole('img', { name: 'Picture of the page, sent by Anne Martin' });
  await expect(picture).toBeVisible();
  // Inside the box (a margin in from its edges): black. Outside, the white page is not.
  const inset = {
    x: area.x + area.width * 0.1,
    y: area.y + area.height * 0.1,
    width: area.width * 0.8,
    height: area.height * 0.8,
  };
  const inside = await pixelRange(helperPopup.page, inset);
  expect(inside.max).toBeLessThanOrEqual(16);
  const outside = await pixelRange(helperPopup.page, { x: 0.9, y: 0.9, width: 0.05, height: 0.05 });
  expect(outside.min).toBeGreaterThan(200);
  expect(Math.max(inside.width, inside.height)).toBeLessThanOrEqual(1600);

  // Zoom shows it full size, and back.
  await helperPopup.page.getByRole('button', { name: 'Show the picture full size' }).click();
  await expect(helperPopup.page.getByRole('button', { name: 'Fit the picture to the window' })).toBeVisible();
});

test('"no screenshot" is remembered for the site', async ({ pair }) => {
  const { asker } = pair;
  const budget = await asker.context.newPage();
  await budget.goto(pair.fixtureUrl('excel-budget.html'));
  const popup = await asker.askFormFor(budget);
  await popup.page.getByLabel(/Attach a picture of the page/).uncheck();
  await popup.page.getByLabel('Your question').fill('No picture please');
  await popup.page.getByRole('button', { name: 'Send my question' }).click();
  await expect(popup.threadStatus()).toHaveText('Sent, waiting for an answer');
  await expect(popup.page.locator('.screenshot')).toHaveCount(0);

  const again = await asker.askFormFor(budget);
  await expect(again.page.getByLabel(/Attach a picture of the page/)).not.toBeChecked();
});
