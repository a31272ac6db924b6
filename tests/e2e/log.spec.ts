import { expect, test } from './support/fixtures';

const DAY = 86_400_000;

test('the asker finds an entry by its answer, reviews the skill and sees it charted; the helper sees what they taught', async ({
  pair,
}) => {
  const { asker, helper } = pair;
  const budget = await asker.context.newPage();
  await budget.goto(pair.fixtureUrl('excel-budget.html'));

  const questions = [
    {
      text: 'How do I summarise expenses by team?',
      skill: 'Pivot tables',
      answer: 'Insert a PivotTable, then drag Team to Rows.',
    },
    { text: 'How do I add up a column?', skill: 'Formulas', answer: 'Type =SUM(B2:B3) under the column.' },
    { text: 'Can my manager edit this file too?', skill: 'Sharing and co-editing', answer: 'Click Share and give edit rights.' },
  ];
  for (const question of questions) {
    const popup = await asker.popupFor(budget);
    await popup.ask(question.text, question.skill);
    await expect(popup.threadStatus()).toHaveText('Sent, waiting for an answer');
    await popup.page.close();
  }

  const helperPopup = await helper.popup();
  await expect(helperPopup.inboxFrom('Anne Martin')).toHaveCount(3);
  for (const question of questions) {
    await helperPopup.openThread(helperPopup.inboxFrom('Anne Martin').filter({ hasText: question.text }));
    await expect(helperPopup.page.getByLabel('Skill (optional)')).toHaveValue(question.skill);
    await helperPopup.answer('Anne Martin', question.answer);
    await expect(helperPopup.threadStatus()).toHaveText('You answered');
    await helperPopup.back();
  }

  // Two days later, the first reviews are due.
  const log = await asker.logPage(Date.now() + 2 * DAY);
  await expect(log.entries()).toHaveCount(3);
  const found = await log.search('drag rows');
  await expect(found).toHaveCount(1);
  await found.first().click();
  await expect(log.page.getByRole('heading', { name: 'How do I summarise expenses by team?' })).toBeVisible();
  await expect(log.page.getByRole('link', { name: 'Budget 2026.xlsx - Excel' })).toBeVisible();
  await log.saveNote('Try it on the Q3 file.');
  await log.page.getByRole('button', { name: 'Back' }).click();

  await log.filter('Tool', 'Excel Online');
  await expect(log.entries()).toHaveCount(3);
  await log.page.getByLabel('Search your knowledge log').fill('manager');
  await expect(log.entries()).toHaveCount(1);
  await log.filter('Status', 'Resolved');
  await expect(log.entries()).toHaveCount(0);
  await log.filter('Status', 'Any');
  await log.page.getByLabel('Search your knowledge log').fill('');
  await expect(log.entries()).toHaveCount(3);

  await log.tab('Skills I learned').click();
  const skills = log.skillsOf('Excel Online');
  await expect(skills).toHaveCount(3);
  const pivot = skills.filter({ hasText: 'Pivot tables' });
  await expect(pivot).toContainText('1 question ·');
  await pivot.getByRole('button', { name: 'I still know it' }).click();
  await expect(pivot).toContainText('Next review on');
  await expect(log.page.getByRole('status').filter({ hasText: 'Skills to review today: 2' })).toBeVisible();
  const chart = log.chart();
  await expect(chart.getByRole('img')).toHaveAttribute('aria-label', /^3 skills learned over the last 6 months/);
  await expect(chart.getByRole('table').getByRole('row').last()).toContainText('3');

  const helperLog = await helper.logPage();
  await helperLog.tab('Skills I taught').click();
  await expect(helperLog.taughtTo('Anne Martin')).toHaveCount(3);
  await expect(helperLog.taughtTo('Anne Martin').filter({ hasText: 'Pivot tables' })).toContainText('Excel Online · 1 answer ·');

  // Back on the same site, the popup recalls what the buddy taught there.
  const recallPopup = await asker.popupFor(budget);
  await expect(recallPopup.recall()).toHaveCount(3);
});
