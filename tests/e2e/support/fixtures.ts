import { test as base, expect } from '@playwright/test';
import { Desktop } from './desktop';
import { startFixtureServer } from './fixture-server';
import { Person } from './person';
import { RelayProcess } from './relay-process';

interface Pair {
  relay: RelayProcess;
  asker: Person;
  helper: Person;
  fixtureUrl(page: string): string;
}

/**
 * Two people paired through a real relay process: Anne asks (she learns), Hugo helps.
 * Pairing goes through both options pages, as a person would do it.
 */
export const test = base.extend<{ askerAtDesktop: boolean; pair: Pair }>({
  /** Anne in a real (virtual) desktop session, for keyboard shortcuts and the right-click menu. */
  askerAtDesktop: [false, { option: true }],
  pair: async ({ askerAtDesktop }, use) => {
    const fixtures = await startFixtureServer();
    const relay = await RelayProcess.start();
    const desktop = askerAtDesktop ? await Desktop.start() : undefined;
    const asker = await Person.launch('Anne Martin', fixtures.port, 'en', desktop);
    const helper = await Person.launch('Hugo', fixtures.port);
    let failure: unknown;
    try {
      const askerOptions = await asker.options();
      await askerOptions.saveProfile('Anne Martin', relay.url);
      const code = await askerOptions.createInvite('learn from my buddy');

      const helperOptions = await helper.options();
      await helperOptions.saveProfile('Hugo', relay.url);
      await helperOptions.join(code.toLowerCase());
      // Both browsers check each other's confirmation of the code before either records the pair.
      await helperOptions.pairedWith('Anne Martin');
      await askerOptions.pairedWith('Hugo');
      await expect(helperOptions.buddies()).toHaveText(['Anne Martin — I help']);
      await expect(askerOptions.buddies()).toHaveText(['Hugo — I learn']);
      // Each reads their own number aloud; the other finds it under the buddy's name.
      const anneNumber = await askerOptions.safetyNumber('Your number');
      expect(anneNumber).toMatch(/^\d{30}$/);
      expect(await helperOptions.safetyNumber('Anne Martin’s number')).toBe(anneNumber);
      expect(await askerOptions.safetyNumber('Hugo’s number')).toBe(await helperOptions.safetyNumber('Your number'));
      await askerOptions.markVerified('Hugo');
      await helperOptions.markVerified('Anne Martin');
      await askerOptions.page.close();
      await helperOptions.page.close();

      await use({
        relay,
        asker,
        helper,
        fixtureUrl: (page) => `http://excel.officeapps.live.com/x/${page}`,
      });
    } catch (error) {
      failure = error;
    } finally {
      // Each step runs even if one before it fails: a relay left running would outlive the test.
      const steps = [
        () => asker.close(),
        () => helper.close(),
        () => relay.dispose(),
        () => fixtures.close(),
        async () => desktop?.stop(),
      ];
      const failures: unknown[] = [];
      for (const step of steps) await step().catch((error: unknown) => failures.push(error));
      failure ??= failures[0];
    }
    // The test's own failure comes first; a failed clean-up is reported when the test passed.
    if (failure !== undefined) throw failure;
  },
});

export { expect };
