import { expect, test } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { startFixtureServer } from './support/fixture-server';
import { Person } from './support/person';
import { RelayProcess } from './support/relay-process';
import { messageIn } from './support/messages';
import { WelcomePage } from './support/welcome-page';
import type { Language } from './support/words';

/** The tab the extension opened on install, among the profile's pages (it may open just after launch). */
async function welcomePageOpenedOnInstall(person: Person, language: Language): Promise<WelcomePage> {
  const url = `chrome-extension://${person.extensionId}/welcome.html`;
  const opened = () => person.context.pages().find((page) => page.url() === url);
  await expect.poll(() => opened() !== undefined, { message: `${person.name}'s welcome page opens on install` }).toBe(true);
  const page = opened()!;
  await page.waitForLoadState();
  return new WelcomePage(page, language);
}

test('install opens the welcome page, in English and in French, and two people pair from it alone', async () => {
  const fixtures = await startFixtureServer();
  const relay = await RelayProcess.start();
  const anne = await Person.launch('Anne Martin', fixtures.port, 'en', undefined, { keepWelcome: true });
  const claire = await Person.launch('Claire Dubois', fixtures.port, 'fr', undefined, { keepWelcome: true });
  try {
    const anneWelcome = await welcomePageOpenedOnInstall(anne, 'en');
    const claireWelcome = await welcomePageOpenedOnInstall(claire, 'fr');
    await expect(anneWelcome.page.getByRole('heading', { level: 1 })).toHaveText('Welcome to Binôme');
    await expect(claireWelcome.page.getByRole('heading', { level: 1 })).toHaveText('Bienvenue dans Binôme');
    for (const welcome of [anneWelcome, claireWelcome]) {
      await expect(welcome.steps().getByRole('heading', { level: 2 })).toHaveText([
        welcome.text('welcome_name_title'),
        welcome.text('welcome_address_title'),
        welcome.text('welcome_pair_title'),
        welcome.text('welcome_compare_title'),
        welcome.text('welcome_try_title'),
      ]);
    }

    mkdirSync('.tmp', { recursive: true });
    await anneWelcome.page.screenshot({ path: '.tmp/welcome-en.png', fullPage: true });
    await claireWelcome.page.screenshot({ path: '.tmp/welcome-fr.png', fullPage: true });

    await anneWelcome.saveProfile('Anne Martin', relay.url);
    await claireWelcome.saveProfile('Claire Dubois', relay.url);
    const code = await anneWelcome.createInvite('learner');
    await claireWelcome.join(code);
    await claireWelcome.expectPairedWith('Anne Martin');
    await anneWelcome.expectPairedWith('Claire Dubois');
    await expect(claireWelcome.page.getByText('Vous êtes en binôme avec Anne Martin.')).toBeVisible();

    // Nobody went through the settings page.
    for (const person of [anne, claire]) {
      expect(person.context.pages().map((page) => page.url())).not.toContainEqual(expect.stringContaining('/options.html'));
    }

    // Closed, it can be opened again from the settings, already filled in.
    await claireWelcome.page.close();
    const options = await claire.options();
    await options.page.getByRole('link', { name: messageIn('fr', 'options_open_welcome') }).click();
    const reopened = new WelcomePage(options.page, 'fr');
    await expect(reopened.page.getByRole('heading', { level: 1 })).toHaveText('Bienvenue dans Binôme');
    await expect(reopened.page.getByLabel(reopened.text('profile_name_label'))).toHaveValue('Claire Dubois');
  } finally {
    await anne.close();
    await claire.close();
    await relay.dispose();
    await fixtures.close();
  }
});
