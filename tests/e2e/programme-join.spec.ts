/**
 * Joining a programme with the personal codes of a coordinator's e-mail: the operator's command
 * line creates the programme and imports a CSV of one pair; Bernard types his code on the welcome
 * page (French), Anne hers on the settings page (English), in the field where an invite code
 * goes. Bernard waits for Anne by name; both end paired, with matching safety numbers, and the
 * Programme tab names the programme. A code used twice is refused with the e-mail's words.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { Person } from './support/person';
import { ProgrammePage } from './support/programme-page';
import { ADMIN_SECRET, dayFromToday, RelayAdmin } from './support/relay-admin';
import { RelayProcess } from './support/relay-process';
import { WelcomePage } from './support/welcome-page';
import { messageIn } from './support/messages';

/** The pairing section around `shown`, light and dark, in .tmp/ for a person to look at. */
async function screenshots(page: Page, shown: Locator, name: string): Promise<void> {
  mkdirSync('.tmp', { recursive: true });
  const section = page.getByRole('region').filter({ has: shown }).last();
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    await section.screenshot({ path: `.tmp/${name}-${colorScheme}.png` });
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

test('two people join a CSV-made pair with their personal codes, from the settings and the welcome page', async () => {
  test.setTimeout(90_000);
  const relay = await RelayProcess.start({ ADMIN_SECRET });
  const people: Person[] = [];
  try {
    const admin = new RelayAdmin(relay);
    const programme = await admin.createProgramme('Digital buddies', dayFromToday(-7), dayFromToday(90));
    const [anneCode, bernardCode] = await admin.importPairs(programme.id, [
      {
        senior: { name: 'Anne Martin', email: 'anne@example.com' },
        junior: { name: 'Bernard Roux', email: 'bernard@example.com' },
      },
    ]);
    expect(anneCode).toMatchObject({
      name: 'Anne Martin',
      code: expect.stringMatching(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{5}$/),
    });

    const anne = await Person.launch('Anne Martin', 0, 'en');
    people.push(anne);
    const bernard = await Person.launch('Bernard Roux', 0, 'fr', undefined, { keepWelcome: true });
    people.push(bernard);

    // Bernard joins first, from the welcome page: he is told whom he waits for.
    const welcomeUrl = `chrome-extension://${bernard.extensionId}/welcome.html`;
    await expect.poll(() => bernard.context.pages().some((page) => page.url() === welcomeUrl)).toBe(true);
    const bernardWelcome = new WelcomePage(bernard.context.pages().find((page) => page.url() === welcomeUrl)!, 'fr');
    await bernardWelcome.saveProfile('Bernard Roux', relay.url);
    await bernardWelcome.join(bernardCode!.code);
    const waiting = bernardWelcome.page
      .getByRole('status')
      .filter({ hasText: messageIn('fr', 'pairing_join_waiting', 'Anne Martin') });
    await expect(waiting).toBeVisible();
    await screenshots(bernardWelcome.page, waiting, 'join-waiting-fr');

    // Then Anne, on the settings page, typing her code as a person may (lower case, spaces).
    const anneOptions = await anne.options();
    await anneOptions.saveProfile('Anne Martin', relay.url);
    await anneOptions.join(anneCode!.code.toLowerCase().replaceAll('-', ' '));

    await bernardWelcome.expectPairedWith('Anne Martin');
    await anneOptions.pairedWith('Bernard Roux');
    const anneNumber = await anneOptions.safetyNumber('Your number');
    expect(anneNumber).toMatch(/^\d{30}$/);
    expect(await bernardWelcome.safetyNumber({ buddy: 'Anne Martin' })).toBe(anneNumber);
    expect(await anneOptions.safetyNumber('Bernard Roux’s number')).toBe(await bernardWelcome.safetyNumber({ mine: true }));
    await expect(anneOptions.buddies()).toHaveText(['Bernard Roux — I learn']);

    // The pair is the programme's: the Programme tab names it.
    const popup = await anne.popup();
    const programmeTab = new ProgrammePage(popup.page);
    await programmeTab.open();
    await expect(programmeTab.pairSection('Bernard Roux')).toContainText('Programme: Digital buddies');

    // Her code again, once paired: refused with the e-mail's words, not the invite's.
    await anneOptions.join(anneCode!.code);
    await expect(anneOptions.alert()).toHaveText(messageIn('en', 'error_join_used'));
    await screenshots(anneOptions.page, anneOptions.alert(), 'join-used-en');
  } finally {
    for (const person of people) await person.close().catch(() => undefined);
    await relay.dispose();
  }
});
