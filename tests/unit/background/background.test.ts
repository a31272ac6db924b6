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

  it('makes its poll alarm when it starts', async () => {
    await vi.waitFor(async () => expect(await browser.alarms.get(SYNC_ALARM)).toMatchObject({ periodInMinutes: 1 }));
  });

  it('opens the inbox when a notification is clicked, as a tab where no popup can open', async () => {
    await browser.notifications.create('binome:thread:message', {
      type: 'basic',
      iconUrl: '',
      title: 'Léa answered',
      message: '',
    });
    (browser.action as { openPopup: unknown }).openPopup = vi.fn(async () => {
      throw new Error('No window to open a popup in');
    });
    await fakeBrowser.notifications.onClicked.trigger('binome:thread:message');
    await vi.waitFor(async () =>
      expect((await browser.tabs.query({})).map((tab) => tab.url)).toContain(browser.runtime.getURL('/popup.html')),
    );
    expect(await browser.notifications.getAll()).toEqual({});
  });
});
