/**
 * Settings that don't trap: the pairing buttons use the name and address on screen (saved first),
 * an error goes once its cause is fixed or the next try works, and each kind of failure on the
 * way to the server gets its own sentence. The settings page's profile form and pairing section
 * rendered for real (Preact on linkedom), with a background double that says what it was asked.
 */
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import en from '@/public/_locales/en/messages.json';
import { PairingSection } from '@/components/PairingSection';
import { ServicesProvider } from '@/components/services';
import { ProfileFormProvider } from '@/components/useProfileForm';
import type { BinomeDb } from '@/lib/db/db';
import { readProfile, saveProfile, type Profile } from '@/lib/db/settings';
import type { Client } from '@/lib/messaging/client';
import { BackgroundError } from '@/lib/messaging/messaging';
import { ProfileForm } from '@/entrypoints/options/ProfileForm';
import { emptyDb } from '../helpers/db';
import { pageToRenderIn, show, unmountShown } from '../helpers/dom';
import { speak } from '../helpers/i18n';

const INVITE = { code: 'ABCDEFGHJ', expiresAt: Date.UTC(2030, 0, 1), pairingId: 'pairing-1' };
/** A personal code as the coordinator's e-mail gives it, typed the way a person may type it. */
const PERSONAL_CODE_TYPED = 'abcd efgh jkmn-pqrst';
const JOIN_PAIRING_ID = 'pairing-3';

/** The background's side of pairing: it reads the stored profile when asked, as the real one does. */
function backgroundDouble(db: BinomeDb) {
  const profilesSeen: Profile[] = [];
  const failures: string[] = [];
  /** Which code each Join went to the background as: an invite, or a personal code (as typed). */
  const accepted: string[] = [];
  const client = {
    async createInvite() {
      profilesSeen.push(await readProfile(db));
      const code = failures.shift();
      if (code) throw new BackgroundError(code, `failed with ${code}`);
      await db.pairings.put({
        id: INVITE.pairingId,
        relayUrl: profilesSeen.at(-1)!.relayUrl,
        side: 'inviter',
        nameplate: 'ABCD',
        myRole: 'learner',
        secret: null,
        expectedConfirm: null,
        pairId: null,
        peerName: null,
        status: 'waiting',
        expiresAt: INVITE.expiresAt,
        createdAt: 1,
      });
      return INVITE;
    },
    async acceptInvite() {
      profilesSeen.push(await readProfile(db));
      const code = failures.shift();
      if (code) throw new BackgroundError(code, `failed with ${code}`);
      accepted.push('invite');
      return { pairingId: 'pairing-2', peerName: 'Karim' };
    },
    async joinProgramme(code: string) {
      profilesSeen.push(await readProfile(db));
      accepted.push(`personal ${code}`);
      const failure = failures.shift();
      if (failure) throw new BackgroundError(failure, `failed with ${failure}`);
      // The first of the pair to join waits, with the buddy's name from the coordinator's CSV.
      await db.pairings.put({
        id: JOIN_PAIRING_ID,
        relayUrl: profilesSeen.at(-1)!.relayUrl,
        side: 'inviter',
        nameplate: 'programme:slot-1',
        myRole: 'learner',
        secret: null,
        expectedConfirm: null,
        pairId: null,
        peerName: 'Bernard Roux',
        status: 'waiting',
        expiresAt: INVITE.expiresAt,
        createdAt: 1,
      });
      return { pairingId: JOIN_PAIRING_ID };
    },
    syncNow: async () => undefined,
  } as unknown as Client;
  return { client, profilesSeen, accepted, failWith: (...codes: string[]) => failures.push(...codes) };
}

let container: HTMLElement;
/** The messages of the language the page speaks, to find its fields by their labels. */
let words: typeof en = en;

async function speakIn(language: 'en' | 'fr'): Promise<void> {
  speak(language);
  words = (await import(`@/public/_locales/${language}/messages.json`)).default as typeof en;
}

beforeEach(async () => {
  container = pageToRenderIn();
  await speakIn('en');
});

afterEach(unmountShown);

async function showSettings(db: BinomeDb, client: Client): Promise<void> {
  await show(
    <ServicesProvider db={db} client={client}>
      <ProfileFormProvider>
        <ProfileForm />
        <PairingSection />
      </ProfileFormProvider>
    </ServicesProvider>,
  );
}

function field(labelText: string): HTMLInputElement {
  const label = [...container.querySelectorAll('label')].find((element) => element.textContent === labelText);
  const input = label && container.querySelector(`[id="${label.getAttribute('for')}"]`);
  if (!input) throw new Error(`No field labelled ${labelText}`);
  return input as HTMLInputElement;
}

function button(name: string): HTMLButtonElement {
  const found = [...container.querySelectorAll('button')].find((element) => element.textContent === name);
  if (!found) throw new Error(`No button ${name}`);
  return found as HTMLButtonElement;
}

const nameField = () => field(words.profile_name_label.message);
const relayField = () => field(words.profile_relay_label.message);
const codeField = () => field(words.pairing_join_label.message);
const alerts = () => [...container.querySelectorAll('[role="alert"]')].map((element) => element.textContent);
const statuses = () => [...container.querySelectorAll('[role="status"]')].map((element) => element.textContent);

async function type(input: HTMLInputElement, text: string): Promise<void> {
  await act(() => {
    input.value = text;
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

async function click(target: HTMLButtonElement): Promise<void> {
  await act(() => {
    target.dispatchEvent(new Event('click', { bubbles: true }));
  });
}

async function submit(form: HTMLFormElement): Promise<void> {
  await act(() => {
    form.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
  });
}

async function readySettings(stored: Profile = { displayName: '', relayUrl: 'https://binome.example.com' }) {
  const db = emptyDb();
  await saveProfile(db, stored);
  const background = backgroundDouble(db);
  await showSettings(db, background.client);
  await vi.waitFor(() => expect(relayField().value).toBe(stored.relayUrl));
  return { db, ...background };
}

describe('the pairing buttons use what is typed', () => {
  it('"Create an invite code" with a name typed but not saved saves it first, then makes the code', async () => {
    const { db, profilesSeen } = await readySettings();
    await type(nameField(), '  Anne Martin ');
    await click(button(en.pairing_create.message));

    await vi.waitFor(() => expect(profilesSeen).toHaveLength(1));
    expect(profilesSeen[0]).toEqual({ displayName: 'Anne Martin', relayUrl: 'https://binome.example.com' });
    expect(await readProfile(db)).toEqual({ displayName: 'Anne Martin', relayUrl: 'https://binome.example.com' });
    await vi.waitFor(() => expect(container.textContent).toContain('ABC-DEF-GHJ'));
    expect(alerts()).toEqual([]);
    expect(nameField().value).toBe('Anne Martin');
  });

  it('"Join" with an address typed without https:// saves it as the address it means', async () => {
    const { db, profilesSeen } = await readySettings({ displayName: 'Claire', relayUrl: 'http://127.0.0.1:8787' });
    await type(relayField(), 'binome.acme.com');
    await type(codeField(), 'ABC-DEF-GHJ');
    await submit(codeField().closest('form') as unknown as HTMLFormElement);

    await vi.waitFor(() => expect(profilesSeen).toEqual([{ displayName: 'Claire', relayUrl: 'https://binome.acme.com' }]));
    expect((await readProfile(db)).relayUrl).toBe('https://binome.acme.com');
    await vi.waitFor(() => expect(relayField().value).toBe('https://binome.acme.com'));
  });

  it('an empty name stops pairing with its sentence, which goes as soon as a name is typed', async () => {
    const { profilesSeen } = await readySettings();
    await click(button(en.pairing_create.message));
    await vi.waitFor(() => expect(alerts()).toEqual([en.error_no_name.message]));
    expect(profilesSeen).toEqual([]);

    await type(nameField(), 'A');
    expect(alerts()).toEqual([]);
  });

  it('a bad address typed stops pairing with the "not an address" sentence and changes nothing', async () => {
    const { db, profilesSeen } = await readySettings({ displayName: 'Anne', relayUrl: 'https://binome.example.com' });
    await type(relayField(), 'ftp://binome.acme.com');
    await click(button(en.pairing_create.message));
    await vi.waitFor(() => expect(alerts()).toEqual([en.error_bad_relay_url.message]));
    expect(profilesSeen).toEqual([]);
    expect((await readProfile(db)).relayUrl).toBe('https://binome.example.com');

    await type(relayField(), 'binome.acme.com');
    expect(alerts()).toEqual([]);
  });
});

describe('errors that go when their cause is fixed', () => {
  it('the Save error for a missing name goes when a name is typed, and "Saved." never stands beside an error', async () => {
    await readySettings();
    const form = nameField().closest('form') as unknown as HTMLFormElement;
    await submit(form);
    await vi.waitFor(() => expect(alerts()).toEqual([en.error_no_name.message]));

    await type(nameField(), 'Anne');
    expect(alerts()).toEqual([]);
    await submit(form);
    await vi.waitFor(() => expect(statuses()).toContain(en.profile_saved.message));
    expect(alerts()).toEqual([]);

    // "Saved." was about the name before this change.
    await type(nameField(), 'Anne M');
    expect(statuses()).not.toContain(en.profile_saved.message);
  });

  it('a failure on the way to the server goes when the next try works', async () => {
    const { failWith } = await readySettings({ displayName: 'Anne', relayUrl: 'https://binome.example.com' });
    failWith('network');
    await click(button(en.pairing_create.message));
    await vi.waitFor(() => expect(alerts()).toEqual([en.error_network.message]));

    await click(button(en.pairing_create.message));
    await vi.waitFor(() => expect(container.textContent).toContain('ABC-DEF-GHJ'));
    expect(alerts()).toEqual([]);
  });

  it('a pairing error goes when the person types a new code', async () => {
    const { failWith } = await readySettings({ displayName: 'Anne', relayUrl: 'https://binome.example.com' });
    failWith('invite_invalid');
    await type(codeField(), 'ABC-DEF-GHK');
    await submit(codeField().closest('form') as unknown as HTMLFormElement);
    await vi.waitFor(() => expect(alerts()).toEqual([en.error_invite_invalid.message]));

    await type(codeField(), 'ABC-DEF-GHJ');
    expect(alerts()).toEqual([]);
  });
});

describe('three failures, three sentences that say what to do', () => {
  it.each(['en', 'fr'] as const)('a wrong address, no answer and a refusal are told apart (%s)', async (language) => {
    await speakIn(language);
    const { failWith } = await readySettings({ displayName: 'Anne', relayUrl: 'https://binome.example.com' });
    const shown: string[] = [];
    for (const code of ['protocol', 'network', 'refused']) {
      failWith(code);
      await click(button(words.pairing_create.message));
      await vi.waitFor(() => expect(alerts()).toHaveLength(1));
      shown.push(alerts()[0]!);
    }
    expect(new Set(shown).size).toBe(3);
    expect(shown).toEqual([words.error_wrong_address.message, words.error_network.message, words.error_refused.message]);
  });
});

describe('one field for both codes: an invite from the buddy, or a personal code from the e-mail', () => {
  const joinForm = () => codeField().closest('form') as unknown as HTMLFormElement;

  it('an invite code goes to the background as an invite, a personal code as a programme join', async () => {
    const { accepted } = await readySettings({ displayName: 'Anne', relayUrl: 'https://binome.example.com' });
    await type(codeField(), 'abc-def-ghj');
    await submit(joinForm());
    await vi.waitFor(() => expect(accepted).toEqual(['invite']));

    await type(codeField(), PERSONAL_CODE_TYPED);
    await submit(joinForm());
    await vi.waitFor(() => expect(accepted).toEqual(['invite', `personal ${PERSONAL_CODE_TYPED}`]));
    expect(alerts()).toEqual([]);
  });

  it.each(['en', 'fr'] as const)(
    'after joining, the person is told whom they wait for, then why it failed (%s)',
    async (language) => {
      await speakIn(language);
      const { db } = await readySettings({ displayName: 'Anne', relayUrl: 'https://binome.example.com' });
      await type(codeField(), PERSONAL_CODE_TYPED);
      await submit(joinForm());
      const waiting = words.pairing_join_waiting.message.replace('$1', 'Bernard Roux');
      await vi.waitFor(() => expect(statuses()).toContain(waiting));
      expect(codeField().value).toBe('');

      // The buddy's code ended in another pair secret: the keys did not match.
      await act(async () => {
        await db.pairings.update(JOIN_PAIRING_ID, { status: 'failed' });
      });
      await vi.waitFor(() => expect(alerts()).toEqual([words.pairing_join_failed.message]));
      expect(statuses()).not.toContain(waiting);
    },
  );

  it.each(['en', 'fr'] as const)(
    'an unknown, used or ended personal code gets its own sentence, never the invite’s (%s)',
    async (language) => {
      await speakIn(language);
      const { db, failWith } = await readySettings({ displayName: 'Anne', relayUrl: 'https://binome.example.com' });
      const shown: string[] = [];
      for (const code of ['join_invalid', 'join_used', 'join_ended']) {
        failWith(code);
        await type(codeField(), PERSONAL_CODE_TYPED);
        await submit(joinForm());
        await vi.waitFor(() => expect(alerts()).toHaveLength(1));
        shown.push(alerts()[0]!);
      }
      expect(shown).toEqual([words.error_join_invalid.message, words.error_join_used.message, words.error_join_ended.message]);
      expect(shown).not.toContain(words.error_invite_invalid.message);
      expect(await db.pairings.count()).toBe(0);
    },
  );
});
