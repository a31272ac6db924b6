import { expect, test } from './support/fixtures';

test('the asker points at an element of the page; the helper sees it described and outlined', async ({ pair }) => {
  const { asker, helper } = pair;
  const budget = await asker.context.newPage();
  await budget.setViewportSize({ width: 1280, height: 800 });
  await budget.goto(pair.fixtureUrl('excel-budget.html'));

  const popup = await asker.askFormFor(budget);
  await popup.page.getByRole('button', { name: 'Point at the part of the page' }).click();

  // The popup made way for the page; the picker asks which part, and the person clicks it.
  await expect(budget.getByText('Click the part of the page your question is about', { exact: false })).toBeVisible();
  // The picker's overlay covers the page (that is its job): the mouse goes by coordinates.
  const table = (await budget.getByRole('table', { name: 'Expenses' }).boundingBox())!;
  await budget.mouse.move(table.x + 20, table.y + table.height / 2);
  await budget.mouse.click(table.x + 20, table.y + table.height / 2);

  // Binôme comes back in the page itself, with the element.
  const panel = await asker.askPanelIn(budget);
  await expect(panel.root.getByText('You pointed at:')).toBeVisible();
  await panel.send('What are these numbers?');
  await expect(panel.root.getByRole('status')).toHaveText(/Your question is on its way to Hugo/);
  // The picker left nothing in the page.
  await expect(budget.getByText('Click the part of the page your question is about', { exact: false })).toHaveCount(0);

  const helperPopup = await helper.popup();
  await helperPopup.openThread(helperPopup.inboxFrom('Anne Martin').first());
  await expect(helperPopup.page.getByText('The asker pointed at:')).toBeVisible();
  await expect(helperPopup.page.locator('.css-path')).not.toBeEmpty();
  await expect(helperPopup.page.getByRole('img', { name: 'Picture of the page, sent by Anne Martin' })).toBeVisible();
  // The element is outlined in the picture: the outline's magenta is there, and nowhere on the page itself.
  const magenta = await helperPopup.page.evaluate(async () => {
    const img = document.querySelector<HTMLImageElement>('.screenshot img')!;
    await img.decode();
    const canvas = new OffscreenCanvas(img.naturalWidth, img.naturalHeight);
    const context = canvas.getContext('2d')!;
    context.drawImage(img, 0, 0);
    const { data } = context.getImageData(0, 0, img.naturalWidth, img.naturalHeight);
    let count = 0;
    for (let index = 0; index < data.length; index += 4) {
      if (data[index]! > 190 && data[index + 1]! < 70 && data[index + 2]! > 80 && data[index + 2]! < 180) count++;
    }
    return count;
  });
  expect(magenta).toBeGreaterThan(200);
});
