/**
 * What Binôme puts into a web page speaks the language chosen in its settings, as its own pages
 * do, not the browser's: in an English browser, a helper and an asker who chose Français get the
 * recorder's bar and the element picker in French (the player's card gets its words the same way).
 */
import { expect, test } from './support/fixtures';
import { messageIn } from './support/messages';
import { askAbout } from './support/walkthrough-flow';

const fr = (key: string, ...substitutions: string[]) => messageIn('fr', key, ...substitutions);

test('in an English browser, the recorder bar and the picker follow Français chosen in Binôme', async ({ pair }) => {
  const { asker, helper } = pair;
  const crmUrl = 'http://crm.acme.internal/walkthrough/crm-a.html';
  const askerPage = await asker.context.newPage();
  await askerPage.goto(crmUrl);
  await askAbout(asker, askerPage, 'How do I add a new contact?');
  for (const person of [asker, helper]) {
    const options = await person.options();
    await options.chooseLanguage('Français');
    await options.page.close();
  }

  // The helper's recorder bar.
  const crm = await helper.context.newPage();
  await crm.goto(crmUrl);
  expect(await crm.evaluate(() => navigator.language)).toMatch(/^en\b/);
  const helperPopup = await helper.popupFor(crm);
  await helperPopup.page
    .getByRole('list', { name: fr('inbox_from', 'Anne Martin') })
    .getByRole('button')
    .first()
    .click();
  const closed = helperPopup.page.waitForEvent('close');
  await helperPopup.page.getByRole('button', { name: fr('recorder_show_how') }).click();
  await closed;
  const bar = crm.getByRole('region', { name: fr('recorder_bar_title') });
  await expect(bar).toBeVisible();
  await expect(bar.getByRole('status')).toHaveText(fr('recorder_bar_count_one', '0'));
  await expect(bar.getByRole('button', { name: fr('recorder_finish') })).toBeVisible();
  await crm.getByRole('button', { name: 'New contact' }).click();
  await expect(bar.getByRole('status')).toHaveText(fr('recorder_bar_count_one', '1'));

  // The asker's picker.
  const askForm = (await asker.popupFor(askerPage)).page;
  await askForm.getByRole('button', { name: fr('ask_button') }).click();
  await askForm.getByRole('button', { name: fr('element_point') }).click();
  const picker = askerPage.getByRole('dialog', { name: fr('picker_label') });
  await expect(picker).toContainText(fr('picker_instruction'));
  await expect(picker.getByRole('button', { name: fr('cancel') })).toBeVisible();
  await askerPage.keyboard.press('Escape');
  await expect(picker).toHaveCount(0);
});
