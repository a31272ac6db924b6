import { expect, test } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { CHROME_EXTENSION_ID } from '../../lib/managed/extension-ids';
import { startFixtureServer } from './support/fixture-server';
import { installChromiumPolicy } from './support/managed-policy';
import { messageIn } from './support/messages';
import { Person } from './support/person';
import { RelayProcess } from './support/relay-process';
import { WelcomePage } from './support/welcome-page';

/**
 * A company's IT installs a policy file, as docs/deploy.md tells it to, before the browser
 * starts: the extension (at its pinned id) comes up on the company's relay, locked, with the
 * company's own tool in its catalogue.
 */
test('a company policy presets and locks the relay, drops the address step and names an internal tool', async () => {
  const fixtures = await startFixtureServer();
  const relay = await RelayProcess.start();
  const installed = installChromiumPolicy(CHROME_EXTENSION_ID, {
    relayUrl: relay.url,
    relayUrlLocked: true,
    programmeName: 'Acme reverse mentoring',
    extraTools: [{ host: 'crm.acme.internal', name: 'Acme CRM' }],
  });
  const people: Person[] = [];
  try {
    test.skip(typeof installed === 'string', typeof installed === 'string' ? installed : '');
    const anne = await Person.launch('Anne Martin', fixtures.port, 'en', undefined, { keepWelcome: true });
    people.push(anne);
    expect(anne.extensionId, 'the manifest key pins the id the policy names').toBe(CHROME_EXTENSION_ID);

    const welcomeUrl = `chrome-extension://${anne.extensionId}/welcome.html`;
    await expect.poll(() => anne.context.pages().some((page) => page.url() === welcomeUrl)).toBe(true);
    const welcome = new WelcomePage(anne.context.pages().find((page) => page.url() === welcomeUrl)!, 'en');
    await expect(welcome.steps().getByRole('heading', { level: 2 })).toHaveText([
      welcome.text('welcome_name_title'),
      welcome.text('welcome_pair_title'),
      welcome.text('welcome_compare_title'),
      welcome.text('welcome_try_title'),
    ]);
    await welcome.page.close();

    const anneOptions = await anne.options();
    const relayField = anneOptions.relayField();
    // Chromium answers managed storage a few seconds after a first start: the page follows when it does.
    await expect(relayField).toHaveValue(relay.url);
    await expect(relayField).toHaveAttribute('readonly', '');
    await expect(relayField).toHaveAccessibleDescription('Set by your organisation');
    await expect(anneOptions.page.getByText('Programme: Acme reverse mentoring')).toBeVisible();
    mkdirSync('.tmp', { recursive: true });
    await anneOptions.page.screenshot({ path: '.tmp/managed-settings-en.png', fullPage: true });

    // Pairing with nothing but a name: the relay is the company's.
    await anneOptions.saveName('Anne Martin');
    const code = await anneOptions.createInvite('learn from my buddy');
    const hugo = await Person.launch('Hugo', fixtures.port);
    people.push(hugo);
    const hugoOptions = await hugo.options();
    // Chromium gives a fresh profile its policy a few seconds after start; the field shows when it has.
    await expect(hugoOptions.relayField()).toHaveAttribute('readonly', '');
    await hugoOptions.saveName('Hugo');
    await hugoOptions.join(code.toLowerCase());
    await anneOptions.pairedWith('Hugo');

    const page = await anne.context.newPage();
    await page.goto(`http://crm.acme.internal/accounts/excel-budget.html`);
    const popup = await anne.askFormFor(page);
    await expect(popup.context()).toContainText('Acme CRM');

    // The lock speaks French too, in light and dark.
    await anneOptions.page.bringToFront();
    await anneOptions.chooseLanguage('Français');
    await expect(anneOptions.page.getByLabel('Adresse du relais')).toHaveAccessibleDescription('Défini par votre organisation');
    for (const colorScheme of ['light', 'dark'] as const) {
      await anneOptions.page.emulateMedia({ colorScheme });
      await anneOptions.page.screenshot({ path: `.tmp/managed-settings-fr-${colorScheme}.png`, fullPage: true });
    }
  } finally {
    for (const person of people) await person.close().catch(() => undefined);
    if (typeof installed !== 'string') installed.remove();
    await relay.dispose();
    await fixtures.close();
  }
});

test('a company’s default language applies to an English browser until the person chooses another', async () => {
  const fixtures = await startFixtureServer();
  const installed = installChromiumPolicy(CHROME_EXTENSION_ID, { defaultLanguage: 'fr' });
  let anne: Person | undefined;
  try {
    test.skip(typeof installed === 'string', typeof installed === 'string' ? installed : '');
    anne = await Person.launch('Anne Langue', fixtures.port, 'en');
    const options = await anne.options();
    // The policy arrives a few seconds after a first start; the open page follows it in place.
    await expect(options.page.getByRole('heading', { level: 1 })).toHaveText(messageIn('fr', 'options_title'));
    await expect(options.page.getByRole('radio', { name: 'Français', exact: true })).toBeChecked();
    await options.page.getByRole('radio', { name: 'English', exact: true }).click();
    await expect(options.page.getByRole('heading', { level: 1 })).toHaveText(messageIn('en', 'options_title'));
    const reopened = await anne.options();
    await expect(reopened.page.getByRole('heading', { level: 1 })).toHaveText(messageIn('en', 'options_title'));
  } finally {
    await anne?.close().catch(() => undefined);
    if (typeof installed !== 'string') installed.remove();
    await fixtures.close();
  }
});
