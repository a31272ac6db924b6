import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { ASK_PANEL_REMOVE, mountAskPanel, type AskPanelMount } from '@/lib/ask/ask-panel-host';
import { newChannelSecret, openAskPanel, refusesInjection } from '@/lib/ask/ask-panel';
import { captureVisibleTab } from '@/lib/capture/capture';
import { CHANNEL_SECRET_PREFIX, takeChannelSecret, takePreparedAsk } from '@/lib/ask/prepared-ask';
import { takePendingAsk } from '@/lib/ask/pending-ask';
import { emptyDb } from '../helpers/db';

const found = { selection: 'Tableau croisé', targetUrl: '' };
const sidePanelOf = browser.sidePanel;

let open: ReturnType<typeof vi.fn>;
let setOptions: ReturnType<typeof vi.fn>;
let openPopup: ReturnType<typeof vi.fn>;
let create: ReturnType<typeof vi.fn>;
let executeScript: ReturnType<typeof vi.fn>;
/** Rejections nobody handled in time; listening also keeps Vitest from failing the whole run. */
let unhandled: unknown[];
const noteUnhandled = (reason: unknown) => unhandled.push(reason);

describe('refusesInjection', () => {
  it.each([
    [undefined, true],
    ['chrome://version', true],
    ['chrome-extension://abcdefghijklmnop/popup.html', true],
    ['about:blank', true],
    ['view-source:https://x.example/', true],
    ['https://chromewebstore.google.com/detail/abc', true],
    ['https://chrome.google.com/webstore/detail/abc', true],
    ['https://addons.mozilla.org/fr/firefox/', true],
    ['https://microsoftedge.microsoft.com/addons/detail/abc', true],
    ['https://www.linkedin.com/feed', false],
    ['http://127.0.0.1:8080/x', false],
    ['file:///tmp/a.html', false],
    ['https://chrome.google.com/other', false],
  ])('says %s refuses scripts: %s', (url, refuses) => {
    expect(refusesInjection(url)).toBe(refuses);
  });
});

/** Session storage that refuses the capture (and stores the rest): the ask then goes elsewhere. Returns the keys stored. */
function failToStoreTheCapture(): string[] {
  const session = browser.storage.session;
  const store = session.set.bind(session);
  const stored: string[] = [];
  vi.spyOn(session, 'set').mockImplementation(async (items) => {
    if (Object.keys(items).some((key) => key.startsWith('preparedAsk:'))) throw new Error('Session storage quota exceeded');
    stored.push(...Object.keys(items));
    await store(items);
  });
  return stored;
}

describe('openAskPanel', () => {
  beforeEach(() => {
    fakeBrowser.reset();
    vi.restoreAllMocks();
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    unhandled = [];
    process.on('unhandledRejection', noteUnhandled);
    open = vi.fn(async () => undefined);
    setOptions = vi.fn(async () => undefined);
    (browser as { sidePanel: unknown }).sidePanel = Object.assign(sidePanelOf, { open, setOptions });
    openPopup = vi.fn(async () => undefined);
    (browser.action as { openPopup: unknown }).openPopup = openPopup;
    create = vi.fn(async () => ({}));
    (browser.windows as { create: unknown }).create = create;
    (browser.i18n as { getMessage: unknown }).getMessage = vi.fn(() => 'Ask my buddy');
    (browser.tabs as { get: unknown }).get = vi.fn(async (id: number) => ({
      id,
      url: 'https://x.example/',
      windowId: 1,
      title: 'X',
    }));
    (browser.tabs as { captureVisibleTab: unknown }).captureVisibleTab = vi.fn(async () => 'data:image/jpeg;base64,AAAA');
    executeScript = vi.fn(async () => [{ result: '' }]);
    (browser.scripting as { executeScript: unknown }).executeScript = executeScript;
  });

  afterEach(() => {
    process.off('unhandledRejection', noteUnhandled);
  });

  it('opens the side panel for a tab whose URL it may not see, before awaiting anything', async () => {
    const db = emptyDb();
    const surface = openAskPanel(db, { id: 5 } as never, found);
    expect(open).toHaveBeenCalledWith({ tabId: 5 });
    expect(setOptions).toHaveBeenCalledWith({ tabId: 5, path: '/sidepanel.html?tabId=5', enabled: true });
    expect(await surface).toBe('side-panel');
    expect(await takePendingAsk(db)).toMatchObject({ tabId: 5, selection: 'Tableau croisé', targetUrl: '' });
    expect(executeScript).not.toHaveBeenCalled();
    expect(openPopup).not.toHaveBeenCalled();
  });

  it('falls back to the popup where the browser has no side panel', async () => {
    (browser as { sidePanel: unknown }).sidePanel = undefined;
    const db = emptyDb();
    expect(await openAskPanel(db, { id: 5 } as never, found)).toBe('window');
    expect(openPopup).toHaveBeenCalledOnce();
    expect(create).not.toHaveBeenCalled();
    expect((await takePendingAsk(db))?.tabId).toBe(5);
  });

  it('falls back to the popup when the side panel refuses to open', async () => {
    open.mockImplementation(async () => {
      throw new Error('no user gesture');
    });
    expect(await openAskPanel(emptyDb(), { id: 5, url: 'chrome://settings' } as never, found)).toBe('window');
    expect(open).toHaveBeenCalledOnce();
    expect(openPopup).toHaveBeenCalledOnce();
  });

  it('opens a small window when the popup cannot be opened either', async () => {
    (browser as { sidePanel: unknown }).sidePanel = undefined;
    openPopup.mockImplementation(async () => {
      throw new Error('no gesture');
    });
    expect(await openAskPanel(emptyDb(), { id: 9 } as never, found)).toBe('window');
    expect(create).toHaveBeenCalledWith(
      expect.objectContaining({ type: 'popup', url: expect.stringContaining('popup.html?tabId=9') }),
    );
  });

  it('opens the side panel when the page refuses the panel, leaving no screenshot behind', async () => {
    executeScript.mockImplementation(async (call: { func: unknown }) => {
      if (call.func === mountAskPanel) throw new Error('Frame with ID 0 is showing error page');
      return [{ result: '' }];
    });
    const set = vi.spyOn(browser.storage.session, 'set');
    const db = emptyDb();
    expect(await openAskPanel(db, { id: 4, url: 'https://x.example/' } as never, found)).toBe('side-panel');
    expect(executeScript).toHaveBeenCalledWith(expect.objectContaining({ func: mountAskPanel }));
    // The channel's secret and the capture were stored (with the tab's "panel may show" flag), then everything removed.
    const stored = set.mock.calls.map(([items]) => Object.values(items));
    expect(stored).toContainEqual([{ secret: expect.stringMatching(/^[0-9a-f]{32}$/), tabId: 4, askedAt: expect.any(Number) }]);
    expect(stored).toContainEqual([expect.objectContaining({ tabId: 4, screenshot: 'data:image/jpeg;base64,AAAA' }), true]);
    expect(open).toHaveBeenCalledWith({ tabId: 4 });
    expect(await browser.storage.session.get(null)).toEqual({});
    expect((await takePendingAsk(db))?.selection).toBe('Tableau croisé');
  });

  // The side panel's promise is created during the gesture but awaited later: it must never reject.
  it('leaves no rejection unhandled when the side panel cannot open', async () => {
    (browser as { sidePanel: unknown }).sidePanel = undefined;
    await openAskPanel(emptyDb(), { id: 5 } as never, found);
    (browser as { sidePanel: unknown }).sidePanel = {
      open: () => Promise.reject(new Error('no gesture')),
      setOptions: () => Promise.reject(new Error('no gesture')),
    };
    expect(await openAskPanel(emptyDb(), { id: 6 } as never, found)).toBe('window');
    (browser as { sidePanel: unknown }).sidePanel = {
      open: () => {
        throw new Error('thrown at once');
      },
      setOptions: async () => undefined,
    };
    expect(await openAskPanel(emptyDb(), { id: 7 } as never, found)).toBe('window');
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(unhandled).toEqual([]);
  });

  it('gives the injected host and the frame the same fresh secret, and the page none of it', async () => {
    await openAskPanel(emptyDb(), { id: 4, url: 'https://x.example/' } as never, found);
    await openAskPanel(emptyDb(), { id: 4, url: 'https://x.example/' } as never, found);
    const mounts = executeScript.mock.calls
      .map(([call]) => call as { func: unknown; args: [AskPanelMount] })
      .filter((call) => call.func === mountAskPanel);
    const [first, second] = mounts.map(({ args: [mount] }) => mount);
    expect(first!.secret).not.toBe(second!.secret);
    for (const mount of [first!, second!]) {
      const askId = new URL(mount.src).searchParams.get('ask')!;
      expect(await takeChannelSecret(askId, 0)).toBe(mount.secret);
      // Read once: a second document in the frame could not read it again.
      expect(await takeChannelSecret(askId, 0)).toBeNull();
    }
  });

  it('leaves no secret behind when the capture cannot be stored', async () => {
    const stored = failToStoreTheCapture();
    expect(await openAskPanel(emptyDb(), { id: 4, url: 'https://x.example/' } as never, found)).toBe('side-panel');
    expect(stored.some((key) => key.startsWith(CHANNEL_SECRET_PREFIX))).toBe(true);
    expect(await browser.storage.session.get(null)).toEqual({});
  });

  it('forgets the secret of a panel that never loaded, with its capture', async () => {
    const longAgo = { secret: 'a'.repeat(32), askedAt: 1 };
    await browser.storage.session.set({ [`${CHANNEL_SECRET_PREFIX}old`]: longAgo });
    await openAskPanel(emptyDb(), { id: 4, url: 'https://x.example/' } as never, found);
    const keys = Object.keys(await browser.storage.session.get(null));
    expect(keys).not.toContain(`${CHANNEL_SECRET_PREFIX}old`);
    expect(keys.filter((key) => key.startsWith(CHANNEL_SECRET_PREFIX))).toHaveLength(1);
  });

  it('removes a panel through the remover it left in the isolated world, not an event the page could send', async () => {
    failToStoreTheCapture();
    await openAskPanel(emptyDb(), { id: 4, url: 'https://x.example/' } as never, found);
    const remover = executeScript.mock.calls
      .map(([call]) => call as { func: (...args: unknown[]) => unknown; args: unknown[] })
      .find((call) => call.func !== mountAskPanel && call.args?.[0] === ASK_PANEL_REMOVE)!;
    const removeThePanel = vi.fn();
    vi.stubGlobal('window', { [ASK_PANEL_REMOVE]: removeThePanel });
    try {
      remover.func(...remover.args);
    } finally {
      vi.unstubAllGlobals();
    }
    expect(removeThePanel).toHaveBeenCalledOnce();
  });

  it('does nothing for a tab without an id', async () => {
    const db = emptyDb();
    expect(await openAskPanel(db, { url: 'https://x.example/' } as never, found)).toBeNull();
    expect(await openAskPanel(db, undefined, found)).toBeNull();
    for (const mock of [open, openPopup, create, executeScript]) expect(mock).not.toHaveBeenCalled();
    expect(await takePendingAsk(db)).toBeNull();
  });
});

describe('newChannelSecret', () => {
  it('draws 128 random bits each time, as hex', () => {
    const secrets = Array.from({ length: 50 }, () => newChannelSecret());
    for (const secret of secrets) expect(secret).toMatch(/^[0-9a-f]{32}$/);
    expect(new Set(secrets).size).toBe(50);
  });
});

describe('takePreparedAsk', () => {
  beforeEach(() => fakeBrowser.reset());

  it('waits for a capture stored after the panel asked for it, then takes it once', async () => {
    const reading = takePreparedAsk('later', 5_000);
    await browser.storage.session.set({ 'preparedAsk:later': { tabId: 4, askedAt: 1 } });
    expect(await reading).toMatchObject({ tabId: 4 });
    expect(await browser.storage.session.get(null)).toEqual({});
  });

  it('gives up after its wait, so the panel can say it expired', async () => {
    expect(await takePreparedAsk('never', 20)).toBeNull();
  });
});

describe('captureVisibleTab', () => {
  beforeEach(() => fakeBrowser.reset());

  it('tries once more when Chrome says two captures a second is its limit', async () => {
    (browser.tabs as { get: unknown }).get = vi.fn(async (id: number) => ({ id, windowId: 2 }));
    const capture = vi
      .fn()
      .mockRejectedValueOnce(new Error('This request exceeds the MAX_CAPTURE_VISIBLE_TAB_CALLS_PER_SECOND quota.'))
      .mockResolvedValueOnce('data:image/jpeg;base64,BBBB');
    (browser.tabs as { captureVisibleTab: unknown }).captureVisibleTab = capture;
    expect(await captureVisibleTab(4, 1)).toBe('data:image/jpeg;base64,BBBB');
    expect(capture).toHaveBeenCalledTimes(2);
  });

  it('gives up at once on a page that refuses pictures', async () => {
    (browser.tabs as { get: unknown }).get = vi.fn(async (id: number) => ({ id, windowId: 2 }));
    const capture = vi.fn().mockRejectedValue(new Error('Cannot access contents of the page.'));
    (browser.tabs as { captureVisibleTab: unknown }).captureVisibleTab = capture;
    expect(await captureVisibleTab(4, 1)).toBeNull();
    expect(capture).toHaveBeenCalledTimes(1);
  });
});
