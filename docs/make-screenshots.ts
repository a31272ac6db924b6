/**
 * `npm run screenshots`: the pictures of docs/user-guide.md and docs/user-guide.fr.md, taken
 * from the real extension so that the guides cannot drift from the UI. Two people pair through
 * a real relay — Anne in English, Hugo in French — and each asks the other a question, so that
 * every screen exists in both languages. Not part of `npm test`: it proves nothing, it draws.
 *
 * It expects the extension already built (`npx wxt build`; `npm run screenshots` does it first).
 */
import { expect, type Locator, type Page } from '@playwright/test';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startFixtureServer } from '../tests/e2e/support/fixture-server';
import { EXTENSION_DIR, Person } from '../tests/e2e/support/person';
import { RelayProcess } from '../tests/e2e/support/relay-process';

type Language = 'en' | 'fr';

const IMAGES = fileURLToPath(new URL('../docs/images', import.meta.url));
const LOCALES = fileURLToPath(new URL('../public/_locales', import.meta.url));
/** Wide enough for a settings page to look like one, narrow enough to sit in a Markdown page. */
const PAGE_WIDTH = 800;
const BUDGET_PAGE = 'http://excel.officeapps.live.com/x/excel-budget.html';

/**
 * The UI's own words in one language, read from its message files: the French person's
 * buttons are found by their French labels, so a picture is never taken of the wrong screen.
 */
class Words {
  private readonly messages: Record<string, { message: string }>;

  constructor(language: Language) {
    this.messages = JSON.parse(readFileSync(join(LOCALES, language, 'messages.json'), 'utf8'));
  }

  of(key: string, ...substitutions: string[]): string {
    const entry = this.messages[key];
    if (!entry) throw new Error(`No message "${key}" in public/_locales`);
    return entry.message.replace(/\$(\d)/g, (_, index: string) => substitutions[Number(index) - 1] ?? '');
  }
}

/** A person of the story: their browser, their language, and what they say. */
interface Actor {
  person: Person;
  language: Language;
  words: Words;
}

async function launch(name: string, language: Language, fixturePort: number): Promise<Actor> {
  const person = await Person.launch(name, fixturePort, language);
  const actor = { person, language, words: new Words(language) };
  const probe = await person.context.newPage();
  // Without Debian's chromium-l10n the browser quietly stays in English: refuse to draw that.
  const browserLanguage = await probe.evaluate(() => navigator.language);
  if (!browserLanguage.startsWith(language)) {
    throw new Error(`${name}'s browser speaks ${browserLanguage}, not ${language}: install Debian's chromium-l10n.`);
  }
  await probe.close();
  return actor;
}

async function picture(target: Locator, name: string): Promise<void> {
  await target.page().emulateMedia({ colorScheme: 'light' });
  // A focus ring on whatever was typed last is noise in a picture.
  await target.page().evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  // Let fonts and the last live query settle into the frame that is captured.
  await target.page().evaluate(() => document.fonts.ready.then(() => new Promise(requestAnimationFrame)));
  const path = join(IMAGES, `${name}.png`);
  await target.screenshot({ path, animations: 'disabled' });
  console.log(`wrote ${path}`);
}

async function widePage(page: Page): Promise<Page> {
  await page.setViewportSize({ width: PAGE_WIDTH, height: 900 });
  await page.emulateMedia({ colorScheme: 'light' });
  return page;
}

async function saveProfile({ person, words }: Actor, relayUrl: string): Promise<Page> {
  const page = await widePage((await person.options()).page);
  await page.getByLabel(words.of('profile_name_label')).fill(person.name);
  await page.getByLabel(words.of('profile_relay_label')).fill(relayUrl);
  await page.getByRole('button', { name: words.of('profile_save'), exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: words.of('profile_saved') })).toBeVisible();
  return page;
}

function pairingSection({ words }: Actor, page: Page): Locator {
  return page.getByRole('region', { name: words.of('pairing_title') });
}

async function pair(learner: Actor, helper: Actor, relayUrl: string): Promise<void> {
  const learnerPage = await saveProfile(learner, relayUrl);
  await learnerPage.getByRole('radio', { name: learner.words.of('pairing_role_learner') }).check();
  await learnerPage.getByRole('button', { name: learner.words.of('pairing_create') }).click();
  const code = (await learnerPage.getByLabel(learner.words.of('pairing_code_label'), { exact: true }).textContent()) ?? '';
  await picture(pairingSection(learner, learnerPage), `invite-code-${learner.language}`);

  const helperPage = await saveProfile(helper, relayUrl);
  await helperPage.getByLabel(helper.words.of('pairing_join_label')).fill(code);
  await helperPage.getByRole('button', { name: helper.words.of('pairing_join'), exact: true }).click();
  for (const [actor, page, buddy] of [
    [learner, learnerPage, helper],
    [helper, helperPage, learner],
  ] as const) {
    await expect(page.locator('.paired').getByText(actor.words.of('pairing_done', buddy.person.name))).toBeVisible();
    await picture(pairingSection(actor, page), `pairing-done-${actor.language}`);
    await picture(page.locator('main'), `settings-paired-${actor.language}`);
    await page.close();
  }
}

async function popupReady(popup: Page): Promise<Page> {
  await popup.emulateMedia({ colorScheme: 'light' });
  return popup;
}

/** Asks about the budget page from the toolbar button, as a person does; returns the popup, on the thread. */
async function ask(asker: Actor, question: string, skill: string): Promise<Page> {
  const { person, words } = asker;
  const budget = await person.context.newPage();
  await budget.goto(BUDGET_PAGE);
  await budget.getByText('Insérer un tableau croisé dynamique').selectText();
  const popup = await popupReady((await person.popupFor(budget)).page);
  await popup.getByRole('button', { name: words.of('ask_button') }).click();
  await expect(popup.getByRole('region', { name: words.of('context_heading') })).toContainText('Excel Online');
  await popup.getByLabel(words.of('ask_question_label')).fill(question);
  await popup.getByLabel(words.of('skill_label')).fill(skill);
  await picture(popup.locator('main'), `ask-form-${asker.language}`);
  await popup.getByRole('button', { name: words.of('ask_send') }).click();
  await expect(popup.getByRole('button', { name: words.of('back') })).toBeVisible();
  return popup;
}

async function answer(helper: Actor, asker: Actor, question: string, text: string): Promise<Page> {
  const { person, words } = helper;
  const popup = await widePopup(person);
  const fromAsker = popup.getByRole('list', { name: words.of('inbox_from', asker.person.name) }).getByRole('button');
  await expect(fromAsker.filter({ hasText: question })).toBeVisible();
  await picture(popup.locator('main'), `inbox-${helper.language}`);
  await fromAsker.filter({ hasText: question }).click();
  await popup.getByLabel(words.of('answer_label', asker.person.name)).fill(text);
  await popup.getByRole('button', { name: words.of('answer_send') }).click();
  await expect(popup.getByRole('list', { name: words.of('thread_messages') }).getByRole('listitem')).toHaveCount(1);
  return popup;
}

/** The popup on its own, sized as the toolbar shows it. */
async function widePopup(person: Person): Promise<Page> {
  const popup = await popupReady((await person.popup()).page);
  await popup.setViewportSize({ width: 460, height: 900 });
  return popup;
}

async function answerArrives(asker: Actor, popup: Page, answerText: string): Promise<void> {
  const { words } = asker;
  await expect(popup.getByRole('list', { name: words.of('thread_messages') })).toContainText(
    answerText.split('\n')[0] ?? answerText,
  );
  await expect(popup.getByRole('button', { name: words.of('got_it') })).toBeVisible();
  await picture(popup.locator('main'), `thread-answered-${asker.language}`);
  await popup.getByRole('button', { name: words.of('got_it') }).click();
  await expect(popup.locator('.thread-meta .status')).toHaveText(words.of('status_resolved'));
}

async function knowledgeLog(actor: Actor, entries: number): Promise<void> {
  const page = await widePage((await actor.person.logPage()).page);
  await expect(page.getByRole('list', { name: actor.words.of('log_entries') }).getByRole('button')).toHaveCount(entries);
  await picture(page.locator('main'), `knowledge-log-${actor.language}`);
  await page.getByRole('tab', { name: actor.words.of('log_tab_learned') }).click();
  await expect(page.getByRole('list', { name: actor.words.of('skills_of_tool', 'Excel Online') })).toBeVisible();
  await picture(page.locator('main'), `skills-learned-${actor.language}`);
  await page.close();
}

const STORY = {
  anneAsks: {
    question: 'How do I make a pivot table of these expenses?',
    skill: 'Pivot tables',
    answer: 'Select the table, then Insert > PivotTable.\nGuide: https://support.example.com/pivot-tables',
  },
  hugoAsks: {
    question: 'Qui valide une dépense de plus de 5\u202f000\u00a0€ pour l’équipe Ventes\u202f?',
    skill: 'Circuit de validation',
    answer: 'Above 5,000 € it goes to the sales director, then to finance. Ask Claire in finance first: she knows the form.',
  },
};

async function main(): Promise<void> {
  if (!existsSync(join(EXTENSION_DIR, 'manifest.json'))) {
    throw new Error(`No built extension in ${EXTENSION_DIR}: run "npx wxt build" first (npm run screenshots does).`);
  }
  mkdirSync(IMAGES, { recursive: true });
  const fixtures = await startFixtureServer();
  const relay = await RelayProcess.start();
  const actors: Actor[] = [];
  try {
    const anne = await launch('Anne Martin', 'en', fixtures.port);
    actors.push(anne);
    const hugo = await launch('Hugo Bernard', 'fr', fixtures.port);
    actors.push(hugo);
    await pair(anne, hugo, relay.url);

    // Anne asks, Hugo answers; then the other way round, as pairs do.
    const annePopup = await ask(anne, STORY.anneAsks.question, STORY.anneAsks.skill);
    await (await answer(hugo, anne, STORY.anneAsks.question, STORY.anneAsks.answer)).close();
    await answerArrives(anne, annePopup, STORY.anneAsks.answer);

    const hugoPopup = await ask(hugo, STORY.hugoAsks.question, STORY.hugoAsks.skill);
    await (await answer(anne, hugo, STORY.hugoAsks.question, STORY.hugoAsks.answer)).close();
    await answerArrives(hugo, hugoPopup, STORY.hugoAsks.answer);

    await knowledgeLog(anne, 2);
    await knowledgeLog(hugo, 2);
  } finally {
    // Each step runs even if one before it fails: a relay left running would outlive the script.
    for (const step of [...actors.map((actor) => () => actor.person.close()), () => relay.dispose(), () => fixtures.close()]) {
      await step().catch((error: unknown) => console.error(error));
    }
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
