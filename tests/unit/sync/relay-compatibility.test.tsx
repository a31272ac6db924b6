/**
 * An extension older than its relay serves (GET /.well-known/binome) asks its person to update,
 * in their language, in one calm sentence; anything else the relay says, or not saying anything,
 * shows nothing.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { UpdateNotice } from '@/components/UpdateNotice';
import type { BinomeDb } from '@/lib/db/db';
import { saveProfile } from '@/lib/db/settings';
import { compareVersions } from '@/lib/protocol/well-known';
import { createBackgroundSync } from '@/lib/sync/background-sync';
import {
  checkRelayCompatibility,
  COMPATIBILITY_CHECK_EVERY_MS,
  COMPATIBILITY_RETRY_MS,
  readRelayCompatibility,
  requiredUpdate,
  throttledCompatibilityCheck,
} from '@/lib/sync/relay-compatibility';
import { emptyDb } from '../helpers/db';
import { pageToRenderIn, showWithDb, unmountShown } from '../helpers/dom';
import { speak } from '../helpers/i18n';

const RELAY = 'https://relay.example.test';

/** A relay answering its well-known document with this body (or status). */
function relayAnswering(body: unknown, status = 200) {
  const asked: string[] = [];
  const fetchImpl = (async (url: string) => {
    asked.push(url);
    return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
  }) as unknown as typeof fetch;
  return { asked, fetchImpl };
}

let db: BinomeDb;
let container: HTMLElement;

beforeEach(async () => {
  fakeBrowser.reset();
  vi.spyOn(browser.runtime, 'getManifest').mockReturnValue({ version: '0.1.0' } as never);
  db = emptyDb();
  await saveProfile(db, { displayName: 'Anne', relayUrl: RELAY });
  container = pageToRenderIn();
});
afterEach(async () => {
  await unmountShown();
  vi.restoreAllMocks();
});

const notice = () => container.querySelector('[role="status"]')?.textContent ?? null;

describe('a relay that serves only newer extensions', () => {
  it.each([
    ['en', 'This version of Binôme (0.1.0) is older than Binôme’s server accepts: update it to version 0.2.0 or later.'],
    [
      'fr',
      'Cette version de Binôme (0.1.0) est plus ancienne que ce qu’accepte le serveur de Binôme\u202f: mettez-la à jour vers la version 0.2.0',
    ],
  ] as const)('asks the person to update, in their language (%s)', async (language, expected) => {
    speak(language);
    const relay = relayAnswering({ version: '0.3.0', minExtensionVersion: '0.2.0' });
    expect(await checkRelayCompatibility(db, RELAY, relay.fetchImpl)).toBe(true);
    expect(relay.asked).toEqual([`${RELAY}/.well-known/binome`]);
    await showWithDb(db, <UpdateNotice />);
    await vi.waitFor(() => expect(notice()).toContain(expected));
  });

  it('is checked at the first sync round, then at most once an hour', async () => {
    speak('en');
    const relay = relayAnswering({ version: '0.3.0', minExtensionVersion: '0.1.1' });
    let clock = 1_000_000;
    const sync = createBackgroundSync(db, { fetch: relay.fetchImpl, now: () => clock });
    await sync.request();
    expect(relay.asked).toEqual([`${RELAY}/.well-known/binome`]);
    clock += COMPATIBILITY_CHECK_EVERY_MS - 1;
    await sync.request();
    expect(relay.asked).toHaveLength(1);
    clock += 1;
    await sync.request();
    expect(relay.asked).toHaveLength(2);
    expect(await readRelayCompatibility(db)).toEqual({ relayUrl: RELAY, minExtensionVersion: '0.1.1' });
    await showWithDb(db, <UpdateNotice />);
    await vi.waitFor(() => expect(notice()).toMatch(/update it to version 0\.1\.1 or later/));
  });
});

describe('the sync rounds’ check', () => {
  it('asks a relay that did not answer again after a few minutes, and a new address at once', async () => {
    let clock = 0;
    let answering = false;
    const asked: string[] = [];
    const fetchImpl = (async (url: string) => {
      asked.push(url);
      if (!answering) throw new TypeError('Failed to fetch');
      return new Response(JSON.stringify({ version: '1', minExtensionVersion: '0.1.0' }), { status: 200 });
    }) as unknown as typeof fetch;
    const check = throttledCompatibilityCheck(db, fetchImpl, () => clock);
    await check(RELAY);
    await check(RELAY);
    expect(asked).toHaveLength(1);
    answering = true;
    clock += COMPATIBILITY_RETRY_MS;
    await check(RELAY);
    expect(asked).toHaveLength(2);
    expect(await readRelayCompatibility(db)).toEqual({ relayUrl: RELAY, minExtensionVersion: '0.1.0' });
    // Answered: the next question waits an hour, not five minutes.
    clock += COMPATIBILITY_RETRY_MS;
    await check(RELAY);
    expect(asked).toHaveLength(2);
    await check('https://other.example.test');
    expect(asked).toEqual([...Array(2).fill(`${RELAY}/.well-known/binome`), 'https://other.example.test/.well-known/binome']);
  });
});

/** What the notice would say for this version: null means nothing is shown. */
const updateAskedOf = async (ownVersion = '0.1.0') => requiredUpdate(await readRelayCompatibility(db), RELAY, ownVersion);

describe('nothing is shown', () => {
  it('when this version is the one asked for, or newer', async () => {
    speak('en');
    await checkRelayCompatibility(db, RELAY, relayAnswering({ version: '0.1.0', minExtensionVersion: '0.1' }).fetchImpl);
    expect(await updateAskedOf('0.1.0')).toBeNull();
    expect(await updateAskedOf('0.2.0')).toBeNull();
    expect(await updateAskedOf('0.0.9')).toBe('0.1');
  });

  it('when the answer came from another relay than the one now set', async () => {
    speak('en');
    await checkRelayCompatibility(
      db,
      'https://old.example.test',
      relayAnswering({ version: '9', minExtensionVersion: '9.0' }).fetchImpl,
    );
    expect(await updateAskedOf()).toBeNull();
  });

  it('when the relay does not answer, or not with the document: the last answer stays', async () => {
    speak('en');
    await checkRelayCompatibility(db, RELAY, relayAnswering({ version: '1', minExtensionVersion: '0.1.0' }).fetchImpl);
    const offline = (async () => {
      throw new TypeError('Failed to fetch');
    }) as unknown as typeof fetch;
    for (const fetchImpl of [
      offline,
      relayAnswering({ error: { code: 'not_found', message: 'x' } }, 404).fetchImpl,
      relayAnswering({ version: '1', minExtensionVersion: 'latest' }).fetchImpl,
    ]) {
      expect(await checkRelayCompatibility(db, RELAY, fetchImpl)).toBe(false);
    }
    expect(await readRelayCompatibility(db)).toEqual({ relayUrl: RELAY, minExtensionVersion: '0.1.0' });
    expect(await updateAskedOf()).toBeNull();
  });
});

it('compares versions part by part, missing parts counting as 0', () => {
  expect(compareVersions('0.1.0', '0.2.0')).toBeLessThan(0);
  expect(compareVersions('0.10.0', '0.9.9')).toBeGreaterThan(0);
  expect(compareVersions('1.2', '1.2.0')).toBe(0);
  expect(compareVersions('1.2.0.1', '1.2')).toBeGreaterThan(0);
});
