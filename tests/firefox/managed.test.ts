/**
 * A company's IT installs Firefox's policies.json, made by the same generator as the files of
 * deploy/ (deploy/policy-files.ts), where Firefox on Linux reads it, before Firefox starts: the
 * add-on (its id from the manifest, browser_specific_settings.gecko.id, which the policy names)
 * gets the company's settings through storage.managed, from the policy's
 * `3rdparty.Extensions[<add-on id>]`. This holds for an add-on installed as a temporary add-on
 * too: Firefox looks the policy up by the add-on's id (ext-storage.js, lookupManagedStorage),
 * however it was installed.
 */
import { expect, test } from 'vitest';
import { startFixtureServer } from '../e2e/support/fixture-server';
import { RelayProcess } from '../e2e/support/relay-process';
import { builtAddonId } from './support/firefox';
import { FirefoxPerson } from './support/firefox-person';
import { installFirefoxPolicy } from './support/firefox-policy';

test('a company policies.json presets and locks the relay and names an internal tool', async (context) => {
  const fixtures = await startFixtureServer();
  const relay = await RelayProcess.start();
  const policy = {
    relayUrl: relay.url,
    relayUrlLocked: true,
    programmeName: 'Acme reverse mentoring',
    extraTools: [{ host: 'crm.acme.internal', name: 'Acme CRM' }],
  };
  // The force-install entry of the same file points at the fixture server, which has no package:
  // Firefox's attempt to fetch it fails on this computer, and the temporary add-on is the one tested.
  const installed = installFirefoxPolicy(builtAddonId(), policy, `http://127.0.0.1:${fixtures.port}/extension`);
  const people: FirefoxPerson[] = [];
  try {
    if (typeof installed === 'string') return context.skip(installed);
    const anne = await FirefoxPerson.launch('Anne Martin');
    people.push(anne);
    // What about:policies shows: Firefox read this file, and kept the add-on's entry as written.
    expect(await anne.extensionPolicy(), `Firefox reads ${installed.path}`).toEqual(policy);

    const anneOptions = await anne.options();
    await expect
      .poll(() => anneOptions.relayField(), { timeout: 15_000 })
      .toEqual({
        value: relay.url,
        readOnly: true,
        description: 'Set by your organisation',
      });
    expect(await anneOptions.page.evaluate(() => document.body.innerText)).toContain('Programme: Acme reverse mentoring');

    // Pairing with nothing but a name: the relay is the company's.
    await anneOptions.saveName('Anne Martin');
    const code = await anneOptions.createInvite('learn from my buddy');
    const hugo = await FirefoxPerson.launch('Hugo');
    people.push(hugo);
    const hugoOptions = await hugo.options();
    await expect.poll(() => hugoOptions.relayField().then((field) => field?.readOnly), { timeout: 15_000 }).toBe(true);
    await hugoOptions.saveName('Hugo');
    await hugoOptions.join(code.toLowerCase());
    await anneOptions.pairedWith('Hugo');

    // The company's own tool, under its own hostname (resolved to the fixture server, see launchFirefox).
    const crm = await anne.openSite(`http://crm.acme.internal:${fixtures.port}/accounts/excel-budget.html`);
    const popup = await anne.popupFor(crm);
    await popup.openAskForm();
    await expect.poll(() => popup.context()).toContain('Acme CRM');
  } finally {
    for (const person of people) await person.close().catch(() => undefined);
    if (typeof installed !== 'string') installed.restore();
    await relay.dispose();
    await fixtures.close();
  }
});
