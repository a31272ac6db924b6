/**
 * The recorder in a same-origin frame and in open shadow roots, in real Chromium (issue 15,
 * item 2): the helper records on the fixture page whose form is in a frame (e), then on the one
 * whose toolbar and form are web components (d); each step keeps the frame or shadow-root path,
 * the page's copy of the resolver finds the same element from it, and what was typed is nowhere.
 */
import type { StepTarget } from '../../lib/walkthrough/schema';
import { expect, test } from './support/fixtures';
import { dumpIndexedDb, RecorderBar } from './support/recorder-page';
import { walkthroughScript } from './support/walkthrough-script';

const SENTINEL = 'SENTINEL-Fr4m3s-typed-while-recording';
const SITE = 'http://crm.acme.internal/walkthrough/';

test('steps in a same-origin frame and in open shadow roots keep the path that finds them again', async ({ pair }) => {
  test.setTimeout(240_000);
  const { asker, helper } = pair;

  const askerPage = await asker.context.newPage();
  await askerPage.goto(`${SITE}crm-b-frame.html`);
  const askerPopup = await asker.popupFor(askerPage);
  await askerPopup.ask('How do I add a new contact?');
  await expect(askerPopup.threadStatus()).toHaveText('Sent, waiting for an answer');

  const crm = await helper.context.newPage();
  await crm.goto(`${SITE}crm-b-frame.html`);
  const helperPopup = await helper.popupFor(crm);
  await helperPopup.tab(/Questions for me/).click();
  await helperPopup.openThread(helperPopup.inboxFrom('Anne Martin').first());
  const closed = helperPopup.page.waitForEvent('close');
  await helperPopup.page.getByRole('button', { name: 'Show how on my page' }).click();
  await closed;

  const recorder = new RecorderBar(crm);
  await recorder.expectSteps(0);
  // (e) The form is in a same-origin frame: typing there, then its Save.
  const form = crm.frameLocator('iframe[title="New contact"]');
  await form.getByLabel('First name').fill(SENTINEL);
  await form.getByRole('button', { name: 'Save' }).click();
  await recorder.expectSteps(2);

  // (d) Same site, another page: the background injects the recorder again after the load.
  await crm.goto(`${SITE}crm-b-shadow.html`);
  await recorder.expectSteps(2);
  await crm.getByRole('button', { name: 'New contact' }).click();
  await recorder.expectSteps(3);
  await crm.getByLabel('First name').fill(SENTINEL);
  await crm.getByRole('button', { name: 'Save' }).click();
  await recorder.expectSteps(5);

  const editor = await recorder.finish(helper.context, helper.extensionId);
  await expect(editor.steps()).toHaveCount(5);
  expect(await editor.captions()).toEqual([
    'Type your First name',
    'Click “Save”',
    'Click “New contact”',
    'Type your First name',
    'Click “Save”',
  ]);

  const dump = await dumpIndexedDb(editor.page);
  expect(dump).not.toContain(SENTINEL);
  const targets = await editor.page.evaluate(async () => {
    const open = indexedDB.open('binome');
    const db = await new Promise<IDBDatabase>((resolve) => (open.onsuccess = () => resolve(open.result)));
    const drafts = await new Promise<{ steps: { target: unknown }[] }[]>((resolve) => {
      const request = db.transaction('walkthroughDrafts').objectStore('walkthroughDrafts').getAll();
      request.onsuccess = () => resolve(request.result);
    });
    db.close();
    return drafts[0]!.steps.map((step) => step.target);
  });
  const steps = targets as StepTarget[];
  for (const step of steps.slice(0, 2)) expect([step.framePath.length, step.shadowPath.length]).toEqual([1, 0]);
  for (const step of steps.slice(2)) expect([step.framePath.length, step.shadowPath.length]).toEqual([0, 1]);

  // The page's copy of the resolver follows each path back to the element the helper used.
  const resolver = await walkthroughScript();
  const check = async (url: string, recorded: StepTarget[], expected: string[][]) => {
    await crm.goto(url);
    await crm.addScriptTag({ content: resolver });
    const outcomes = await crm.evaluate(
      ([targets, locators]) =>
        targets.map((target, index) => window.binomeWalkthrough.resolveHere(target, locators[index]!).outcome),
      [recorded, expected] as const,
    );
    expect(outcomes).toEqual(recorded.map(() => 'sure'));
  };
  await check(`${SITE}crm-b-frame.html`, steps.slice(0, 2), [
    ['iframe', '#first-name'],
    ['iframe', '[data-action="save"]'],
  ]);
  await check(`${SITE}crm-b-shadow.html`, steps.slice(2), [
    ['acme-toolbar', '[data-testid="new-contact"]'],
    ['acme-contact-form', '#first-name'],
    ['acme-contact-form', '[data-action="save"]'],
  ]);
});
