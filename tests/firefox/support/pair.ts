import { test as base, expect } from 'vitest';
import { startFixtureServer } from '../../e2e/support/fixture-server';
import { RelayProcess } from '../../e2e/support/relay-process';
import { FirefoxPerson } from './firefox-person';

export interface FirefoxPair {
  relay: RelayProcess;
  asker: FirefoxPerson;
  helper: FirefoxPerson;
  fixtureUrl(page: string): string;
}

/**
 * Anne (she learns) and Hugo (he helps), each in a Firefox of their own, paired through both
 * settings pages and a real relay process, as in the Chromium suite (tests/e2e/support/fixtures.ts).
 */
async function pairInFirefox(): Promise<FirefoxPair & { dispose(): Promise<void> }> {
  const cleanUps: (() => Promise<unknown>)[] = [];
  const dispose = async () => {
    // Each step runs even if one before it fails: a relay or a Firefox left running would outlive the test.
    const failures: unknown[] = [];
    for (const cleanUp of cleanUps.reverse()) await cleanUp().catch((error: unknown) => failures.push(error));
    if (failures.length > 0) throw failures[0];
  };
  try {
    const fixtures = await startFixtureServer();
    cleanUps.push(() => fixtures.close());
    const relay = await RelayProcess.start();
    cleanUps.push(() => relay.dispose());
    const asker = await FirefoxPerson.launch('Anne Martin');
    cleanUps.push(() => asker.close());
    const helper = await FirefoxPerson.launch('Hugo');
    cleanUps.push(() => helper.close());

    const askerOptions = await asker.options();
    await askerOptions.saveProfile('Anne Martin', relay.url);
    const code = await askerOptions.createInvite('learn from my buddy');
    const helperOptions = await helper.options();
    await helperOptions.saveProfile('Hugo', relay.url);
    await helperOptions.join(code.toLowerCase());
    // Both browsers check each other's confirmation of the code before either records the pair.
    await helperOptions.pairedWith('Anne Martin');
    await askerOptions.pairedWith('Hugo');
    await expect.poll(() => helperOptions.buddies()).toEqual(['Anne Martin — I help']);
    await expect.poll(() => askerOptions.buddies()).toEqual(['Hugo — I learn']);
    const anneNumber = await askerOptions.safetyNumber('Your number');
    expect(anneNumber).toMatch(/^\d{30}$/);
    expect(await helperOptions.safetyNumber('Anne Martin’s number')).toBe(anneNumber);
    expect(await askerOptions.safetyNumber('Hugo’s number')).toBe(await helperOptions.safetyNumber('Your number'));
    await askerOptions.markVerified('Hugo');
    await helperOptions.markVerified('Anne Martin');
    await askerOptions.page.close();
    await helperOptions.page.close();

    return {
      relay,
      asker,
      helper,
      fixtureUrl: (page) => `http://excel.officeapps.live.com:${fixtures.port}/x/${page}`,
      dispose,
    };
  } catch (error) {
    await dispose().catch(() => undefined);
    throw error;
  }
}

/** A test with `pair`: set up inside the test, so that a failed pairing fails it (a hook's failure would only skip it). */
export const test = base.extend<{ pair: FirefoxPair }>({
  // biome-ignore lint/correctness/noEmptyPattern: Vitest reads the fixtures a fixture needs from this pattern.
  pair: async ({}, use) => {
    const { dispose, ...pair } = await pairInFirefox();
    try {
      await use(pair);
    } finally {
      await dispose();
    }
  },
});

export { expect };
