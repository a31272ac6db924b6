/**
 * `npm run screenshots`: every screen of Binôme, taken from the real extension, for review — the
 * popup's screens (the helper's picture answer: its annotation editor, the picture received and
 * enlarged), the settings before and after pairing, each tab of the log, the welcome page, the
 * in-page ask panel, and a walkthrough recorded and replayed (the bar in the page, the editor, the
 * player) — in English and in French, light and dark, at 100 % and 200 % zoom,
 * into .tmp/screenshots (not committed). With `--docs` it also redraws the user guides' pictures
 * in docs/images. Two people pair through a real relay — Anne in English, Hugo in French — and
 * each asks the other a question, so that every screen exists in both languages. `npm test` runs
 * it as one check: it fails when a screen cannot be reached.
 *
 * 200 % zoom is what the browser's zoom does to a page: the CSS viewport is halved and each CSS
 * pixel is drawn with two device pixels (a device scale factor of 2), so media queries, wrapping
 * and scrolling behave as at Ctrl + "+" twice.
 *
 * `--answers-only` skips the first run, the empty popup, the in-page panel and the log: only
 * pairing and the two questions with their (picture) answers, for a quick look at those screens.
 *
 * It expects the extension already built (`npx wxt build`; `npm run screenshots` does it first).
 */
import { expect, type Locator, type Page } from '@playwright/test';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Desktop } from '../tests/e2e/support/desktop';
import { startFixtureServer } from '../tests/e2e/support/fixture-server';
import { EXTENSION_DIR, Person } from '../tests/e2e/support/person';
import { RelayProcess } from '../tests/e2e/support/relay-process';
import { pageOpenedBy } from '../tests/e2e/support/recorder-page';
import { devTools, POPUP_MAX_WIDTH, POPUP_SIZE, type Size, zoomTo } from '../tests/e2e/support/zoom';

type Language = 'en' | 'fr';

const REVIEW = fileURLToPath(new URL('../.tmp/screenshots', import.meta.url));
const IMAGES = fileURLToPath(new URL('../docs/images', import.meta.url));
const LOCALES = fileURLToPath(new URL('../public/_locales', import.meta.url));
const FOR_DOCS = process.argv.includes('--docs');
/** Only the story's questions and answers (the picture answer's screens among them), for a quick look. */
const ANSWERS_ONLY = process.argv.includes('--answers-only');
/** Wide enough for a settings page to look like one, narrow enough to sit in a Markdown page. */
const PAGE = { width: 800, height: 900 };
/** The page the in-page panel sits on. */
const HOST_PAGE = { width: 1100, height: 760 };
const BUDGET_PAGE = 'http://excel.officeapps.live.com/x/excel-budget.html';
/** The fixture SaaS page the helper records a walkthrough on. */
const CRM_PAGE = 'http://crm.acme.internal/walkthrough/crm-a.html';
const SCHEMES = ['light', 'dark'] as const;
/** The CRM's page A, where the helper records a walkthrough, and the asker's own copy of it (tests/fixtures/pages/walkthrough). */
const CRM_A = 'http://crm.acme.internal/walkthrough/crm-a.html';
const CRM_B = 'http://crm.acme.internal/walkthrough/player-b.html';
/** Only the walkthrough player's screens (after pairing): `tsx docs/make-screenshots.ts --walkthrough-only`. */
const WALKTHROUGH_ONLY = process.argv.includes('--walkthrough-only');
const ZOOMS = [1, 2] as const;

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

let written = 0;

async function launch(name: string, language: Language, fixturePort: number, desktop: Desktop): Promise<Actor> {
  // At a (virtual) desktop: the keyboard shortcut that opens the in-page panel needs one.
  const person = await Person.launch(name, fixturePort, language, desktop);
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

/** The surface a screen is drawn in: Chrome widens a zoomed popup up to 800 px, no further. */
function surface(kind: 'popup' | 'page' | 'host', zoom: number): Size {
  if (kind === 'popup') return zoom === 1 ? POPUP_SIZE : { width: POPUP_MAX_WIDTH, height: POPUP_SIZE.height };
  return kind === 'host' ? HOST_PAGE : PAGE;
}

async function settle(page: Page): Promise<void> {
  // A focus ring on whatever was typed last is noise in a picture.
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  // Let fonts, the last live query and the new layout settle into the frame that is captured.
  await page.evaluate(() => document.fonts.ready.then(() => new Promise(requestAnimationFrame)));
}

/**
 * Drawn with DevTools itself, in device pixels: Playwright's own screenshot does not know the
 * emulated scale factor and would draw a 200 % page at 100 %.
 */
async function capture(page: Page, path: string, size: Size, zoom: number, whole: boolean) {
  const cdp = await devTools(page);
  const viewport = { width: Math.round(size.width / zoom), height: Math.round(size.height / zoom) };
  const { cssContentSize, cssVisualViewport } = await cdp.send('Page.getLayoutMetrics');
  // The clip is in document coordinates: a scrolled popup is pictured where it is scrolled to, as the person sees it.
  const clip = whole
    ? { x: 0, y: 0, width: viewport.width, height: Math.max(viewport.height, Math.ceil(cssContentSize.height)) }
    : { x: cssVisualViewport.pageX, y: cssVisualViewport.pageY, ...viewport };
  const { data } = await cdp.send('Page.captureScreenshot', {
    format: 'png',
    clip: { ...clip, scale: 1 },
    captureBeyondViewport: whole,
  });
  writeFileSync(path, Buffer.from(data, 'base64'));
}

/**
 * `screen` in every colour scheme and zoom, as `<screen>-<language>-<scheme>-<zoom>x.png`. A popup
 * is pictured as the person sees it, 600 px high (what is below needs scrolling); a page whole.
 */
async function shoot(page: Page, actor: Actor, screen: string, kind: 'popup' | 'page' | 'host'): Promise<void> {
  for (const colorScheme of SCHEMES) {
    await page.emulateMedia({ colorScheme });
    for (const zoom of ZOOMS) {
      const size = surface(kind, zoom);
      await zoomTo(page, size, zoom);
      await settle(page);
      const path = join(REVIEW, `${screen}-${actor.language}-${colorScheme}-${zoom}x.png`);
      await capture(page, path, size, zoom, kind === 'page');
      written++;
    }
  }
  await page.emulateMedia({ colorScheme: 'light' });
  await zoomTo(page, surface(kind, 1), 1);
}

/** A picture of the user guides (light, 100 %), only with `--docs`: a part of a page, or a popup as it opens. */
async function docsPicture(target: Locator | Page, name: string): Promise<void> {
  if (!FOR_DOCS) return;
  const page = 'page' in target ? target.page() : target;
  await page.emulateMedia({ colorScheme: 'light' });
  await settle(page);
  const path = join(IMAGES, `${name}.png`);
  await target.screenshot({ path, animations: 'disabled' });
  console.log(`wrote ${path}`);
}

async function extensionPage(actor: Actor, file: string): Promise<Page> {
  const page = await actor.person.context.newPage();
  await zoomTo(page, PAGE, 1);
  await page.goto(`chrome-extension://${actor.person.extensionId}/${file}`);
  return page;
}

/** Before pairing: the welcome page the install opened, the settings, and the popup that sends there. */
async function firstRun(actor: Actor): Promise<void> {
  const { words } = actor;
  const welcome = await extensionPage(actor, 'welcome.html');
  await expect(welcome.getByRole('heading', { name: words.of('welcome_name_title') })).toBeVisible();
  await shoot(welcome, actor, 'welcome', 'page');
  await welcome.close();
  const options = await extensionPage(actor, 'options.html');
  await expect(options.getByRole('heading', { name: words.of('options_title') })).toBeVisible();
  await shoot(options, actor, 'options-not-paired', 'page');
  await options.close();
  const privacy = await extensionPage(actor, 'privacy.html');
  await expect(privacy.getByRole('heading', { name: words.of('privacy_title') })).toBeVisible();
  await shoot(privacy, actor, 'privacy', 'page');
  await privacy.close();
  const popup = await actor.person.popup();
  await expect(popup.page.getByRole('button', { name: words.of('welcome_setup') })).toBeVisible();
  await shoot(popup.page, actor, 'popup-not-paired', 'popup');
  await popup.page.close();
}

async function saveProfile({ person, words }: Actor, relayUrl: string): Promise<Page> {
  const { page } = await person.options();
  await zoomTo(page, PAGE, 1);
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
  await docsPicture(pairingSection(learner, learnerPage), `invite-code-${learner.language}`);
  await shoot(learnerPage, learner, 'options-invite', 'page');

  const helperPage = await saveProfile(helper, relayUrl);
  await helperPage.getByLabel(helper.words.of('pairing_join_label')).fill(code);
  await helperPage.getByRole('button', { name: helper.words.of('pairing_join'), exact: true }).click();
  for (const [actor, page, buddy] of [
    [learner, learnerPage, helper],
    [helper, helperPage, learner],
  ] as const) {
    await expect(page.locator('.paired').getByText(actor.words.of('pairing_done', buddy.person.name))).toBeVisible();
    await docsPicture(pairingSection(actor, page), `pairing-done-${actor.language}`);
    await docsPicture(page.locator('main'), `settings-paired-${actor.language}`);
    await shoot(page, actor, 'options-paired', 'page');
    await page.close();
  }
}

async function emptyPopup(actor: Actor): Promise<void> {
  const { page } = await actor.person.popup();
  await expect(page.getByText(actor.words.of('inbox_empty'))).toBeVisible();
  await shoot(page, actor, 'popup-empty', 'popup');
  await page.getByRole('tab', { name: actor.words.of('tab_programme') }).click();
  await expect(page.locator('section.programme h2')).toBeVisible();
  await shoot(page, actor, 'popup-programme', 'popup');
  await page.close();
}

/** The in-page panel the keyboard shortcut opens on the budget page; closed without asking. */
async function askPanel(actor: Actor): Promise<void> {
  const { person, words } = actor;
  const budget = await person.context.newPage();
  await budget.goto(BUDGET_PAGE);
  await zoomTo(budget, HOST_PAGE, 1);
  await person.pressShortcut(budget);
  const panel = await person.askPanelIn(budget);
  await expect(panel.root.getByRole('region', { name: words.of('context_heading') })).toContainText('Excel Online');
  await expect(panel.root.getByRole('img', { name: words.of('redaction_preview') })).toBeVisible();
  await shoot(budget, actor, 'ask-panel', 'host');
  await budget.close();
}

/** Asks about the budget page from the toolbar button, as a person does; returns the popup, on the thread. */
async function ask(asker: Actor, question: string, skill: string): Promise<Page> {
  const { person, words } = asker;
  const budget = await person.context.newPage();
  await budget.goto(BUDGET_PAGE);
  await budget.getByText('Insérer un tableau croisé dynamique').selectText();
  const popup = (await person.popupFor(budget)).page;
  await zoomTo(popup, POPUP_SIZE, 1);
  await popup.getByRole('button', { name: words.of('ask_button') }).click();
  await expect(popup.getByRole('region', { name: words.of('context_heading') })).toContainText('Excel Online');
  await expect(popup.getByRole('img', { name: words.of('redaction_preview') })).toBeVisible();
  await popup.getByLabel(words.of('ask_question_label')).fill(question);
  await popup.getByLabel(words.of('skill_label')).fill(skill);
  await docsPicture(popup, `ask-form-${asker.language}`);
  await shoot(popup, asker, 'popup-ask-form', 'popup');
  await popup.getByRole('button', { name: words.of('ask_send') }).click();
  await expect(popup.getByRole('button', { name: words.of('back') })).toBeVisible();
  await shoot(popup, asker, 'popup-thread-waiting', 'popup');
  return popup;
}

/**
 * The helper answers with words and a picture of their own copy of the page (issue 15): two
 * numbers and a box, each with a caption; the annotation editor is pictured before sending.
 */
async function answer(helper: Actor, asker: Actor, question: string, text: string, captions: string[]): Promise<void> {
  const { person, words } = helper;
  const { page: inbox } = await person.popup();
  await zoomTo(inbox, POPUP_SIZE, 1);
  const inboxItem = (page: Page) =>
    page
      .getByRole('list', { name: words.of('inbox_from', asker.person.name) })
      .getByRole('button')
      .filter({ hasText: question });
  await expect(inboxItem(inbox)).toBeVisible();
  await docsPicture(inbox, `inbox-${helper.language}`);
  await shoot(inbox, helper, 'popup-inbox', 'popup');
  await inbox.close();
  // Opened on a page, as the helper does to show it: that tab is the one pictured.
  const budget = await person.context.newPage();
  await budget.goto(BUDGET_PAGE);
  const popup = (await person.popupFor(budget)).page;
  await zoomTo(popup, POPUP_SIZE, 1);
  await inboxItem(popup).click();
  await expect(popup.getByRole('button', { name: words.of('answer_send') })).toBeVisible();
  await shoot(popup, helper, 'popup-thread-incoming', 'popup');
  await popup.getByLabel(words.of('answer_label', asker.person.name)).fill(text);
  await popup.getByRole('button', { name: words.of('picture_add') }).click();
  await popup.getByRole('button', { name: words.of('picture_next') }).click();
  const editor = popup.getByRole('region', { name: words.of('picture_step_mark') });
  const stage = editor.locator('.picture-stage');
  await expect(stage.locator('img')).toBeVisible();
  await stage.scrollIntoViewIfNeeded();
  const at = async (x: number, y: number) => {
    const box = (await stage.boundingBox())!;
    return { x: box.x + box.width * x, y: box.y + box.height * y };
  };
  for (const [x, y] of [
    [0.12, 0.2],
    [0.3, 0.2],
  ] as const) {
    const point = await at(x, y);
    await popup.mouse.click(point.x, point.y);
  }
  const [from, to] = [await at(0.1, 0.45), await at(0.6, 0.75)];
  await popup.mouse.move(from.x, from.y);
  await popup.mouse.down();
  await popup.mouse.move(to.x, to.y, { steps: 5 });
  await popup.mouse.up();
  for (const [index, caption] of captions.entries()) {
    await editor.getByLabel(words.of('picture_caption_label', String(index + 1))).fill(caption);
  }
  // Whole, as a page: scrolled down a popup, the editor would not be where the capture looks.
  await shoot(popup, helper, 'popup-picture-editor', 'page');
  await popup.getByRole('button', { name: words.of('answer_send') }).click();
  await expect(popup.getByRole('list', { name: words.of('thread_messages') }).locator(':scope > li')).toHaveCount(1);
  await popup.close();
  await budget.close();
}

async function answerArrives(asker: Actor, popup: Page, answerText: string): Promise<void> {
  const { words } = asker;
  await expect(popup.getByRole('list', { name: words.of('thread_messages') })).toContainText(
    answerText.split('\n')[0] ?? answerText,
  );
  await expect(popup.getByRole('button', { name: words.of('got_it') })).toBeVisible();
  await docsPicture(popup, `thread-answered-${asker.language}`);
  await shoot(popup, asker, 'popup-thread-answered', 'popup');
  // The helper's picture, its numbers and captions, then enlarged.
  const picture = popup.locator('figure.picture-answer');
  await shoot(popup, asker, 'popup-thread-picture', 'page');
  await picture.getByRole('button', { name: words.of('picture_enlarge') }).click();
  await expect(popup.getByRole('dialog')).toBeVisible();
  await shoot(popup, asker, 'popup-picture-enlarged', 'popup');
  await popup.keyboard.press('Escape');
  await popup.getByRole('button', { name: words.of('got_it') }).click();
  await expect(popup.locator('.thread-meta .status')).toHaveText(words.of('status_resolved'));
  await popup.close();
}

async function knowledgeLog(actor: Actor, entries: number): Promise<void> {
  const { words } = actor;
  const page = (await actor.person.logPage()).page;
  await zoomTo(page, PAGE, 1);
  await expect(page.getByRole('list', { name: words.of('log_entries') }).getByRole('button')).toHaveCount(entries);
  await docsPicture(page.locator('main'), `knowledge-log-${actor.language}`);
  await shoot(page, actor, 'log-entries', 'page');
  await page.getByRole('tab', { name: words.of('log_tab_learned') }).click();
  await expect(page.getByRole('list', { name: words.of('skills_of_tool', 'Excel Online') })).toBeVisible();
  await docsPicture(page.locator('main'), `skills-learned-${actor.language}`);
  await shoot(page, actor, 'log-learned', 'page');
  await page.getByRole('tab', { name: words.of('log_tab_taught') }).click();
  await expect(page.getByRole('tab', { name: words.of('log_tab_taught'), selected: true })).toBeVisible();
  await shoot(page, actor, 'log-taught', 'page');
  await page.getByRole('tab', { name: words.of('log_tab_files') }).click();
  await expect(page.getByRole('tab', { name: words.of('log_tab_files'), selected: true })).toBeVisible();
  await shoot(page, actor, 'log-files', 'page');
  await page.getByRole('tab', { name: words.of('log_tab_programme') }).click();
  await expect(page.locator('section.programme h2')).toBeVisible();
  await shoot(page, actor, 'log-programme', 'page');
  await page.close();
}

/**
 * The helper records four steps on page A with the real recorder and sends them; the asker
 * replays them on her own copy (in French, re-hashed classes, the form late, no Import) and the
 * player's card is pictured in each state: a step outlined, looking for a late element, a step
 * not found, the last card; then the helper's thread with the note about the missing step.
 */
async function walkthroughReplay(asker: Actor, helper: Actor, question: string): Promise<void> {
  const page = await asker.person.context.newPage();
  // The page's own timers are held (the player's run in its isolated world, on real time): the
  // late form arrives when the picture of "Looking for…" is taken, not before.
  await page.clock.install();
  await page.goto(CRM_B);
  const askPopup = (await asker.person.popupFor(page)).page;
  await askPopup.getByRole('button', { name: asker.words.of('ask_button') }).click();
  await askPopup.getByLabel(asker.words.of('ask_question_label')).fill(question);
  await askPopup.getByRole('button', { name: asker.words.of('ask_send') }).click();
  await expect(askPopup.getByRole('button', { name: asker.words.of('back') })).toBeVisible();
  await askPopup.close();

  const crmA = await helper.person.context.newPage();
  await crmA.goto(CRM_A);
  const openQuestion = async (popup: Page) => {
    const item = popup
      .getByRole('list', { name: helper.words.of('inbox_from', asker.person.name) })
      .getByRole('button')
      .filter({ hasText: question });
    await expect(item).toBeVisible({ timeout: 30_000 });
    await item.click();
  };
  const recordPopup = (await helper.person.popupFor(crmA)).page;
  await openQuestion(recordPopup);
  const recordClosed = recordPopup.waitForEvent('close');
  await recordPopup.getByRole('button', { name: helper.words.of('recorder_show_how') }).click();
  await recordClosed;
  await crmA.getByTestId('new-contact').click();
  await crmA.locator('#first-name').fill('Zoé');
  await crmA.getByRole('button', { name: 'Import' }).click();
  await crmA.getByRole('button', { name: 'Save' }).click();
  const editor = (await helper.person.popupFor(crmA)).page;
  await openQuestion(editor);
  await expect(editor.getByRole('list', { name: helper.words.of('walkthrough_steps_label') }).getByRole('listitem')).toHaveCount(
    4,
  );
  const stop = editor.getByRole('button', { name: helper.words.of('recorder_stop') });
  if (await stop.isVisible()) await stop.click();
  await editor.getByRole('button', { name: helper.words.of('recorder_send') }).click();
  await expect(editor.getByRole('button', { name: helper.words.of('recorder_send') })).toHaveCount(0);
  await editor.close();
  await crmA.close();

  const { words } = asker;
  const popup = (await asker.person.popupFor(page)).page;
  await zoomTo(popup, POPUP_SIZE, 1);
  await popup.getByRole('tab', { name: new RegExp(`^${words.of('tab_mine')}`) }).click();
  await popup
    .getByRole('list', { name: words.of('tab_mine') })
    .getByRole('button')
    .filter({ hasText: question })
    .click();
  const show = popup.getByRole('button', { name: words.of('walkthrough_show') });
  await expect(show).toBeVisible({ timeout: 30_000 });
  await shoot(popup, asker, 'popup-thread-walkthrough', 'popup');
  await zoomTo(page, HOST_PAGE, 1);
  const closed = popup.waitForEvent('close');
  await show.click();
  await closed;

  const card = page.locator('binome-player').getByRole('dialog');
  await expect(card).toContainText(words.of('player_step_of', '1', '4'));
  await expect(card).toContainText(words.of('player_hint_click'));
  await shoot(page, asker, 'player-step', 'host');
  await page.getByTestId('new-contact').click();
  await expect(card).toContainText(words.of('player_step_of', '2', '4'));
  await shoot(page, asker, 'player-looking', 'host');
  await page.clock.runFor(2_500);
  await expect(card).toContainText(words.of('player_hint_type'));
  await page.locator('#first-name').click();
  await page.keyboard.type('Anne');
  await page.keyboard.press('Tab');
  await expect(card).toContainText(words.of('player_step_of', '3', '4'));
  const no = card.getByRole('button', { name: words.of('player_no'), exact: true });
  const tell = card.getByRole('button', { name: words.of('player_tell', helper.person.name) });
  await expect(no.or(tell)).toBeVisible({ timeout: 15_000 });
  if (await no.isVisible()) await no.click();
  await shoot(page, asker, 'player-missing', 'host');
  await tell.click();
  await expect(card).toContainText(words.of('player_told', helper.person.name));
  await card.getByRole('button', { name: words.of('player_next') }).click();
  await page.locator('[data-action="save"]').click();
  await expect(card).toContainText(words.of('player_done_title'));
  await shoot(page, asker, 'player-done', 'host');
  await card.getByRole('button', { name: words.of('player_done_close'), exact: true }).click();
  await expect(page.locator('binome-player')).toHaveCount(0);
  await page.close();

  const { page: helperPopup } = await helper.person.popup();
  await zoomTo(helperPopup, POPUP_SIZE, 1);
  await openQuestion(helperPopup);
  await expect(helperPopup.getByText(helper.words.of('walkthrough_problem', '3', 'crm.acme.internal'))).toBeVisible({
    timeout: 30_000,
  });
  await shoot(helperPopup, helper, 'popup-thread-walkthrough-problem', 'popup');
  await helperPopup.close();
}

/**
 * The helper answers by showing: "Show how on my page" on the CRM page, three steps (one of them
 * typing), the recording bar in the page, then the editor and the steps sent, in the helper's language.
 */
async function walkthrough(helper: Actor, asker: Actor, question: string): Promise<void> {
  const askerPage = await asker.person.context.newPage();
  await askerPage.goto(CRM_PAGE);
  const askerPopup = (await asker.person.popupFor(askerPage)).page;
  await askerPopup.getByRole('button', { name: asker.words.of('ask_button') }).click();
  await askerPopup.getByLabel(asker.words.of('ask_question_label')).fill(question);
  await askerPopup.getByRole('button', { name: asker.words.of('ask_send') }).click();
  await expect(askerPopup.getByRole('button', { name: asker.words.of('back') })).toBeVisible();

  const { person, words } = helper;
  const crm = await person.context.newPage();
  await crm.goto(CRM_PAGE);
  await zoomTo(crm, HOST_PAGE, 1);
  const popup = (await person.popupFor(crm)).page;
  await zoomTo(popup, POPUP_SIZE, 1);
  await popup.getByRole('tab').first().click();
  const fromAsker = popup.getByRole('list', { name: words.of('inbox_from', asker.person.name) }).getByRole('button');
  await fromAsker.filter({ hasText: question }).click();
  await expect(popup.getByRole('button', { name: words.of('recorder_show_how') })).toBeVisible();
  await shoot(popup, helper, 'popup-walkthrough-start', 'popup');
  const closed = popup.waitForEvent('close');
  await popup.getByRole('button', { name: words.of('recorder_show_how') }).click();
  await closed;
  const bar = crm.getByRole('region', { name: words.of('recorder_bar_title') });
  await crm.getByRole('button', { name: 'New contact' }).click();
  await crm.getByLabel('First name').fill('Jane');
  await crm.getByRole('button', { name: 'Save' }).click();
  await expect(bar.getByRole('status')).toHaveText(words.of('recorder_bar_count_other', '3'));
  await docsPicture(crm, `recorder-bar-${helper.language}`);
  await shoot(crm, helper, 'recorder-bar', 'host');
  const editor = await pageOpenedBy(person.context, person.extensionId, () =>
    bar.getByRole('button', { name: words.of('recorder_finish') }).click(),
  );
  if (!editor) throw new Error('Finish in the recording bar opened no page of Binôme');
  await zoomTo(editor, POPUP_SIZE, 1);
  await expect(editor.getByRole('region', { name: words.of('recorder_editor_title') })).toBeVisible();
  await shoot(editor, helper, 'popup-walkthrough-editor', 'popup');
  await editor.getByRole('button', { name: words.of('recorder_send') }).click();
  await expect(editor.getByRole('list', { name: words.of('walkthrough_steps_label') })).toBeVisible();
  await shoot(editor, helper, 'popup-walkthrough-sent', 'popup');
  for (const page of [editor, crm, askerPopup, askerPage]) await page.close();
}

const STORY = {
  anneAsks: {
    question: 'How do I make a pivot table of these expenses?',
    skill: 'Pivot tables',
    answer: 'Select the table, then Insert > PivotTable.\nGuide: https://support.example.com/pivot-tables',
    captions: [
      'Cliquez sur «\u202fInsertion\u202f»',
      'Puis sur «\u202fTableau croisé dynamique\u202f»',
      'Sélectionnez ces lignes avant',
    ],
  },
  hugoAsks: {
    question: 'Qui valide une dépense de plus de 5\u202f000\u00a0€ pour l’équipe Ventes\u202f?',
    skill: 'Circuit de validation',
    answer: 'Above 5,000 € it goes to the sales director, then to finance. Ask Claire in finance first: she knows the form.',
    captions: ['The “Approvals” menu', 'Then “New request”', 'Fill in the amount and the team here'],
  },
};

async function main(): Promise<void> {
  if (!existsSync(join(EXTENSION_DIR, 'manifest.json'))) {
    throw new Error(`No built extension in ${EXTENSION_DIR}: run "npx wxt build" first (npm run screenshots does).`);
  }
  const started = Date.now();
  rmSync(REVIEW, { recursive: true, force: true });
  mkdirSync(REVIEW, { recursive: true });
  mkdirSync(IMAGES, { recursive: true });
  const fixtures = await startFixtureServer();
  const relay = await RelayProcess.start();
  const desktops: Desktop[] = [];
  const actors: Actor[] = [];
  try {
    for (const [name, language] of [
      ['Anne Martin', 'en'],
      ['Hugo Bernard', 'fr'],
    ] as const) {
      const desktop = await Desktop.start();
      desktops.push(desktop);
      actors.push(await launch(name, language, fixtures.port, desktop));
    }
    const [anne, hugo] = actors as [Actor, Actor];
    if (!WALKTHROUGH_ONLY && !ANSWERS_ONLY) for (const actor of actors) await firstRun(actor);
    await pair(anne, hugo, relay.url);
    if (WALKTHROUGH_ONLY) {
      await walkthroughReplay(anne, hugo, 'How do I add a new contact?');
      await walkthroughReplay(hugo, anne, 'Comment ajouter un contact\u202f?');
      console.log(`${written} screenshots in ${REVIEW} (${Math.round((Date.now() - started) / 1000)} s)`);
      return;
    }
    if (!ANSWERS_ONLY) for (const actor of actors) await emptyPopup(actor);
    if (!ANSWERS_ONLY) for (const actor of actors) await askPanel(actor);

    // Anne asks, Hugo answers; then the other way round, as pairs do.
    const annePopup = await ask(anne, STORY.anneAsks.question, STORY.anneAsks.skill);
    await answer(hugo, anne, STORY.anneAsks.question, STORY.anneAsks.answer, STORY.anneAsks.captions);
    await answerArrives(anne, annePopup, STORY.anneAsks.answer);

    const hugoPopup = await ask(hugo, STORY.hugoAsks.question, STORY.hugoAsks.skill);
    await answer(anne, hugo, STORY.hugoAsks.question, STORY.hugoAsks.answer, STORY.hugoAsks.captions);
    await answerArrives(hugo, hugoPopup, STORY.hugoAsks.answer);

    if (!ANSWERS_ONLY) {
      await knowledgeLog(anne, 2);
      await knowledgeLog(hugo, 2);
      await walkthroughReplay(anne, hugo, 'How do I add a new contact?');
      await walkthroughReplay(hugo, anne, 'Comment ajouter un contact\u202f?');
      // Last, so that the log pictures above keep their two entries.
      await walkthrough(hugo, anne, 'How do I add a new contact in the CRM?');
      await walkthrough(anne, hugo, 'Comment ajouter un contact dans le CRM\u202f?');
    }
    console.log(`${written} screenshots in ${REVIEW} (${Math.round((Date.now() - started) / 1000)} s)`);
  } finally {
    // Each step runs even if one before it fails: a relay left running would outlive the script.
    const steps = [
      ...actors.map((actor) => () => actor.person.close()),
      ...desktops.map((desktop) => () => desktop.stop()),
      () => relay.dispose(),
      () => fixtures.close(),
    ];
    for (const step of steps) await step().catch((error: unknown) => console.error(error));
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
