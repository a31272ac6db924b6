import { expect, test } from './support/fixtures';
import { PopupPage } from './support/popup-page';
import { readStoredLog } from './support/stored-log';

test('when IndexedDB cannot be opened, the popup explains it and offers export and reset', async ({ pair }) => {
  const page = await pair.asker.context.newPage();
  await page.addInitScript(() => {
    IDBFactory.prototype.open = () => {
      throw new DOMException('Internal error opening backing store for indexedDB.open.', 'UnknownError');
    };
  });
  await page.goto(`chrome-extension://${pair.asker.extensionId}/popup.html`);
  const problem = page.getByRole('alert').filter({ hasText: 'Binôme cannot use its storage on this computer' });
  await expect(problem).toBeVisible();
  await expect(page.getByRole('button', { name: 'Try again' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Export my log' })).toBeVisible();
  await page.getByRole('button', { name: 'Reset Binôme on this computer' }).click();
  // Reset asks first: nothing is deleted by a slip of the finger.
  await expect(page.getByRole('alertdialog')).toContainText('questions not yet sent');
  await page.getByRole('button', { name: 'Cancel' }).click();

  // The data was never touched: a normal page still sees the pair.
  const healthy = await pair.asker.options();
  await expect(healthy.buddies()).toHaveText(['Hugo — I learn']);
});

test('when a write fails for lack of space, the question stays on screen and the outbox is kept', async ({ pair }) => {
  const { asker, helper, relay } = pair;
  const budget = await asker.context.newPage();
  await budget.goto(pair.fixtureUrl('excel-budget.html'));

  // A question already waiting in the outbox while the relay is down.
  await relay.stop();
  const first = await asker.popupFor(budget);
  await first.ask('Queued before the disk filled up');
  await expect(first.threadStatus()).toHaveText('Waiting to be sent: it leaves as soon as your computer is back online.');
  expect((await readStoredLog(first.page)).outbox).toBe(1);

  // Now every write fails with QuotaExceededError, as on a full disk.
  await asker.clickToolbarButton(budget);
  const full = await asker.context.newPage();
  await full.addInitScript(() => {
    const quota = () => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
    IDBObjectStore.prototype.add = quota;
    IDBObjectStore.prototype.put = quota;
  });
  await full.goto(`chrome-extension://${asker.extensionId}/popup.html`);
  await new PopupPage(full).openAskForm();
  await full.getByLabel('Your question').fill('This one cannot be saved');
  await full.getByRole('button', { name: 'Send my question' }).click();
  await expect(full.getByRole('alert')).toHaveText(/no space left for Binôme/);
  await expect(full.getByLabel('Your question')).toHaveValue('This one cannot be saved');

  const stored = await readStoredLog(first.page);
  expect(stored.outbox).toBe(1);
  expect(stored.threads.map((thread) => thread.question)).toEqual(['Queued before the disk filled up']);

  // Space is back and so is the relay: the queued question is delivered, once.
  await relay.restart();
  await first.page.reload();
  const inbox = (await helper.popup()).inboxFrom('Anne Martin');
  await expect(inbox).toHaveCount(1, { timeout: 45_000 });
  await expect(inbox.first()).toContainText('Queued before the disk filled up');
});
