import { expect, test } from '@playwright/test';
import { startFixtureServer } from './support/fixture-server';
import { Person } from './support/person';

/**
 * A profile meant to be French must really be French: Debian's Chromium needs chromium-l10n for
 * that, and without it every "French" test would quietly run in English.
 */
test('a profile launched in French is French, in the browser and in Binôme', async () => {
  const fixtures = await startFixtureServer();
  const french = await Person.launch('Langue FR', fixtures.port, 'fr');
  try {
    const options = await french.options();
    expect(await options.page.evaluate(() => navigator.language)).toMatch(/^fr\b/);
    await expect(options.page.getByRole('heading', { level: 1 })).toHaveText('Réglages de Binôme');
  } finally {
    await french.close();
    await fixtures.close();
  }
});
