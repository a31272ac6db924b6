/**
 * The core loop in Firefox: pair, ask about a page, answer, and both knowledge logs, with the
 * built add-on (.output/firefox-mv2) installed as a temporary add-on in two Firefox profiles.
 */
import type { Page } from 'puppeteer-core';
import { expect, test } from './support/pair';

async function selectText(page: Page, text: string): Promise<void> {
  const found = await page.evaluate((wanted: string) => {
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const start = node.textContent?.indexOf(wanted) ?? -1;
      if (start < 0) continue;
      const range = document.createRange();
      range.setStart(node, start);
      range.setEnd(node, start + wanted.length);
      getSelection()?.removeAllRanges();
      getSelection()?.addRange(range);
      return true;
    }
    return false;
  }, text);
  if (!found) throw new Error(`"${text}" is not on ${page.url()}`);
}

test('pair, ask about a page, answer, and both keep it in their knowledge log', async ({ pair, annotate }) => {
  const { asker, helper } = pair;

  const budget = await asker.openSite(pair.fixtureUrl('excel-budget.html'));
  await selectText(budget, 'Insérer un tableau croisé dynamique pour résumer les dépenses');

  await annotate(
    'The toolbar button is pressed through Firefox’s own window (browserAction.triggerAction, what a click calls, activeTab grant included): WebDriver has no command for browser UI. The popup it opens is a panel that WebDriver cannot reach, so popup.html?tabId=… is opened as a page aimed at the tab.',
  );
  const askerPopup = await asker.popupFor(budget);
  await askerPopup.openAskForm();
  await expect.poll(() => askerPopup.context()).toContain('Excel Online');
  const captured = await askerPopup.context();
  expect(captured).toContain('Budget 2026.xlsx - Excel');
  expect(captured).toContain('Insérer un tableau croisé dynamique');
  await askerPopup.send('How do I make a pivot table of these expenses?');
  await expect.poll(() => askerPopup.threadStatus(), { timeout: 30_000 }).toBe('Sent, waiting for an answer');

  // The helper's toolbar badge counts the question, and the inbox shows it with its context.
  await expect.poll(() => helper.badgeText(), { timeout: 30_000 }).toBe('1');
  const helperPopup = await helper.popup();
  await expect.poll(() => helperPopup.inboxFrom('Anne Martin')).toHaveLength(1);
  const [received] = await helperPopup.inboxFrom('Anne Martin');
  expect(received).toContain('How do I make a pivot table of these expenses?');
  expect(received).toContain('New');
  await helperPopup.openFirstFrom('Anne Martin');
  await expect.poll(() => helperPopup.context()).toContain('Excel Online');
  expect(await helperPopup.context()).toContain('Insérer un tableau croisé dynamique');
  await helperPopup.answer(
    'Anne Martin',
    'Select the table, then Insert > PivotTable.\nGuide: https://support.example.com/pivot-tables',
  );
  await expect.poll(() => helperPopup.replies()).toHaveLength(1);
  await expect.poll(() => helperPopup.threadStatus()).toBe('You answered');
  await expect.poll(() => helper.badgeText()).toBe('');

  // The asker sees the answer, with its link clickable, and says "Got it".
  await expect.poll(() => askerPopup.threadStatus(), { timeout: 30_000 }).toBe('Answered');
  expect((await askerPopup.replies())[0]).toContain('Select the table, then Insert > PivotTable.');
  expect(await askerPopup.replyLinkTarget('https://support.example.com/pivot-tables')).toBe(
    'https://support.example.com/pivot-tables',
  );
  await askerPopup.gotIt();
  await expect.poll(() => askerPopup.threadStatus()).toBe('Resolved');
  await expect.poll(() => helperPopup.threadStatus(), { timeout: 30_000 }).toBe('Resolved');

  // Both knowledge logs (log.html) hold the entry, found by a word of the answer and of the selection.
  const askerLog = await asker.logPage();
  await askerLog.search('pivottable');
  await expect.poll(() => askerLog.entries()).toHaveLength(1);
  const [askerEntry] = await askerLog.entries();
  expect(askerEntry).toContain('How do I make a pivot table of these expenses?');
  expect(askerEntry).toContain('Excel Online');
  const helperLog = await helper.logPage();
  await helperLog.search('tableau croise');
  await expect.poll(() => helperLog.entries()).toHaveLength(1);
  expect((await helperLog.entries())[0]).toContain('How do I make a pivot table of these expenses?');
});
