/**
 * The accessibility gate (issue 12, item 8): axe (WCAG 2.2 AA, `target-size`, best practices) on
 * every page of Binôme, in light and dark, for an English and a French person of one pair. One
 * pairing for all, so the run stays short: each person walks every screen once, and each screen
 * is analysed in both schemes. Any violation fails the run, listed by page, rule and element.
 */
import { expect, test, type Frame, type Page } from '@playwright/test';
import { accessibilityProblems } from './support/axe';
import { startFixtureServer } from './support/fixture-server';
import { Person } from './support/person';
import { RelayProcess } from './support/relay-process';
import { pageOpenedBy } from './support/recorder-page';
import { WelcomePage } from './support/welcome-page';
import { type Language, Words } from './support/words';

const BUDGET_PAGE = 'http://excel.officeapps.live.com/x/excel-budget.html';

/** A person of the pair, with the words of their language to find their buttons by. */
interface Visitor {
  person: Person;
  words: Words;
}

/** Every problem found, across pages, languages and schemes: reported together at the end. */
const problems: string[] = [];

async function check(visitor: Visitor, target: Page | Frame, screen: string): Promise<void> {
  // axe checks that a language is declared, not that it is the one spoken: a French page marked
  // "en" is read aloud with English sounds.
  const { language } = visitor.words;
  expect(await target.evaluate(() => document.documentElement.lang), `${language} ${screen}: lang`).toBe(language);
  problems.push(...(await accessibilityProblems(target, `${visitor.words.language} ${screen}`)));
}

async function launch(name: string, language: Language, fixturePort: number): Promise<Visitor> {
  const person = await Person.launch(name, fixturePort, language, undefined, { keepWelcome: true });
  return { person, words: new Words(language) };
}

async function welcomePage({ person, words }: Visitor): Promise<WelcomePage> {
  const url = `chrome-extension://${person.extensionId}/welcome.html`;
  const opened = () => person.context.pages().find((page) => page.url() === url);
  await expect.poll(() => opened() !== undefined, { message: `${person.name}'s welcome page opens on install` }).toBe(true);
  const page = opened()!;
  await page.waitForLoadState();
  return new WelcomePage(page, words.language);
}

/** Before pairing: the welcome page, the popup that sends to the settings, and the settings. */
async function checkUnpaired(visitor: Visitor, welcome: WelcomePage): Promise<void> {
  const { person, words } = visitor;
  await expect(welcome.page.getByRole('heading', { level: 1 })).toHaveText(words.of('welcome_title'));
  await check(visitor, welcome.page, 'welcome page');
  const popup = await person.popup();
  await expect(popup.page.getByRole('button', { name: words.of('welcome_setup') })).toBeVisible();
  await check(visitor, popup.page, 'popup, not paired');
  await popup.page.close();
  const options = await person.options();
  await expect(options.page.getByRole('heading', { level: 1 })).toBeVisible();
  await check(visitor, options.page, 'settings, not paired');
  await options.page.getByLabel(words.of('pairing_join_label')).fill('AAA-AAA-AAA');
  await options.page.getByRole('button', { name: words.of('pairing_join') }).click();
  await expect(options.alert()).toBeVisible();
  await check(visitor, options.page, 'settings, an error shown');
  await options.page.close();
}

/** The asker's popup on a page, its four tabs, its ask form, then the picker and the in-page panel. */
async function askThroughThePanel(visitor: Visitor, buddy: string, question: string): Promise<void> {
  const { person, words } = visitor;
  const budget = await person.context.newPage();
  await budget.setViewportSize({ width: 1280, height: 800 });
  await budget.goto(BUDGET_PAGE);
  const popup = await person.popupFor(budget);
  const tabs = popup.page.getByRole('tab');
  await expect(tabs).toHaveCount(4);
  for (const [index, tab] of ['inbox', 'my questions', 'log', 'programme'].entries()) {
    await tabs.nth(index).click();
    await expect(tabs.nth(index)).toHaveAttribute('aria-selected', 'true');
    await check(visitor, popup.page, `popup, ${tab} tab`);
  }
  await popup.page.getByRole('button', { name: words.of('ask_button') }).click();
  await expect(popup.page.getByLabel(words.of('ask_question_label'))).toBeVisible();
  await expect(popup.page.getByRole('img', { name: words.of('redaction_preview') })).toBeVisible();
  await check(visitor, popup.page, 'popup, ask form');

  await popup.page.getByRole('button', { name: words.of('element_point') }).click();
  await expect(budget.getByText(words.of('picker_instruction'))).toBeVisible();
  const table = (await budget.getByRole('table', { name: 'Expenses' }).boundingBox())!;
  await budget.mouse.click(table.x + 20, table.y + table.height / 2);
  const panel = await person.askPanelIn(budget);
  const panelQuestion = panel.root.getByLabel(words.of('ask_question_label'));
  await expect(panelQuestion).toBeVisible();
  await check(visitor, panel.root, 'in-page ask panel');
  await panelQuestion.fill(question);
  await panel.root.getByRole('button', { name: words.of('ask_send') }).click();
  await expect(panel.root.getByRole('status')).toHaveText(words.of('ask_panel_sent', buddy));
  await check(visitor, panel.root, 'in-page ask panel, sent');
  await budget.close();
}

/** The helper's inbox with the question, the thread, and the thread once answered. */
async function answer(visitor: Visitor, buddy: string, question: string): Promise<void> {
  const { person, words } = visitor;
  const popup = await person.popup();
  const received = popup.page.getByRole('list', { name: words.of('inbox_from', buddy) }).getByRole('button');
  await expect(received.filter({ hasText: question })).toHaveCount(1);
  await check(visitor, popup.page, 'popup, inbox with a question');
  await received.filter({ hasText: question }).click();
  const reply = popup.page.getByLabel(words.of('answer_label', buddy));
  await expect(reply).toBeVisible();
  await check(visitor, popup.page, 'popup, thread to answer');
  await reply.fill('Select the table, then Insert > PivotTable.');
  await popup.page.getByRole('button', { name: words.of('answer_send') }).click();
  await expect(popup.page.getByRole('list', { name: words.of('thread_messages') }).getByRole('listitem')).toHaveCount(1);
  await check(visitor, popup.page, 'popup, thread answered');
  await popup.page.close();
}

/**
 * The helper answers again by showing: "Show how on my page", one click recorded on the page,
 * Finish, then the walkthrough editor and the thread with the steps sent.
 */
async function recordWalkthrough(visitor: Visitor, buddy: string, question: string): Promise<void> {
  const { person, words } = visitor;
  const budget = await person.context.newPage();
  await budget.goto(BUDGET_PAGE);
  const popup = await person.popupFor(budget);
  await popup.page.getByRole('tab').first().click();
  await popup.page
    .getByRole('list', { name: words.of('inbox_from', buddy) })
    .getByRole('button')
    .filter({ hasText: question })
    .click();
  const closed = popup.page.waitForEvent('close');
  await popup.page.getByRole('button', { name: words.of('recorder_show_how') }).click();
  await closed;
  const bar = budget.getByRole('region', { name: words.of('recorder_bar_title') });
  await budget.getByRole('table', { name: 'Expenses' }).getByRole('cell').first().click();
  await expect(bar.getByRole('status')).toHaveText(words.of('recorder_bar_count_one', '1'));
  const editor = await pageOpenedBy(person.context, person.extensionId, () =>
    bar.getByRole('button', { name: words.of('recorder_finish') }).click(),
  );
  if (!editor) throw new Error('Finish in the recording bar opened no page of Binôme');
  await expect(editor.getByRole('region', { name: words.of('recorder_editor_title') })).toBeVisible();
  await check(visitor, editor, 'popup, walkthrough editor');
  await editor.getByRole('button', { name: words.of('recorder_send') }).click();
  await expect(editor.getByRole('list', { name: words.of('walkthrough_steps_label') })).toBeVisible();
  await check(visitor, editor, 'popup, walkthrough sent');
  await editor.close();
  await budget.close();
}

/** The asker's own thread with the answer and "Got it". */
async function readAnswer(visitor: Visitor, question: string): Promise<void> {
  const { person, words } = visitor;
  const popup = await person.popup();
  await popup.page.getByRole('tab').nth(1).click();
  await popup.page
    .getByRole('list', { name: words.of('tab_mine') })
    .getByRole('button')
    .filter({ hasText: question })
    .click();
  await expect(popup.page.getByRole('button', { name: words.of('got_it') })).toBeVisible();
  await check(visitor, popup.page, 'popup, thread with its answer');
  await popup.page.close();
}

/** The full knowledge log, each of its tabs, and an entry opened. */
async function checkLog(visitor: Visitor): Promise<void> {
  const { person, words } = visitor;
  const log = await person.logPage();
  for (const tab of ['log_tab_entries', 'log_tab_learned', 'log_tab_taught', 'log_tab_files', 'log_tab_programme']) {
    await log.page.getByRole('tab', { name: words.of(tab) }).click();
    await expect(log.page.getByRole('tab', { name: words.of(tab) })).toHaveAttribute('aria-selected', 'true');
    await expect(log.page.getByRole('tabpanel')).not.toBeEmpty();
    await check(visitor, log.page, `knowledge log, ${words.of(tab)}`);
  }
  await log.page.getByRole('tab', { name: words.of('log_tab_entries') }).click();
  const entries = log.page.getByRole('list', { name: words.of('log_entries') }).getByRole('button');
  await expect(entries).toHaveCount(2);
  await entries.first().click();
  await expect(log.page.getByRole('button', { name: words.of('back') })).toBeVisible();
  await check(visitor, log.page, 'knowledge log, an entry');
  await log.page.close();
}

/**
 * The side panel's page (the popup's inbox kept beside a page), at a side panel's width. The
 * real side panel opens only during a gesture at a desktop; the document is the same.
 */
async function checkSidePanel(visitor: Visitor): Promise<void> {
  const { person, words } = visitor;
  const page = await person.context.newPage();
  await page.setViewportSize({ width: 400, height: 800 });
  await page.goto(`chrome-extension://${person.extensionId}/sidepanel.html`);
  await expect(page.getByRole('button', { name: words.of('ask_button') })).toBeVisible();
  await check(visitor, page, 'side panel');
  await page.close();
}

test('every page of Binôme passes axe (WCAG 2.2 AA, target-size, best practices), in English and French, light and dark', async () => {
  test.setTimeout(300_000);
  const started = Date.now();
  const fixtures = await startFixtureServer();
  const relay = await RelayProcess.start();
  const anne = await launch('Anne Martin', 'en', fixtures.port);
  const claire = await launch('Claire Dubois', 'fr', fixtures.port);
  try {
    for (const visitor of [anne, claire]) {
      expect(await visitor.person.context.pages()[0]!.evaluate(() => navigator.language)).toMatch(
        new RegExp(`^${visitor.words.language}\\b`),
      );
    }
    const anneWelcome = await welcomePage(anne);
    const claireWelcome = await welcomePage(claire);
    await checkUnpaired(anne, anneWelcome);
    await checkUnpaired(claire, claireWelcome);

    await anneWelcome.saveProfile('Anne Martin', relay.url);
    await claireWelcome.saveProfile('Claire Dubois', relay.url);
    const code = await anneWelcome.createInvite('learner');
    await claireWelcome.join(code);
    await claireWelcome.expectPairedWith('Anne Martin');
    await anneWelcome.expectPairedWith('Claire Dubois');
    for (const [visitor, welcome] of [
      [anne, anneWelcome],
      [claire, claireWelcome],
    ] as const) {
      await check(visitor, welcome.page, 'welcome page, paired');
      await welcome.page.close();
      const options = await visitor.person.options();
      await expect(options.page.getByRole('list', { name: visitor.words.of('pairs_title') }).getByRole('heading')).toHaveCount(1);
      await check(visitor, options.page, 'settings, paired');
      await options.page.close();
    }

    await askThroughThePanel(anne, 'Claire Dubois', 'How do I make a pivot table?');
    await answer(claire, 'Anne Martin', 'How do I make a pivot table?');
    await recordWalkthrough(claire, 'Anne Martin', 'How do I make a pivot table?');
    await readAnswer(anne, 'How do I make a pivot table?');
    await askThroughThePanel(claire, 'Anne Martin', 'Comment figer la première ligne ?');
    await answer(anne, 'Claire Dubois', 'Comment figer la première ligne ?');
    await recordWalkthrough(anne, 'Claire Dubois', 'Comment figer la première ligne ?');
    await readAnswer(claire, 'Comment figer la première ligne ?');

    for (const visitor of [anne, claire]) {
      await checkLog(visitor);
      await checkSidePanel(visitor);
    }
  } finally {
    await anne.person.close();
    await claire.person.close();
    await relay.dispose();
    await fixtures.close();
  }
  test.info().annotations.push({ type: 'duration', description: `${Math.round((Date.now() - started) / 1000)} s` });
  expect(problems.length, `axe found ${problems.length} problem(s):\n${problems.join('\n')}`).toBe(0);
});
