/**
 * The helper records a walkthrough on the fixture SaaS page and sends it; the asker receives its
 * steps. What the helper typed while recording (a sentinel) is found nowhere: neither browser's
 * database, nor the decrypted answer, nor the relay's database.
 */
import { expect, test } from './support/fixtures';
import { dumpIndexedDb, RecorderBar } from './support/recorder-page';

const SENTINEL = 'SENTINEL-Zq7Xw3-typed-while-recording';

test('the helper records four steps on the page, edits them, and the asker receives them in order', async ({ pair }) => {
  // Two browsers, a relay, a recording, an edit and a delivery: more than the default on a shared 2-core machine.
  test.setTimeout(240_000);
  const { asker, helper } = pair;
  // The fixture SaaS page, under a company tool's own hostname (the fixture server answers for it).
  const crmUrl = 'http://crm.acme.internal/walkthrough/crm-a.html';

  const askerPage = await asker.context.newPage();
  await askerPage.goto(crmUrl);
  const askerPopup = await asker.popupFor(askerPage);
  await askerPopup.ask('How do I add a new contact?');
  await expect(askerPopup.threadStatus()).toHaveText('Sent, waiting for an answer');

  // The helper opens the same page, then Binôme on it, and the question.
  const crm = await helper.context.newPage();
  await crm.goto(crmUrl);
  const helperPopup = await helper.popupFor(crm);
  await helperPopup.tab(/Questions for me/).click();
  await helperPopup.openThread(helperPopup.inboxFrom('Anne Martin').first());
  const closed = helperPopup.page.waitForEvent('close');
  await helperPopup.page.getByRole('button', { name: 'Show how on my page' }).click();
  await closed; // the popup gets out of the way; the bar is in the page

  const recorder = new RecorderBar(crm);
  await expect(recorder.bar()).toBeVisible();
  await recorder.expectSteps(0);
  await crm.getByRole('button', { name: 'New contact' }).click();
  await recorder.expectSteps(1);
  // A choice with the keyboard, as a person makes it (a script's change would not count).
  await crm.getByLabel('Company').focus();
  await crm.keyboard.press('ArrowDown');
  await recorder.expectSteps(2);
  await crm.getByLabel('First name').fill(SENTINEL);
  // Leaving the field records the typing; the click that left it is a step of its own.
  await crm.getByRole('button', { name: 'Import' }).click();
  await recorder.expectSteps(4);
  await crm.getByRole('button', { name: 'Save' }).click();
  await recorder.expectSteps(5);
  // The page's own actions still happened.
  await expect(crm.getByLabel('First name')).toHaveValue(SENTINEL);
  await expect(crm.getByLabel('Company')).toHaveValue('Globex');

  const editor = await recorder.finish(helper.context, helper.extensionId);
  await expect(editor.steps()).toHaveCount(5);
  expect(await editor.captions()).toEqual([
    'Click “New contact”',
    'Choose “Globex” in “Company”',
    'Type your First name',
    'Click “Import”',
    'Click “Save”',
  ]);
  await editor.caption(1).fill('Click “New contact”, top right');
  await editor.remove(4);
  await editor.moveUp(3);
  await expect(editor.steps()).toHaveCount(4);
  // The move is written to the draft, then drawn again from it: wait for the drawing.
  await expect
    .poll(() => editor.captions())
    .toEqual(['Click “New contact”, top right', 'Type your First name', 'Choose “Globex” in “Company”', 'Click “Save”']);
  await editor.send();

  // Both sides show the answer as its numbered captions.
  const expected = ['Click “New contact”, top right', 'Type your First name', 'Choose “Globex” in “Company”', 'Click “Save”'];
  const sent = editor.page.getByRole('list', { name: 'Replies' }).getByRole('list', { name: 'Steps of the walkthrough' });
  await expect(sent.getByRole('listitem')).toHaveText(expected);
  const received = askerPopup.replies().first().getByRole('list', { name: 'Steps of the walkthrough' });
  await expect(received.getByRole('listitem')).toHaveText(expected, { timeout: 20_000 });
  await expect(askerPopup.threadStatus()).toHaveText('Answered');

  // The sentinel is nowhere: not in either browser's database (the decrypted answer included)…
  const askerDb = await dumpIndexedDb(askerPopup.page);
  const helperDb = await dumpIndexedDb(editor.page);
  for (const [who, dump] of [
    ['asker', askerDb],
    ['helper', helperDb],
  ] as const) {
    expect(dump, `${who}'s database holds the walkthrough`).toContain('Type your First name');
    expect(dump, `${who}'s database`).not.toContain(SENTINEL);
    expect(dump, `${who}'s database`).not.toContain('Zq7Xw3');
  }
  // …the decrypted payload as the asker's browser applied it: every step's every field…
  const answer = await askerPopup.page.evaluate(async () => {
    const open = indexedDB.open('binome');
    const db = await new Promise<IDBDatabase>((resolve) => (open.onsuccess = () => resolve(open.result)));
    const rows = await new Promise<{ kind: string; walkthrough?: unknown }[]>((resolve) => {
      const request = db.transaction('messages').objectStore('messages').getAll();
      request.onsuccess = () => resolve(request.result);
    });
    db.close();
    return rows.find((row) => row.kind === 'answer');
  });
  const walkthrough = answer?.walkthrough as { startUrl: string; steps: { action: string; urlPattern: string }[] };
  expect(walkthrough.steps.map((step) => step.action)).toEqual(['click', 'type', 'choose', 'click']);
  expect(walkthrough.steps[0]?.urlPattern).toBe('http://crm.acme.internal/walkthrough/crm-a.html');
  expect(JSON.stringify(answer)).not.toContain(SENTINEL);
  // …nor the relay's database, which holds the answer sealed.
  await pair.relay.stop();
  const relayText = await pair.relay.storedText();
  expect(relayText).toContain('answer');
  expect(relayText).not.toContain(SENTINEL);
  expect(relayText).not.toContain('Zq7Xw3');
  expect(relayText).not.toContain('New contact');
});
