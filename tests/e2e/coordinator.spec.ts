/**
 * The coordinator page in a real browser, for a programme made from a CSV: the operator's command
 * line creates it and imports six pairs; each pair joins with its personal codes and talks (at the
 * relay's level, in this process, sealed as the extension seals: only the page needs Chromium).
 * The coordinator signs in with the secret and with a one-time link, sees the figures in English
 * and in French, downloads them as CSV, and the page passes the accessibility gate in light and
 * dark. The relay's database afterwards holds none of the words that were exchanged.
 */
import { chromium, expect, test, type Browser } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { accessibilityProblems, type ColorScheme } from './support/axe';
import { chromiumPath } from './support/chromium';
import { CoordinatorPage, type CoordinatorLanguage } from './support/coordinator-page';
import { joinAndConfirm, type TalkingPair } from './support/programme-traffic';
import { ADMIN_SECRET, dayFromToday, RelayAdmin, type PlannedPair } from './support/relay-admin';
import { RelayProcess } from './support/relay-process';

const SENIORS = ['Anne Martin', 'Bernard Roux', 'Colette Petit', 'Denis Morel', 'Élise Fabre', 'Françoise Girard'];
const JUNIORS = ['Hugo Leroy', 'Inès Garnier', 'Jules Blanc', 'Karim Haddad', 'Léa Chevalier', 'Malik Benali'];
/** Words only the people's messages hold: none may be found in the relay's database. */
const SECRET_WORDS = ['Zanzibar', 'quokka', 'marmalade', 'Thundercloud', 'périscope', 'kumquat'];

const plannedPairs: PlannedPair[] = SENIORS.map((senior, index) => ({
  senior: { name: senior, email: `${senior.split(' ')[0]!.toLowerCase()}@example.com` },
  junior: { name: JUNIORS[index]!, email: `${JUNIORS[index]!.split(' ')[0]!.toLowerCase()}@example.com` },
}));

/**
 * Five pairs where the senior asks twice and the junior answers both; the sixth where the junior
 * asks, not answered yet; one kudos. So: 11 questions, 10 answered, 1 from a junior.
 */
async function talk(pairs: TalkingPair[]): Promise<void> {
  for (const [index, pair] of pairs.slice(0, 5).entries()) {
    const word = SECRET_WORDS[index]!;
    await pair.send('senior', 'question', `How do I print the ${word} sheet on one page?`);
    await pair.send('senior', 'question', `Where is the ${word} folder gone?`);
    await pair.send('junior', 'answer', `For ${word}: File, Print, Fit to one page.`);
    await pair.send('junior', 'answer', `The ${word} folder is under Documents.`);
  }
  await pairs[0]!.send('senior', 'kudos', `Thank you for ${SECRET_WORDS[0]}, so patient!`);
  await pairs[5]!.send('junior', 'question', `Could you show me how you file the ${SECRET_WORDS[5]} letters?`);
}

async function expectFigures(coordinator: CoordinatorPage): Promise<void> {
  const w = coordinator.words;
  await expect(coordinator.figure(w.pairs, w.active)).toHaveText('6');
  await expect(coordinator.figure(w.activity, w.questionsAsked)).toHaveText('11');
  await expect(coordinator.figure(w.activity, w.answered)).toHaveText(/^91\s?%$/);
  await expect(coordinator.figure(w.activity, w.twoWay)).toHaveText(/^9\s?%$/);
  await expect(coordinator.figure(w.activity, w.kudos)).toHaveText('1');
  // Each answer was posted right after its question.
  await expect(coordinator.figure(w.activity, w.median)).toHaveText(w.underAMinute);
  // Every question arrived this week, the programme's second.
  await expect(coordinator.table(w.weeks).getByRole('row').last().getByRole('cell').last()).toHaveText('11');
  // The programme ends in 10 days: every pair ends within 14, each named.
  await expect(coordinator.table(w.ending).getByRole('row')).toHaveCount(1 + 6);
}

async function gateAndScreenshots(coordinator: CoordinatorPage, problems: string[]): Promise<void> {
  for (const scheme of ['light', 'dark'] as ColorScheme[]) {
    problems.push(...(await accessibilityProblems(coordinator.page, `coordinator page (${coordinator.language})`, [scheme])));
    await coordinator.page.screenshot({ path: `.tmp/coordinator-${coordinator.language}-${scheme}.png`, fullPage: true });
  }
  await coordinator.page.emulateMedia({ colorScheme: 'light' });
}

async function openPage(browser: Browser, language: CoordinatorLanguage): Promise<CoordinatorPage> {
  const context = await browser.newContext({ locale: language === 'fr' ? 'fr-FR' : 'en-GB', acceptDownloads: true });
  return new CoordinatorPage(await context.newPage(), language);
}

test('the coordinator page shows a CSV-made programme’s figures, in English and French, and nothing of what was said', async () => {
  test.setTimeout(90_000);
  mkdirSync('.tmp', { recursive: true });
  const relay = await RelayProcess.start({ ADMIN_SECRET });
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: ['--no-sandbox', '--disable-gpu'] });
  try {
    const admin = new RelayAdmin(relay);
    const programme = await admin.createProgramme('Digital buddies 2027', dayFromToday(-7), dayFromToday(10));
    const codes = await admin.importPairs(programme.id, plannedPairs);
    expect(codes).toHaveLength(12);
    const pairs: TalkingPair[] = [];
    for (let index = 0; index < plannedPairs.length; index++) {
      pairs.push(await joinAndConfirm(relay.url, codes[2 * index]!, codes[2 * index + 1]!));
    }
    await talk(pairs);

    // With the coordinator secret, in English; then the page's own switch to French.
    const problems: string[] = [];
    let coordinator = await openPage(browser, 'en');
    await coordinator.signInWithSecret(relay.url, programme.coordinatorSecret);
    await expect(coordinator.page.getByRole('heading', { level: 2, name: 'Digital buddies 2027' })).toBeVisible();
    await expectFigures(coordinator);
    await gateAndScreenshots(coordinator, problems);
    const csv = (await coordinator.downloadCsv()).split(/\r?\n/);
    expect(csv).toEqual(
      expect.arrayContaining([
        'pairs,active,6',
        'questions,total,11',
        'answered_share_percent,,90.9',
        'two_way_share_percent,questions asked by juniors,9.1',
        'kudos,total,1',
        'pairs_ending_within_14_days,total,6',
      ]),
    );
    coordinator = await coordinator.switchTo('fr');
    await expectFigures(coordinator);
    await gateAndScreenshots(coordinator, problems);

    // With a one-time link, in a browser that prefers French: the page speaks French at once.
    const link = await admin.signInLink(programme.id);
    const linked = await openPage(browser, 'fr');
    await linked.signInWithLink(link);
    await expect(linked.page.getByRole('heading', { level: 1 })).toHaveText('Coordination du programme');
    await expectFigures(linked);
    // The link worked once.
    const again = await openPage(browser, 'fr');
    await again.page.goto(link);
    await again.page.getByRole('button', { name: again.words.signInWithLink }).click();
    await expect(again.page.getByRole('alert')).toContainText('Ce secret ou ce lien ne fonctionne pas');

    expect(problems, problems.join('\n')).toEqual([]);
    await relay.stop();
    const stored = await relay.storedText();
    expect(stored).toContain('Anne Martin'); // the reading works: the CSV's names are there
    for (const word of SECRET_WORDS) expect(stored, `the relay stored “${word}”`).not.toContain(word);
  } finally {
    await browser.close();
    await relay.dispose();
  }
});
