import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures';

async function selectText(page: Page, text: string): Promise<void> {
  await page.getByText(text).selectText();
}

test('pair, ask about a page, answer, and both keep it in their knowledge log', async ({ pair }) => {
  const { asker, helper } = pair;

  const budget = await asker.context.newPage();
  await budget.goto(pair.fixtureUrl('excel-budget.html'));
  await selectText(budget, 'Insérer un tableau croisé dynamique pour résumer les dépenses');

  const askerPopup = await asker.askFormFor(budget);
  const captured = askerPopup.context();
  await expect(captured).toContainText('Excel Online');
  await expect(captured).toContainText('Budget 2026.xlsx - Excel');
  await expect(captured).toContainText('Insérer un tableau croisé dynamique');
  await askerPopup.page.getByLabel('Your question').fill('How do I make a pivot table of these expenses?');
  await askerPopup.page.getByRole('button', { name: 'Send my question' }).click();
  await expect(askerPopup.threadStatus()).toHaveText('Sent, waiting for an answer');

  // The helper's toolbar badge counts the question, and the inbox shows it with its context.
  await expect.poll(() => helper.badgeText()).toBe('1');
  const helperPopup = await helper.popup();
  await expect(helperPopup.tab(/Questions for me \(1 to answer\)/)).toBeVisible();
  const received = helperPopup.inboxFrom('Anne Martin');
  await expect(received).toHaveCount(1);
  await expect(received.first()).toContainText('How do I make a pivot table of these expenses?');
  await expect(received.first()).toContainText('New');
  await helperPopup.openThread(received.first());
  await expect(helperPopup.context()).toContainText('Excel Online');
  await expect(helperPopup.context()).toContainText('Insérer un tableau croisé dynamique');
  await expect(helperPopup.context().getByRole('link', { name: 'Budget 2026.xlsx - Excel' })).toHaveAttribute(
    'href',
    pair.fixtureUrl('excel-budget.html'),
  );
  await helperPopup.answer(
    'Anne Martin',
    'Select the table, then Insert > PivotTable.\nGuide: https://support.example.com/pivot-tables',
  );
  await expect(helperPopup.replies()).toHaveCount(1);
  await expect(helperPopup.threadStatus()).toHaveText('You answered');
  await expect.poll(() => helper.badgeText()).toBe('');

  // The asker sees the answer, with its link clickable, and says "Got it".
  await expect(askerPopup.threadStatus()).toHaveText('Answered');
  const answer = askerPopup.replies().first();
  await expect(answer).toContainText('Select the table, then Insert > PivotTable.');
  await expect(answer.getByRole('link', { name: 'https://support.example.com/pivot-tables' })).toHaveAttribute(
    'href',
    'https://support.example.com/pivot-tables',
  );
  await askerPopup.gotIt();
  await expect(askerPopup.threadStatus()).toHaveText('Resolved');
  await expect(helperPopup.threadStatus()).toHaveText('Resolved');

  // Both knowledge logs hold the entry, found by a word of the answer.
  await askerPopup.back();
  const askerLog = await askerPopup.searchLog('pivottable');
  await expect(askerLog).toHaveCount(1);
  await expect(askerLog.first()).toContainText('How do I make a pivot table of these expenses?');
  await expect(askerLog.first()).toContainText('Excel Online');
  await helperPopup.back();
  const helperLog = await helperPopup.searchLog('tableau croise');
  await expect(helperLog).toHaveCount(1);

  // The relay stored the exchange, and can read none of it: not the words, not the page.
  await pair.relay.stop();
  const stored = await pair.relay.storedText();
  expect(stored).toContain('Anne Martin');
  expect(stored).toContain('question');
  for (const secret of [
    'pivot',
    'expenses',
    'PivotTable',
    'support.example.com',
    'excel.officeapps',
    'Budget 2026',
    'croisé',
    'crois',
  ]) {
    expect(stored, secret).not.toContain(secret);
  }
});

test('a question asked while the relay is down is queued, then arrives exactly once', async ({ pair }) => {
  const { asker, helper, relay } = pair;
  const budget = await asker.context.newPage();
  await budget.goto(pair.fixtureUrl('excel-budget.html'));

  await relay.stop();
  const askerPopup = await asker.popupFor(budget);
  await askerPopup.ask('Where is the sum button?');
  await expect(askerPopup.threadStatus()).toHaveText('Waiting to be sent: it leaves as soon as your computer is back online.');

  await relay.restart();
  await expect(askerPopup.threadStatus()).toHaveText('Sent, waiting for an answer', { timeout: 45_000 });

  const helperPopup = await helper.popup();
  const received = helperPopup.inboxFrom('Anne Martin');
  await expect(received).toHaveCount(1, { timeout: 45_000 });
  await expect(received.first()).toContainText('Where is the sum button?');
  await expect.poll(() => helper.badgeText()).toBe('1');

  // A further sync round and a reopened popup change nothing: still exactly one.
  await helperPopup.page.reload();
  await expect(helperPopup.inboxFrom('Anne Martin')).toHaveCount(1);
  const stored = await helperPopup.page.evaluate(async () => {
    const request = indexedDB.open('binome');
    const database = await new Promise<IDBDatabase>((resolve) => (request.onsuccess = () => resolve(request.result)));
    const count = database.transaction('messages').objectStore('messages').count();
    return new Promise<number>((resolve) => (count.onsuccess = () => resolve(count.result)));
  });
  expect(stored).toBe(1);
});

test("a buddy's answer with markup or script renders as inert text", async ({ pair }) => {
  const { asker, helper } = pair;
  const budget = await asker.context.newPage();
  await budget.goto(pair.fixtureUrl('excel-budget.html'));
  const askerPopup = await asker.popupFor(budget);
  await askerPopup.ask('Is this safe?');
  await expect(askerPopup.threadStatus()).toHaveText('Sent, waiting for an answer');

  const hostile =
    'Look <img src=x onerror="window.__pwned=1"> <script>window.__pwned=2</script> ' +
    '<a href="javascript:window.__pwned=3">click me</a> javascript:window.__pwned=4 <b>bold</b>';
  const helperPopup = await helper.popup();
  await helperPopup.openThread(helperPopup.inboxFrom('Anne Martin').first());
  await helperPopup.answer('Anne Martin', hostile);

  const answer = askerPopup.replies().first();
  await expect(answer).toContainText('<img src=x onerror="window.__pwned=1">');
  await expect(answer).toContainText('<script>window.__pwned=2</script>');
  await expect(answer.locator('img, script, b, iframe')).toHaveCount(0);
  await expect(answer.getByRole('link')).toHaveCount(0);
  await answer.getByText('click me', { exact: false }).click();
  expect(await askerPopup.page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
});
