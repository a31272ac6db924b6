import { test as base, expect } from '@playwright/test';
import { Desktop } from './desktop';
import { startFixtureServer } from './fixture-server';
import { pairThroughSettings } from './pairing';
import { Person } from './person';
import { RelayProcess } from './relay-process';

interface Pair {
  relay: RelayProcess;
  asker: Person;
  helper: Person;
  fixtureUrl(page: string): string;
}

/** Hugo helps two seniors, Anne and Bernard: two pairs, one helper. */
interface Trio {
  relay: RelayProcess;
  helper: Person;
  askers: [Person, Person];
  fixtureUrl(page: string): string;
}

const fixtureUrl = (page: string) => `http://excel.officeapps.live.com/x/${page}`;

/**
 * Launches `names` (each a fresh profile), runs `body`, then closes everything: each step runs
 * even if one before it fails (a relay left running would outlive the test); the test's own
 * failure comes first, a failed clean-up is reported when the test passed.
 */
async function withPeople(
  names: string[],
  body: (relay: RelayProcess, people: Person[]) => Promise<void>,
  desktop?: Desktop,
): Promise<void> {
  const fixtures = await startFixtureServer();
  const relay = await RelayProcess.start();
  const people: Person[] = [];
  let failure: unknown;
  try {
    // Only the first person sits at the desktop, when there is one.
    for (const [index, name] of names.entries()) {
      people.push(await Person.launch(name, fixtures.port, 'en', index === 0 ? desktop : undefined));
    }
    await body(relay, people);
  } catch (error) {
    failure = error;
  } finally {
    const steps = [
      ...people.map((person) => () => person.close()),
      () => relay.dispose(),
      () => fixtures.close(),
      async () => desktop?.stop(),
    ];
    const failures: unknown[] = [];
    for (const step of steps) await step().catch((error: unknown) => failures.push(error));
    failure ??= failures[0];
  }
  if (failure !== undefined) throw failure;
}

/**
 * Two people paired through a real relay process: Anne asks (she learns), Hugo helps.
 * Pairing goes through both options pages, as a person would do it.
 */
export const test = base.extend<{ askerAtDesktop: boolean; pair: Pair; trio: Trio }>({
  /** Anne in a real (virtual) desktop session, for keyboard shortcuts and the right-click menu. */
  askerAtDesktop: [false, { option: true }],
  pair: async ({ askerAtDesktop }, use) => {
    const desktop = askerAtDesktop ? await Desktop.start() : undefined;
    await withPeople(
      ['Anne Martin', 'Hugo'],
      async (relay, [asker, helper]) => {
        await pairThroughSettings(asker!, helper!, relay);
        await use({ relay, asker: asker!, helper: helper!, fixtureUrl });
      },
      desktop,
    );
  },
  /** Hugo helps Anne and then Bernard, each paired from the settings pages. */
  // biome-ignore lint/correctness/noEmptyPattern: Playwright reads which fixtures a fixture needs from this pattern, and the trio needs none.
  trio: async ({}, use) => {
    await withPeople(['Hugo', 'Anne Martin', 'Bernard Roux'], async (relay, [helper, anne, bernard]) => {
      await pairThroughSettings(anne!, helper!, relay);
      await pairThroughSettings(bernard!, helper!, relay);
      await use({ relay, helper: helper!, askers: [anne!, bernard!], fixtureUrl });
    });
  },
});

export { expect };
