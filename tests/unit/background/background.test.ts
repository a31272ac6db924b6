/**
 * The service worker as WXT's examples test one: main() runs against fakeBrowser, and the
 * events it listens to are fired at it. APIs fakeBrowser does not implement are stubbed.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import background from '@/entrypoints/background';
import { db } from '@/lib/db/db';
import { CONTEXT_MENU_ID } from '@/lib/ask/context-menu';
import { screenshotWanted } from '@/lib/capture/screenshot-choice';
import type { BackgroundReply } from '@/lib/messaging/messaging';
import { SYNC_ALARM } from '@/lib/sync/background-sync';
import { takeThreadToOpen } from '@/lib/conversation/open-thread';
import { speak } from '../helpers/i18n';

const noListener = () => ({ addListener: vi.fn(), removeListener: vi.fn() });

let createMenu: ReturnType<typeof vi.fn>;

function stubWhatFakeBrowserLacks(): void {
  createMenu = vi.fn();
  Object.assign(browser.contextMenus, {
    onClicked: noListener(),
    removeAll: vi.fn((done: () => void) => done()),
    create: createMenu,
  });
  Object.assign(browser.commands, { onCommand: noListener() });
  Object.assign(browser.permissions, { onAdded: noListener(), onRemoved: noListener(), contains: vi.fn(async () => false) });
}

/** Fires runtime.onMessage as the browser would; resolves with the answer, or "unanswered". */
async function send(message: unknown, sender: Parameters<typeof fakeBrowser.runtime.onMessage.trigger>[1]) {
  let answer: (reply: BackgroundReply<unknown>) => void = () => undefined;
  const answered = new Promise<BackgroundReply<unknown>>((resolve) => (answer = resolve));
  const [willAnswer] = (await fakeBrowser.runtime.onMessage.trigger(message, sender, answer)) as unknown[];
  return willAnswer ? answered : 'unanswered';
}

const THREAD = '11111111-1111-4111-8111-111111111111';
const MESSAGE = '22222222-2222-4222-8222-222222222222';
const PAIR = '00000000-0000-4000-8000-000000000001';

function showNotification(id: string) {
  return browser.notifications.create(id, { type: 'basic', iconUrl: '', title: 'Léa answered', message: '' });
}

function stubOpenPopup(openPopup: () => Promise<void>) {
  const stub = vi.fn(openPopup);
  (browser.action as { openPopup: unknown }).openPopup = stub;
  return stub;
}

/** fakeBrowser starts with one blank tab: only the welcome pages count. */
const welcomeTabs = async () =>
  (await browser.tabs.query({})).filter((tab) => tab.url === browser.runtime.getURL('/welcome.html')).length;

const fromPopup = () => ({ id: browser.runtime.id, url: browser.runtime.getURL('/popup.html') });
const fromContentScript = () => ({ id: browser.runtime.id, url: 'https://evil.example/', tab: { id: 3 } as never });

describe('the background', () => {
  beforeEach(async () => {
    fakeBrowser.reset();
    vi.restoreAllMocks();
    stubWhatFakeBrowserLacks();
    speak('en');
    await db.settings.clear();
    background.main();
  });

  it('registers its listeners before it awaits anything', () => {
    // main() has returned and nothing was awaited: a worker woken by an event must hear it.
    expect(fakeBrowser.runtime.onMessage.hasListeners()).toBe(true);
    expect(fakeBrowser.runtime.onInstalled.hasListeners()).toBe(true);
    expect(fakeBrowser.alarms.onAlarm.hasListeners()).toBe(true);
    expect(fakeBrowser.notifications.onClicked.hasListeners()).toBe(true);
    expect(browser.contextMenus.onClicked.addListener).toHaveBeenCalledOnce();
    expect(browser.commands.onCommand.addListener).toHaveBeenCalledOnce();
  });

  it('answers a message from its own page', async () => {
    const reply = await send({ type: 'page:remember-screenshot-choice', site: 'x.example', wanted: false }, fromPopup());
    expect(reply).toEqual({ ok: true, value: null });
    expect(await screenshotWanted(db, 'x.example')).toBe(false);
  });

  it('answers a failed request with the code the page turns into a sentence', async () => {
    // No display name is set in a fresh profile.
    const reply = await send({ type: 'page:create-invite', role: 'learner' }, fromPopup());
    expect(reply).toMatchObject({ ok: false, error: { code: 'no_name' } });
  });

  it('refuses the same message from a content script, a web page or another extension', async () => {
    const message = { type: 'page:remember-screenshot-choice', site: 'x.example', wanted: false };
    expect(await send(message, fromContentScript())).toBe('unanswered');
    expect(await send(message, { url: 'https://evil.example/' })).toBe('unanswered');
    expect(await send(message, { id: 'another-extension', url: browser.runtime.getURL('/popup.html') })).toBe('unanswered');
    expect(await screenshotWanted(db, 'x.example')).toBe(true);
  });

  it('refuses from its own page a message that is not declared, or not of its declared shape', async () => {
    expect(await send({ type: 'page:steal-token' }, fromPopup())).toBe('unanswered');
    expect(await send({ type: 'page:remember-screenshot-choice', site: 'x.example', wanted: 'no' }, fromPopup())).toBe(
      'unanswered',
    );
    expect(await send({ type: 'page:remember-screenshot-choice', site: 'x.example' }, fromPopup())).toBe('unanswered');
    expect(await screenshotWanted(db, 'x.example')).toBe(true);
  });

  it('makes the context menu when it is installed or updated', async () => {
    await fakeBrowser.runtime.onInstalled.trigger({ reason: 'install' });
    expect(createMenu).toHaveBeenCalledWith(expect.objectContaining({ id: CONTEXT_MENU_ID, title: 'Ask my buddy about this' }));
  });

  it('opens the welcome page when it is installed', async () => {
    await fakeBrowser.runtime.onInstalled.trigger({ reason: 'install' });
    await vi.waitFor(async () => expect(await welcomeTabs()).toBe(1));
  });

  it('opens the welcome page once, even when the browser reports an install again for the same profile', async () => {
    await fakeBrowser.runtime.onInstalled.trigger({ reason: 'install' });
    await vi.waitFor(async () => expect(await welcomeTabs()).toBe(1));
    // The fake browser's trigger waits for the listener's promise: its decision is made.
    await fakeBrowser.runtime.onInstalled.trigger({ reason: 'install' });
    expect(await welcomeTabs()).toBe(1);
  });

  it('opens no welcome page when it is updated or the browser is', async () => {
    await fakeBrowser.runtime.onInstalled.trigger({ reason: 'update', previousVersion: '0.0.1' });
    await fakeBrowser.runtime.onInstalled.trigger({ reason: 'chrome_update' });
    // An install afterwards opens its page: once it shows, a tab from the updates would have shown too.
    await fakeBrowser.runtime.onInstalled.trigger({ reason: 'install' });
    await vi.waitFor(async () => expect(await welcomeTabs()).toBe(1));
  });

  it('with no pair, its poll alarm clears itself: an alarm an older version left does not wake it again', async () => {
    await browser.alarms.create(SYNC_ALARM, { periodInMinutes: 1 });
    await fakeBrowser.alarms.onAlarm.trigger({
      name: SYNC_ALARM,
      scheduledTime: 0,
      periodInMinutes: 1,
      persistAcrossSessions: false,
    });
    await vi.waitFor(async () => expect(await browser.alarms.get(SYNC_ALARM)).toBeUndefined());
  });

  it('opens the popup for a notification of several threads, as a tab where no popup can open', async () => {
    const id = `binome:${PAIR}:batch:${MESSAGE}`;
    await showNotification(id);
    stubOpenPopup(async () => {
      throw new Error('No window to open a popup in');
    });
    await fakeBrowser.notifications.onClicked.trigger(id);
    await vi.waitFor(async () =>
      expect((await browser.tabs.query({})).map((tab) => tab.url)).toContain(browser.runtime.getURL('/popup.html')),
    );
    expect(await browser.notifications.getAll()).toEqual({});
    expect(await takeThreadToOpen(db)).toBeNull();
  });

  it('opens the thread of a notification in the popup', async () => {
    const id = `binome:${THREAD}:${MESSAGE}`;
    await showNotification(id);
    const openPopup = stubOpenPopup(async () => undefined);
    await fakeBrowser.notifications.onClicked.trigger(id);
    await vi.waitFor(() => expect(openPopup).toHaveBeenCalledOnce());
    expect(await takeThreadToOpen(db)).toBe(THREAD);
    expect(await browser.notifications.getAll()).toEqual({});
  });

  it('opens the thread of a notification as a tab on its address where no popup can open', async () => {
    const id = `binome:${THREAD}:${MESSAGE}`;
    await showNotification(id);
    stubOpenPopup(async () => {
      throw new Error('No window to open a popup in');
    });
    await fakeBrowser.notifications.onClicked.trigger(id);
    await vi.waitFor(async () =>
      expect((await browser.tabs.query({})).map((tab) => tab.url)).toContain(
        browser.runtime.getURL(`/popup.html#thread=${THREAD}`),
      ),
    );
    // The tab says which thread by its address: no note is left for the next toolbar popup.
    expect(await takeThreadToOpen(db)).toBeNull();
  });
});
