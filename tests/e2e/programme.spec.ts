/**
 * The programme in two browsers: a charter agreed, an objective moved by three answered questions,
 * two questions on the meetup's agenda, a kudos that reaches the helper; then, on a fake clock in
 * the pages (page.clock) and in the service worker (Person.setServiceWorkerClock), the end: the
 * wrap-up, a question refused with the reason, and the helper's certificate.
 */
import { expect, test } from './support/fixtures';
import { accessibilityProblems } from './support/axe';
import { markForMeetup, ProgrammePage, thank } from './support/programme-page';

const DAY = 24 * 3_600_000;

function localDay(at: number): string {
  const date = new Date(at);
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
}

test('charter, objective progress, meetup agenda, kudos, then the end: wrap-up, refusal, certificate', async ({ pair }) => {
  test.setTimeout(170_000);
  const { asker, helper } = pair;
  const lastDay = localDay(Date.now() + 20 * DAY);

  // Anne proposes, Hugo accepts: both see the agreed charter.
  const annePopup = await asker.popup();
  const anneProgramme = new ProgrammePage(annePopup.page);
  await anneProgramme.open();
  await anneProgramme.proposeCharter('Hugo', {
    objectives: ['Pivot tables', 'Tidy my inbox'],
    rhythm: 'Meetups every 2 weeks',
    endDate: lastDay,
  });
  await expect(anneProgramme.pairSection('Hugo')).toContainText('Waiting for Hugo to accept your proposal.');

  const hugoPopup = await helper.popup();
  const hugoProgramme = new ProgrammePage(hugoPopup.page);
  await hugoProgramme.open();
  await hugoProgramme.acceptCharter('Anne Martin');
  await expect(hugoProgramme.objectives('Anne Martin')).toHaveText([/Pivot tables: 0 answered/, /Tidy my inbox: 0 answered/]);
  await expect(anneProgramme.objectives('Hugo').first()).toContainText('Pivot tables: 0 answered');
  await expect(anneProgramme.pairSection('Hugo')).toContainText('Next meetup:');
  // The accessibility gate on each programme screen; every problem is listed at the end.
  const problems = await accessibilityProblems(anneProgramme.page, 'popup, programme tab with a charter');

  // Three questions tagged with the objective's skill, answered: the objective moves on both sides.
  const budget = await asker.context.newPage();
  await budget.goto(pair.fixtureUrl('excel-budget.html'));
  const asking = await asker.popupFor(budget);
  const questions = ['How do I make a pivot table?', 'How do I refresh a pivot table?', 'How do I filter a pivot table?'];
  for (const question of questions) {
    await asking.ask(question, 'Pivot tables');
    await expect(asking.threadStatus()).toHaveText('Sent, waiting for an answer');
    await asking.back();
  }
  await hugoPopup.page.reload();
  for (const [index, question] of questions.entries()) {
    await hugoPopup.openThread(hugoPopup.inboxFrom('Anne Martin').filter({ hasText: question }));
    await hugoPopup.answer('Anne Martin', `Answer number ${index + 1}.`);
    await expect(hugoPopup.threadStatus()).toHaveText('You answered');
    await hugoPopup.back();
  }
  await anneProgramme.page.reload();
  await anneProgramme.open();
  await expect(anneProgramme.objectives('Hugo').first()).toContainText('Pivot tables: 3 answered');

  // Two questions marked for the meetup appear on Hugo's agenda; Anne thanks Hugo for an answer.
  for (const question of questions.slice(0, 2)) {
    await asking.tab('My questions').click();
    await asking.openThread(asking.myQuestions().filter({ hasText: question }));
    await expect(asking.threadStatus()).toHaveText('Answered');
    await markForMeetup(asking.page);
    if (question === questions[0]) await thank(asking.page, 'Hugo', ['Patience', 'Clarity'], 'Thank you for your patience!');
    await asking.back();
  }
  await hugoProgramme.open();
  await expect(hugoProgramme.objectives('Anne Martin').first()).toContainText('Pivot tables: 3 answered');
  const agenda = await hugoProgramme.openAgenda('Anne Martin');
  await expect(agenda).toHaveCount(2);
  await expect(agenda.nth(0)).toContainText(questions[0]!);
  await expect(agenda.nth(1)).toContainText(questions[1]!);
  await expect(agenda.first()).toContainText('Marked for the meetup');
  problems.push(...(await accessibilityProblems(hugoProgramme.page, 'popup, meetup agenda')));

  const hugoLog = await helper.logPage();
  await hugoLog.tab('Skills I taught').click();
  const kudos = hugoLog.page.getByRole('region', { name: 'Kudos from Anne Martin' });
  await expect(kudos.getByRole('listitem')).toHaveText(['Patience × 1', 'Clarity × 1']);
  await expect(kudos).toContainText('Thank you for your patience!');

  // The end arrives: an hour after the last day, in Anne's pages and her service worker.
  const afterEnd = new Date(`${lastDay}T00:00:00`).getTime() + DAY + 3_600_000;
  await asker.setServiceWorkerClock(afterEnd);
  const endedPopup = await asker.popup(afterEnd);
  // The popup's sync round ran the programme round at the service worker's time: the wrap-up fired once.
  await expect
    .poll(() =>
      endedPopup.page.evaluate(async () => {
        const request = indexedDB.open('binome');
        const database = await new Promise<IDBDatabase>((resolve) => (request.onsuccess = () => resolve(request.result)));
        const all = database.transaction('programmeNotices').objectStore('programmeNotices').getAll();
        const rows = await new Promise<{ id: string; firedAt: number }[]>(
          (resolve) => (all.onsuccess = () => resolve(all.result)),
        );
        return rows.filter((row) => row.id.includes(':wrap-up:')).map((row) => row.firedAt >= Date.now() - 600_000);
      }),
    )
    .toEqual([true]);
  const ended = new ProgrammePage(endedPopup.page);
  await ended.wrapUpFromBanner('Hugo');
  problems.push(...(await accessibilityProblems(endedPopup.page, 'popup, wrap-up')));
  await ended.saveWrapUp('3 — useful', 'Yes');
  await expect(endedPopup.page.getByRole('status').filter({ hasText: 'Saved. Only you see it.' })).toBeVisible();
  await expect(endedPopup.page.getByRole('checkbox', { name: /Share my rating with the programme/ })).not.toBeChecked();

  await endedPopup.back();
  await endedPopup.openAskForm();
  await expect(endedPopup.page.getByRole('status').filter({ hasText: 'Your programme with Hugo ended on' })).toContainText(
    'no new question goes out in it',
  );
  await endedPopup.page.getByLabel('Your question').fill('One more question after the end?');
  await expect(endedPopup.page.getByRole('button', { name: 'Send my question' })).toBeDisabled();

  // Hugo's certificate, once the programme is over for him too.
  const hugoEnded = await helper.popup(afterEnd);
  const hugoEndedProgramme = new ProgrammePage(hugoEnded.page);
  await hugoEndedProgramme.open();
  const opened = helper.context.waitForEvent('page');
  await hugoEndedProgramme.pairSection('Anne Martin').getByRole('button', { name: 'Open my certificate' }).click();
  const certificateUrl = (await opened).url();
  expect(certificateUrl).toContain('/certificate.html?pair=');
  const certificate = await helper.context.newPage();
  await certificate.clock.install({ time: afterEnd });
  await certificate.goto(certificateUrl);
  await expect(certificate.getByRole('heading', { name: 'Certificate of reverse mentoring' })).toBeVisible();
  await expect(certificate.getByRole('main')).toContainText('Hugo helped Anne Martin in Binôme');
  await expect(certificate.getByRole('main')).toContainText('3 answers given');
  await expect(certificate.getByRole('list', { name: 'Skills taught' })).toContainText('Pivot tables (3 answers)');
  await expect(certificate.getByRole('list', { name: 'Kudos received' })).toContainText('Patience × 1');
  await expect(certificate.getByRole('button', { name: 'Print' })).toBeVisible();
  problems.push(...(await accessibilityProblems(certificate, 'certificate')));
  expect(problems, problems.join('\n')).toEqual([]);

  // Both logs stay, and Anne's question after the end never left her browser.
  const anneAfter = await asker.logPage(afterEnd);
  await expect(await anneAfter.search('pivot')).toHaveCount(3);
  await pair.relay.stop();
  const stored = await pair.relay.storedText();
  for (const secret of ['Tidy my inbox', 'Thank you for your patience', 'pivot-tables', 'One more question']) {
    expect(stored, secret).not.toContain(secret);
  }
});
