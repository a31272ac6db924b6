/**
 * The settings page's profile form, rendered for real (Preact, as in the extension) on
 * linkedom, against a database whose reads of the profile can be held back: a person who
 * types before the stored profile arrives, or while another tab changes it, keeps what
 * they typed. This is the race that made the end-to-end suite flaky.
 */
import { options } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import en from '@/public/_locales/en/messages.json';
import type { BinomeDb } from '@/lib/db/db';
import { readProfile, saveProfile } from '@/lib/db/settings';
import { ProfileFormProvider } from '@/components/useProfileForm';
import { ProfileForm } from '@/entrypoints/options/ProfileForm';
import { emptyDb } from '../helpers/db';
import { pageToRenderIn, showWithDb, unmountShown } from '../helpers/dom';

/** Holds every read of the settings table until `release()`: the profile arrives when the test says. */
function holdSettingsReads(db: BinomeDb): { release(): void } {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  db.use({
    stack: 'dbcore',
    name: 'hold-settings-reads',
    create: (down) => ({
      ...down,
      table: (name) => {
        const table = down.table(name);
        if (name !== 'settings') return table;
        return {
          ...table,
          get: async (request) => {
            await gate;
            return table.get(request);
          },
        };
      },
    }),
  });
  return { release };
}

/**
 * A browser too busy to paint: Preact runs effects after the next frame, and here that frame
 * comes only when the test says (or when an act() drains them, after what it did).
 */
function holdEffects(): { flush(): Promise<void>; restore(): void } {
  const previous = options.requestAnimationFrame;
  const held: (() => void)[] = [];
  options.requestAnimationFrame = (callback) => void held.push(callback);
  return {
    flush: () =>
      act(() => {
        for (const callback of held.splice(0)) callback();
      }),
    restore: () => (options.requestAnimationFrame = previous),
  };
}

let container: HTMLElement;

beforeEach(() => {
  container = pageToRenderIn();
  (browser.i18n as { getMessage: unknown }).getMessage = (key: keyof typeof en) => en[key]?.message ?? '';
});

afterEach(unmountShown);

const mount = (db: BinomeDb) =>
  showWithDb(
    db,
    <ProfileFormProvider>
      <ProfileForm />
    </ProfileFormProvider>,
  );

function field(labelText: string): HTMLInputElement {
  const label = [...container.querySelectorAll('label')].find((element) => element.textContent === labelText);
  const input = label && container.querySelector(`[id="${label.getAttribute('for')}"]`);
  if (!input) throw new Error(`No field labelled ${labelText}`);
  return input as HTMLInputElement;
}

const nameField = () => field(en.profile_name_label.message);
const relayField = () => field(en.profile_relay_label.message);
function saveButton(): HTMLButtonElement {
  const button = container.querySelector('button[type="submit"]');
  if (!button) throw new Error('No Save button');
  return button as HTMLButtonElement;
}

async function type(input: HTMLInputElement, text: string): Promise<void> {
  await act(() => {
    input.value = text;
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

async function submit(): Promise<void> {
  await act(() => {
    container.querySelector('form')!.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
  });
}

describe('profile form', () => {
  it('keeps a name typed before the stored profile arrives, and fills the fields not typed in', async () => {
    const db = emptyDb();
    await saveProfile(db, { displayName: 'Stored name', relayUrl: 'https://relay.example.org' });
    const reads = holdSettingsReads(db);
    await mount(db);

    await type(nameField(), 'Ana');
    // Saving now would write a relay address the person never saw over the stored one.
    expect(saveButton().disabled).toBe(true);
    reads.release();

    await vi.waitFor(() => expect(relayField().value).toBe('https://relay.example.org'));
    expect(nameField().value).toBe('Ana');
    expect(saveButton().disabled).toBe(false);
  });

  it('keeps a name typed after the form shows the profile but before the page ran its effects (the end-to-end flake)', async () => {
    const db = emptyDb();
    await saveProfile(db, { displayName: '', relayUrl: 'https://relay.example.org' });
    const reads = holdSettingsReads(db);
    await mount(db);
    const effects = holdEffects();
    try {
      reads.release();
      await vi.waitFor(() => expect(saveButton().disabled).toBe(false));
      await type(nameField(), 'Ana');
      await effects.flush();
    } finally {
      effects.restore();
    }
    expect(nameField().value).toBe('Ana');
    expect(relayField().value).toBe('https://relay.example.org');
  });

  it('keeps what the person typed when the stored profile changes elsewhere, and follows it in fields not typed in', async () => {
    const db = emptyDb();
    await saveProfile(db, { displayName: '', relayUrl: 'https://relay.example.org' });
    await mount(db);
    await vi.waitFor(() => expect(relayField().value).toBe('https://relay.example.org'));

    await type(nameField(), 'Ana');
    // Another settings tab saves a new profile.
    await saveProfile(db, { displayName: 'From another tab', relayUrl: 'https://other.example.org' });

    await vi.waitFor(() => expect(relayField().value).toBe('https://other.example.org'));
    expect(nameField().value).toBe('Ana');
  });

  it('saves what was typed, then follows the stored profile again', async () => {
    const db = emptyDb();
    await mount(db);
    await vi.waitFor(() => expect(saveButton().disabled).toBe(false));

    await type(nameField(), '  Ana  ');
    await type(relayField(), 'https://relay.example.org/');
    await submit();
    await vi.waitFor(async () =>
      expect(await readProfile(db)).toEqual({ displayName: 'Ana', relayUrl: 'https://relay.example.org' }),
    );
    await vi.waitFor(() => expect(nameField().value).toBe('Ana'));

    await saveProfile(db, { displayName: 'Ana Lopez', relayUrl: 'https://relay.example.org' });
    await vi.waitFor(() => expect(nameField().value).toBe('Ana Lopez'));
  });
});
