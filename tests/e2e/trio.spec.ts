/**
 * A helper with two seniors: Hugo helps Anne and Bernard, each paired with him on their own. Each
 * asks; Hugo finds each question under its asker and answers both; each senior gets only their
 * own answer. Charters are per pair: Anne's objective is not Bernard's, and Hugo's Programme tab
 * shows one section per pair, each with its own charter.
 */
import { expect, test } from './support/fixtures';
import { ProgrammePage } from './support/programme-page';

const DAY = 24 * 3_600_000;
const lastDay = new Date(Date.now() + 30 * DAY).toISOString().slice(0, 10);

test('Hugo helps Anne and Bernard: two inboxes, two answers, two separate charters', async ({ trio }) => {
  test.setTimeout(90_000);
  const { helper: hugo, askers } = trio;
  const [anne, bernard] = askers;
  const asked = [
    { person: anne, question: 'How do I make a pivot table?', answer: 'Insert, then PivotTable.', objective: 'Pivot tables' },
    {
      person: bernard,
      question: 'How do I attach a file to an e-mail?',
      answer: 'Click the paper clip.',
      objective: 'E-mail attachments',
    },
  ];

  // Each senior asks about their own page, and proposes a charter to Hugo.
  for (const { person, question, objective } of asked) {
    const tab = await person.context.newPage();
    await tab.goto(trio.fixtureUrl('excel-budget.html'));
    const popup = await person.popupFor(tab);
    await popup.ask(question);
    await expect(popup.threadStatus()).toHaveText('Sent, waiting for an answer');
    const charter = new ProgrammePage((await person.popup()).page);
    await charter.open();
    await charter.proposeCharter('Hugo', { objectives: [objective], rhythm: 'Meetups every 2 weeks', endDate: lastDay });
    await expect(charter.pairSection('Hugo')).toContainText('Waiting for Hugo to accept your proposal.');
  }

  // Hugo finds each question under the person who asked it, and answers both.
  const hugoPopup = await hugo.popup();
  for (const { person, question, answer } of asked) {
    const inbox = hugoPopup.inboxFrom(person.name);
    await expect(inbox).toHaveCount(1);
    await hugoPopup.openThread(inbox.filter({ hasText: question }));
    await hugoPopup.answer(person.name, answer);
    await expect(hugoPopup.threadStatus()).toHaveText('You answered');
    await hugoPopup.back();
  }

  // One section per pair on Hugo's Programme tab, each with its own charter to accept.
  const hugoProgramme = new ProgrammePage(hugoPopup.page);
  await hugoProgramme.open();
  await expect(hugoPopup.page.getByRole('region', { name: /^With / })).toHaveCount(2);
  for (const { person, objective } of asked) {
    await hugoProgramme.acceptCharter(person.name);
    await expect(hugoProgramme.objectives(person.name)).toHaveText([new RegExp(`^${objective}: 0 answered`)]);
  }

  // Each senior has Hugo's answer to their own question only, and their own charter only.
  for (const [index, { person, answer, objective }] of asked.entries()) {
    const popup = await person.popup();
    await popup.tab('My questions').click();
    await expect(popup.myQuestions()).toHaveCount(1);
    await popup.openThread(popup.myQuestions().first());
    await expect(popup.replies()).toHaveText([new RegExp(answer.replace('.', '\\.'))]);
    await expect(popup.replies()).not.toContainText(asked[1 - index]!.answer);
    const programme = new ProgrammePage(popup.page);
    await popup.back();
    await programme.open();
    await expect(programme.objectives('Hugo')).toHaveText([new RegExp(`^${objective}: 0 answered`)]);
  }
});
