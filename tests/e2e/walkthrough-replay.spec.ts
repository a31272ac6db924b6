/**
 * Issue 15, item 3, end to end: Hugo records four steps on the CRM's page A with the real
 * recorder and sends them; Anne replays them on her own copy of the page (a newer build whose
 * classes are re-hashed, in French, the form arriving 2 s late, no "Import" button). Each step
 * is outlined on the right element and moves on when she uses it herself; the missing step says
 * "I can't find…", and "Tell Hugo" reaches Hugo as "Step 3 was not found on crm.acme.internal.".
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from './support/fixtures';
import { askAbout, expectOutlined, outlineBox, playerCard as card, recordAndSend, showMeOn } from './support/walkthrough-flow';

const PAGE_A = 'http://crm.acme.internal/walkthrough/crm-a.html';
const PAGE_B = 'http://crm.acme.internal/walkthrough/player-b.html';

test('a walkthrough recorded on page A replays on the asker’s own page, step by step, and a missing step reaches the helper', async ({
  pair,
}) => {
  test.setTimeout(120_000);
  const { asker, helper } = pair;

  // Anne asks from her own copy of the CRM.
  const anneCrm = await asker.context.newPage();
  await anneCrm.goto(PAGE_B);
  await askAbout(asker, anneCrm, 'How do I add a new contact?');

  // Hugo records four steps on page A with the real recorder, then sends them.
  const hugoCrm = await helper.context.newPage();
  await hugoCrm.goto(PAGE_A);
  await recordAndSend(helper, hugoCrm, 'Anne Martin', 4, async () => {
    await hugoCrm.getByTestId('new-contact').click();
    // Typing becomes "type your First name": the value itself is never recorded.
    await hugoCrm.getByLabel('First name').fill('Hugo-sentinel');
    await hugoCrm.getByRole('button', { name: 'Import' }).click();
    await hugoCrm.getByRole('button', { name: 'Save' }).click();
  });

  // Anne reads the steps in her thread and asks to be shown them on her page.
  const player = await showMeOn(asker, anneCrm, 4);

  // Step 1: the button is there at once, in French, with other classes; focus is in the card.
  await expect(player).toContainText('Step 1 of 4');
  await expect(player).toBeFocused();
  const newContact = anneCrm.getByRole('button', { name: 'Nouveau contact' });
  await expectOutlined(anneCrm, newContact);
  // Tab stays within the card.
  for (let press = 0; press < 4; press++) await anneCrm.keyboard.press('Tab');
  expect(await anneCrm.evaluate(() => document.activeElement?.localName)).toBe('binome-player');
  await newContact.click();

  // Step 2: the form comes 2 s late; meanwhile the player says what it looks for.
  await expect(player).toContainText('Step 2 of 4');
  await expect(player).toContainText('Looking for “First name”');
  const firstName = anneCrm.getByLabel('Prénom');
  await expect(player).toContainText('Type in it on the page yourself', { timeout: 10_000 });
  await expectOutlined(anneCrm, firstName);
  // A typing step moves on once she leaves the field, not at the first letter.
  await firstName.click();
  await anneCrm.keyboard.type('Anne');
  await expect(player).toContainText('Step 2 of 4');
  await anneCrm.keyboard.press('Tab');

  // Step 3: this page has no "Import": after looking (up to 10 s) the player says so, and tells Hugo.
  await expect(player).toContainText('Step 3 of 4');
  const isThisIt = player.getByRole('button', { name: 'No' });
  const cannotFind = player.getByText('I can’t find “Import” here.');
  await expect(isThisIt.or(cannotFind)).toBeVisible({ timeout: 15_000 });
  if (await isThisIt.isVisible()) await isThisIt.click();
  await expect(cannotFind).toBeVisible();
  expect(await outlineBox(anneCrm)).toBeNull();
  await player.getByRole('button', { name: 'Tell Hugo' }).click();
  await expect(player).toContainText('Hugo has been told.');
  await expect(player.getByRole('button', { name: 'Tell Hugo' })).toHaveCount(0);

  // The accessibility gate on the card, light and dark.
  for (const colorScheme of ['light', 'dark'] as const) {
    await anneCrm.emulateMedia({ colorScheme });
    const results = await new AxeBuilder({ page: anneCrm })
      .setLegacyMode()
      .include('binome-player')
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
      .analyze();
    expect(
      results.violations.map(
        (violation) => `${colorScheme}: ${violation.id} ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
      ),
    ).toEqual([]);
  }

  // Step 4: Next, then "Enregistrer", found by what it does although every word changed.
  await player.getByRole('button', { name: 'Next' }).click();
  await expect(player).toContainText('Step 4 of 4');
  const save = anneCrm.getByRole('button', { name: 'Enregistrer' });
  await expectOutlined(anneCrm, save);
  await save.click();
  await expect(player).toContainText('That was the last step');
  await player.getByRole('button', { name: 'Close', exact: true }).click();
  await expect(anneCrm.locator('binome-player')).toHaveCount(0);

  // Hugo gets the note, in his thread, sealed like every message.
  const hugoThread = await helper.popup();
  await hugoThread.openThread(hugoThread.inboxFrom('Anne Martin').first());
  await expect(hugoThread.page.getByText('Step 3 was not found on crm.acme.internal.')).toBeVisible({ timeout: 20_000 });

  // Later, from the full knowledge log (no grant on any tab there): the page opens in a new tab,
  // one sentence says what to do, and Binôme's button there offers the walkthrough first.
  const log = await asker.logPage();
  await log.entries().filter({ hasText: 'How do I add a new contact?' }).click();
  const opened = asker.context.waitForEvent('page', (candidate) => candidate.url() === PAGE_A);
  await log.page.getByRole('button', { name: 'Show me on my page' }).click();
  const crmTab = await opened;
  await expect(
    log.page.getByText('The page for this walkthrough (crm.acme.internal) is open in a new tab.', { exact: false }),
  ).toBeVisible();
  await crmTab.waitForLoadState();
  const offerPopup = await asker.popupFor(crmTab);
  await expect(offerPopup.page.getByText('Hugo showed you how to do this on this site.')).toBeVisible();
  const offerClosed = offerPopup.page.waitForEvent('close');
  await offerPopup.page.getByRole('button', { name: 'Show me', exact: true }).click();
  await offerClosed;
  const again = card(crmTab);
  await expect(again).toContainText('Step 1 of 4');
  await expectOutlined(crmTab, crmTab.getByTestId('new-contact'));
  // Esc leaves and removes everything the player added.
  await crmTab.keyboard.press('Escape');
  await expect(crmTab.locator('binome-player')).toHaveCount(0);
});
