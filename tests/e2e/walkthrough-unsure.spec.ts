/**
 * "Is this it?" end to end: Hugo records two clicks on the CRM's page A ("New contact", then
 * "Save") with the real recorder; Anne's copy is the renamed variant ("Add a contact", "Save
 * contact") whose build also dropped what named both buttons for sure (the test id, the
 * data-action), as in the resolver's unit test of an unsure match. The player finds each one
 * likely but not certain, and asks. Yes: it outlines the button, and using it goes on to the
 * next step. No: it says it cannot find the button and what she can do, and outlines nothing.
 */
import { expect, test } from './support/fixtures';
import { askAbout, expectOutlined, outlineBox, recordAndSend, showMeOn } from './support/walkthrough-flow';

const PAGE_A = 'http://crm.acme.internal/walkthrough/crm-a.html';
const PAGE_RENAMED = 'http://crm.acme.internal/walkthrough/crm-b-renamed.html';
/** The player looks for a sure match for up to 10 s before it asks about the likely one. */
const ASKED_WITHIN = 15_000;

test('the player asks "Is this it?" about a changed element: Yes goes on, No says it cannot find it and what to do', async ({
  pair,
}) => {
  test.setTimeout(120_000);
  const { asker, helper } = pair;

  const anneCrm = await asker.context.newPage();
  await anneCrm.goto(PAGE_RENAMED);
  await anneCrm.evaluate(() => {
    document.querySelector('[data-testid="new-contact"]')?.removeAttribute('data-testid');
    document.querySelector('[data-action="save"]')?.removeAttribute('data-action');
  });
  await expect(anneCrm.locator('[data-testid], [data-action]')).toHaveCount(0);
  await askAbout(asker, anneCrm, 'How do I save a new contact?');

  const hugoCrm = await helper.context.newPage();
  await hugoCrm.goto(PAGE_A);
  await recordAndSend(helper, hugoCrm, 'Anne Martin', 2, async () => {
    await hugoCrm.getByTestId('new-contact').click();
    await hugoCrm.getByRole('button', { name: 'Save', exact: true }).click();
  });

  const player = await showMeOn(asker, anneCrm, 2);

  // Step 1: "Add a contact" is likely the "New contact" recorded, not certainly: asked, not outlined yet.
  await expect(player).toContainText('Step 1 of 2');
  await expect(player).toContainText('Is this it? Binôme is not sure it found “New contact”.', { timeout: ASKED_WITHIN });
  const addContact = anneCrm.getByRole('button', { name: 'Add a contact' });
  // Yes: the button is outlined, with what to do; using it goes on.
  await player.getByRole('button', { name: 'Yes, that’s it' }).click();
  await expect(player).toContainText('Click it on the page yourself');
  await expectOutlined(anneCrm, addContact);
  await addContact.click();
  await expect(player).toContainText('Step 2 of 2');

  // Step 2: "Save contact" is asked about too. No: not found, what to do now, and nothing outlined.
  await expect(player).toContainText('Is this it? Binôme is not sure it found “Save”.', { timeout: ASKED_WITHIN });
  await player.getByRole('button', { name: 'No', exact: true }).click();
  await expect(player).toContainText('I can’t find “Save” here.');
  await expect(player).toContainText(
    'Your page may look different from your buddy’s. You can go on with the next step, or tell your buddy.',
  );
  await expect(player.getByRole('button', { name: 'Tell Hugo' })).toBeVisible();
  expect(await outlineBox(anneCrm)).toBeNull();
  await expect(player.getByRole('button', { name: 'Yes, that’s it' })).toHaveCount(0);
});
