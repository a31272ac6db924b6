/**
 * The person asking is not an IT person: "relay" is the word of the settings' address field, its
 * hint and its error, which whoever sets Binôme up reads. Everywhere else Binôme says it plainly.
 */
import { expect, it } from 'vitest';
import en from '@/public/_locales/en/messages.json';
import fr from '@/public/_locales/fr/messages.json';

const FOR_WHOEVER_SETS_IT_UP = ['profile_relay_label', 'profile_relay_hint', 'error_bad_relay_url', 'error_relay_locked'];

it.each([
  ['en', en, /\brelays?\b/i],
  ['fr', fr, /\brelais\b/i],
] as const)('no message says "relay" outside the settings’ address field (%s)', (_, messages, word) => {
  const saying = Object.entries(messages as Record<string, { message: string }>)
    .filter(([, { message }]) => word.test(message))
    .map(([key]) => key);
  expect(saying.filter((key) => !FOR_WHOEVER_SETS_IT_UP.includes(key))).toEqual([]);
});
