/**
 * The company's policy over Binôme's own settings (lib/managed/): read key by key, cached by the
 * background without anything waiting on managed storage, and enforced wherever a value arrives.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { pageMessageHandlers } from '@/entrypoints/background/page-messages';
import { onRuntimeMessage } from '@/entrypoints/background/runtime-messages';
import { onInstalled } from '@/entrypoints/background/install';
import { openAskPanel } from '@/lib/ask/ask-panel';
import { captureVisibleTab } from '@/lib/capture/capture';
import { identifyTool } from '@/lib/capture/tools';
import { DEFAULT_RELAY_URL, readLanguageChoice, readProfile, saveProfile } from '@/lib/db/settings';
import { cacheManagedPolicy, readManagedPolicy } from '@/lib/managed/cache';
import { createManagedPolicyMirror, type MirrorDeps } from '@/lib/managed/mirror';
import { offeredOn } from '@/lib/managed/offer';
import { parsePolicy } from '@/lib/managed/policy';
import { ManagedRefusal } from '@/lib/managed/relay';
import { EXAMPLE_POLICY, type ManagedPolicy } from '@/lib/managed/schema';
import type { BackgroundReply } from '@/lib/messaging/messaging';
import type { BackgroundSync } from '@/lib/sync/background-sync';
import { createInvite } from '@/lib/sync/pairing';
import { emptyDb } from '../helpers/db';
import { speak } from '../helpers/i18n';

vi.mock('@/lib/ask/context-menu', () => ({ createContextMenu: vi.fn(async () => undefined) }));
vi.mock('@/lib/sync/pairing', () => ({
  createInvite: vi.fn(async () => ({ code: '1234-word-word', expiresAt: 0, pairingId: 'p' })),
  acceptInvite: vi.fn(),
}));

const LOCKED: ManagedPolicy = { relayUrl: 'https://binome.acme.com', relayUrlLocked: true };

/** A managed storage whose answers the test releases one by one, as a slow browser would. */
function controllableManaged() {
  const pending: ((value: unknown) => void)[] = [];
  const warnings: string[] = [];
  const deps: MirrorDeps = {
    readManaged: () => new Promise((resolve) => pending.push(resolve)),
    cache: cacheManagedPolicy,
    cached: readManagedPolicy,
    warn: (message) => warnings.push(message),
  };
  const answer = (index: number, value: unknown) => pending[index]?.(value);
  return { deps, answer, warnings, asked: () => pending.length };
}

beforeEach(() => {
  fakeBrowser.reset();
  vi.mocked(createInvite).mockClear();
});

describe('reading a policy', () => {
  it('applies the valid keys and names each invalid one, without throwing', () => {
    const { policy, problems } = parsePolicy({
      relayUrl: 'https://binome.acme.com/',
      relayUrlLocked: 'yes',
      screenshotsAllowed: false,
      defaultLanguage: 'de',
      colour: 'blue',
    });
    expect(policy).toEqual({ relayUrl: 'https://binome.acme.com', screenshotsAllowed: false });
    expect(problems.map((problem) => problem.split(':')[0])).toEqual(['relayUrlLocked', 'defaultLanguage', 'colour']);
  });

  it('refuses an http relay address when https is required, and keeps the rest', () => {
    const { policy, problems } = parsePolicy({ relayUrl: 'http://binome.acme.com', requireHttps: true, skipWelcome: true });
    expect(policy).toEqual({ requireHttps: true, skipWelcome: true });
    expect(problems).toEqual([expect.stringMatching(/^relayUrl: .*not https/)]);
  });

  it('refuses a catalogue entry or a site with a wildcard, a scheme or a single label, and keeps the others', () => {
    const { policy, problems } = parsePolicy({
      extraTools: [
        { host: '*.acme.com', name: 'Everything' },
        { host: 'crm.acme.internal', name: 'Acme CRM' },
        { host: 'https://wiki.acme.com', name: 'Wiki' },
        { host: 'com', name: 'All of .com' },
      ],
      neverOfferOn: ['payroll.acme.com', '*'],
    });
    expect(policy).toEqual({ extraTools: [{ host: 'crm.acme.internal', name: 'Acme CRM' }], neverOfferOn: ['payroll.acme.com'] });
    expect(problems).toHaveLength(4);
  });

  it('takes every example value of the sample policy files as valid', () => {
    expect(parsePolicy(EXAMPLE_POLICY)).toEqual({ policy: EXAMPLE_POLICY, problems: [] });
  });

  it('takes a policy that is not an object as no policy', () => {
    expect(parsePolicy('relayUrl=https://x').policy).toEqual({});
    expect(parsePolicy(null).policy).toEqual({});
  });
});

describe('the background’s copy of managed storage', () => {
  it('never makes a reader wait: before the late answer, pages read the cache of the last run', async () => {
    await cacheManagedPolicy(LOCKED);
    const managed = controllableManaged();
    const started = createManagedPolicyMirror(managed.deps).start();
    expect(managed.asked()).toBe(1);
    // Nothing has answered yet, and readers are served at once.
    expect(await readManagedPolicy()).toEqual(LOCKED);
    managed.answer(0, { ...LOCKED, programmeName: 'Acme' });
    await started;
    expect(await readManagedPolicy()).toEqual({ ...LOCKED, programmeName: 'Acme' });
  });

  it('keeps the cache when managed storage answers empty at start, and clears it when a change says the policy is gone', async () => {
    await cacheManagedPolicy(LOCKED);
    const managed = controllableManaged();
    const mirror = createManagedPolicyMirror(managed.deps);
    const started = mirror.start();
    managed.answer(0, {});
    await started;
    expect(await readManagedPolicy()).toEqual(LOCKED);
    const changed = mirror.changed();
    managed.answer(1, {});
    await changed;
    expect(await readManagedPolicy()).toEqual({});
  });

  it('applies a change while running, and a slow start-up answer arriving after it does not undo it', async () => {
    const managed = controllableManaged();
    const mirror = createManagedPolicyMirror(managed.deps);
    const started = mirror.start();
    const changed = mirror.changed();
    managed.answer(1, { relayUrl: 'https://new.acme.com' });
    await changed;
    managed.answer(0, { relayUrl: 'https://old.acme.com' });
    await started;
    expect(await readManagedPolicy()).toEqual({ relayUrl: 'https://new.acme.com' });
  });

  it('follows storage.onChanged for the managed area in the real worker wiring', async () => {
    const { mirrorManagedPolicy } = await import('@/lib/managed/mirror');
    const managed = controllableManaged();
    mirrorManagedPolicy(createManagedPolicyMirror(managed.deps));
    managed.answer(0, {});
    await fakeBrowser.storage.onChanged.trigger({ relayUrl: { newValue: 'https://x.acme.com' } }, 'managed');
    await vi.waitFor(() => expect(managed.asked()).toBe(2));
    managed.answer(1, { relayUrl: 'https://x.acme.com' });
    await vi.waitFor(async () => expect(await readManagedPolicy()).toEqual({ relayUrl: 'https://x.acme.com' }));
  });

  it('warns about invalid keys, caches the valid ones and does not throw', async () => {
    const managed = controllableManaged();
    const started = createManagedPolicyMirror(managed.deps).start();
    managed.answer(0, { relayUrl: 42, screenshotsAllowed: false, extraTools: [{ host: '*.acme.com', name: 'X' }] });
    await started;
    expect(await readManagedPolicy()).toEqual({ screenshotsAllowed: false, extraTools: [] });
    expect(managed.warnings).toEqual([expect.stringContaining('relayUrl'), expect.stringContaining('extraTools[0]')]);
  });

  it('treats a managed storage that rejects (Firefox without a policy) as no policy', async () => {
    const deps = {
      ...controllableManaged().deps,
      readManaged: () => Promise.reject(new Error('Managed storage manifest not found')),
    };
    await createManagedPolicyMirror(deps).start();
    expect(await readManagedPolicy()).toEqual({});
  });

  it('never trusts the cache blindly: an invalid value written into storage.local is left out', async () => {
    await browser.storage.local.set({ managedPolicy: { relayUrl: 'javascript:alert(1)', skipWelcome: true } });
    expect(await readManagedPolicy()).toEqual({ skipWelcome: true });
  });
});

describe('the relay address under a policy', () => {
  it('is the company’s preset until the person chooses another, and the locked one whatever is stored', async () => {
    const db = emptyDb();
    await cacheManagedPolicy({ relayUrl: 'https://binome.acme.com' });
    expect((await readProfile(db)).relayUrl).toBe('https://binome.acme.com');
    await saveProfile(db, { displayName: 'Anne', relayUrl: 'https://mine.example' });
    expect((await readProfile(db)).relayUrl).toBe('https://mine.example');
    await cacheManagedPolicy(LOCKED);
    expect((await readProfile(db)).relayUrl).toBe('https://binome.acme.com');
  });

  it('refuses to store another address when locked, or an http one when https is required, and changes nothing', async () => {
    const db = emptyDb();
    await saveProfile(db, { displayName: 'Anne', relayUrl: DEFAULT_RELAY_URL });
    await cacheManagedPolicy(LOCKED);
    await expect(saveProfile(db, { displayName: 'Anne', relayUrl: 'https://evil.example' })).rejects.toThrow(ManagedRefusal);
    await cacheManagedPolicy({ requireHttps: true });
    await expect(saveProfile(db, { displayName: 'Anne', relayUrl: 'http://binome.acme.com' })).rejects.toMatchObject({
      code: 'relay_needs_https',
    });
    expect((await db.settings.get('profile'))?.value).toEqual({ displayName: 'Anne', relayUrl: DEFAULT_RELAY_URL });
  });

  it('pairs on the locked address when a page’s message comes with another one stored', async () => {
    const db = emptyDb();
    // Written past the form (devtools, an older version): the policy still decides.
    await db.settings.put({ key: 'profile', value: { displayName: 'Anne', relayUrl: 'https://evil.example' } });
    await cacheManagedPolicy(LOCKED);
    const sync = { deps: {}, listen: vi.fn(async () => undefined), request: vi.fn() } as unknown as BackgroundSync;
    const listener = onRuntimeMessage(db, pageMessageHandlers(db, sync));
    const reply = await new Promise<BackgroundReply<unknown>>((resolve) => {
      listener(
        { type: 'page:create-invite', role: 'learner' },
        { id: browser.runtime.id, url: browser.runtime.getURL('/options.html') },
        resolve,
      );
    });
    expect(reply.ok).toBe(true);
    expect(vi.mocked(createInvite)).toHaveBeenCalledWith(
      sync.deps,
      expect.objectContaining({ relayUrl: 'https://binome.acme.com' }),
    );
  });

  it('refuses to pair on an http address when the policy requires https', async () => {
    const db = emptyDb();
    await db.settings.put({ key: 'profile', value: { displayName: 'Anne', relayUrl: 'http://binome.acme.com' } });
    await cacheManagedPolicy({ requireHttps: true });
    const sync = { deps: {}, listen: vi.fn(), request: vi.fn() } as unknown as BackgroundSync;
    await expect(
      pageMessageHandlers(db, sync)['page:create-invite']({ type: 'page:create-invite', role: 'learner' }),
    ).rejects.toMatchObject({
      code: 'relay_needs_https',
    });
    expect(createInvite).not.toHaveBeenCalled();
  });
});

describe('the other keys', () => {
  it('gives the company’s default language until the person chooses one, even “the browser’s”', async () => {
    const db = emptyDb();
    await cacheManagedPolicy({ defaultLanguage: 'fr' });
    expect(await readLanguageChoice(db)).toBe('fr');
    await db.settings.put({ key: 'language', value: 'browser' });
    expect(await readLanguageChoice(db)).toBe('browser');
  });

  it('recognises a company’s own tool before the catalogue, on its subdomains and not on look-alikes', () => {
    const extra = [{ host: 'crm.acme.internal', name: 'Acme CRM' }];
    expect(identifyTool('https://crm.acme.internal/accounts/42', extra)).toEqual({
      id: 'company:crm.acme.internal',
      name: 'Acme CRM',
      known: true,
    });
    expect(identifyTool('https://eu.crm.acme.internal/', extra).name).toBe('Acme CRM');
    expect(identifyTool('https://crm.acme.internal.evil.example/', extra).known).toBe(false);
    expect(identifyTool('https://crm.acme.internal/').known).toBe(false);
  });

  it('takes no screenshot at all when the company forbids them', async () => {
    const capture = vi.fn(async () => 'data:image/jpeg;base64,AAAA');
    Object.assign(browser.tabs, { captureVisibleTab: capture });
    const tab = await browser.tabs.create({ url: 'https://crm.acme.internal/' });
    expect(await captureVisibleTab(tab.id)).not.toBeNull();
    await cacheManagedPolicy({ screenshotsAllowed: false });
    capture.mockClear();
    expect(await captureVisibleTab(tab.id)).toBeNull();
    expect(capture).not.toHaveBeenCalled();
  });

  it('opens no ask panel, and injects nothing, on a site the company keeps Binôme off', async () => {
    const inject = vi.fn(async () => []);
    Object.assign(browser, { scripting: { executeScript: inject } });
    await cacheManagedPolicy({ neverOfferOn: ['payroll.acme.com'] });
    const tab = { id: 4, url: 'https://eu.payroll.acme.com/slip', windowId: 1 } as never;
    speak('fr');
    const notify = vi.fn(async () => 'id');
    Object.assign(browser.notifications, { create: notify });
    expect(await openAskPanel(emptyDb(), tab, { selection: '', targetUrl: '' })).toBeNull();
    expect(inject).not.toHaveBeenCalled();
    expect(notify).toHaveBeenCalledWith(
      expect.objectContaining({
        message: 'Votre organisation n’utilise pas Binôme sur ce site. Posez votre question depuis une autre page.',
      }),
    );
  });

  it('keeps Binôme off the sites the company named, and their subdomains only', () => {
    const policy = { neverOfferOn: ['payroll.acme.com'] };
    expect(offeredOn('https://payroll.acme.com/slip', policy)).toBe(false);
    expect(offeredOn('https://eu.payroll.acme.com/', policy)).toBe(false);
    expect(offeredOn('https://notpayroll.acme.com/', policy)).toBe(true);
    expect(offeredOn('https://payroll.acme.com.evil.example/', policy)).toBe(true);
  });

  const welcomeTabs = async () =>
    (await browser.tabs.query({})).filter((tab) => tab.url === browser.runtime.getURL('/welcome.html')).length;
  const install = { reason: 'install' } as never;

  it('skips the welcome page when the cached policy says so', async () => {
    await cacheManagedPolicy({ skipWelcome: true });
    await onInstalled(emptyDb())(install);
    expect(await welcomeTabs()).toBe(0);
  });

  it('opens the welcome page at once, and closes it when the late first answer says to skip it', async () => {
    let answer: () => void = () => undefined;
    const firstRead = new Promise<void>((resolve) => (answer = resolve));
    const installing = onInstalled(emptyDb(), () => firstRead)(install);
    await vi.waitFor(async () => expect(await welcomeTabs()).toBe(1));
    await cacheManagedPolicy({ skipWelcome: true });
    answer();
    await installing;
    expect(await welcomeTabs()).toBe(0);
  });

  it('keeps the welcome page when the first answer has no such key', async () => {
    await onInstalled(emptyDb(), async () => cacheManagedPolicy({ programmeName: 'Acme' }))(install);
    expect(await welcomeTabs()).toBe(1);
  });
});
