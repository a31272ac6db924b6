import { expect } from '@playwright/test';
import type { Person } from './person';
import type { RelayProcess } from './relay-process';

/**
 * The asker invites from her settings page, the helper joins from his, as people do it: both see
 * the other in "My buddies", compare their safety numbers and mark them checked.
 */
export async function pairThroughSettings(asker: Person, helper: Person, relay: RelayProcess): Promise<void> {
  const askerOptions = await asker.options();
  await askerOptions.saveProfile(asker.name, relay.url);
  const code = await askerOptions.createInvite('learn from my buddy');

  const helperOptions = await helper.options();
  await helperOptions.saveProfile(helper.name, relay.url);
  await helperOptions.join(code.toLowerCase());
  // Both browsers check each other's confirmation of the code before either records the pair.
  await helperOptions.pairedWith(asker.name);
  await askerOptions.pairedWith(helper.name);
  await expect(helperOptions.buddies().filter({ hasText: asker.name })).toHaveText([`${asker.name} — I help`]);
  await expect(askerOptions.buddies()).toHaveText([`${helper.name} — I learn`]);
  // Each reads their own number aloud; the other finds it under the buddy's name.
  const askerNumber = await askerOptions.safetyNumber('Your number');
  expect(askerNumber).toMatch(/^\d{30}$/);
  expect(await helperOptions.safetyNumber(`${asker.name}’s number`)).toBe(askerNumber);
  expect(await askerOptions.safetyNumber(`${helper.name}’s number`)).toBe(await helperOptions.safetyNumber('Your number'));
  await askerOptions.markVerified(helper.name);
  await helperOptions.markVerified(asker.name);
  await askerOptions.page.close();
  await helperOptions.page.close();
}
