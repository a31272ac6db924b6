import { beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { ASK_PANEL_REMOVE, ASK_PANEL_TAG, mountAskPanel, type AskPanelMount } from '@/lib/ask/ask-panel-host';
import { HOST_TO_PANEL_FRAME, PANEL_FRAME_TO_HOST } from '@/lib/messaging/panel-frame-and-host';
import { takeChannelSecret, takePreparedAsk } from '@/lib/ask/prepared-ask';
import { CONTEXT_MENU_ID, onContextMenuClick } from '@/lib/ask/context-menu';
import { emptyDb } from '../helpers/db';

const TAB = { id: 7, url: 'https://x.example/', windowId: 3, title: 'X page' };
const SCREENSHOT = 'data:image/jpeg;base64,AAAA';

interface ScriptCall {
  func: unknown;
  args?: [AskPanelMount];
}

let executeScript: ReturnType<typeof vi.fn>;
let captureVisibleTab: ReturnType<typeof vi.fn>;

function injectedMount(): AskPanelMount {
  return executeScript.mock.calls.map(([call]) => call as ScriptCall).find((call) => call.func === mountAskPanel)!.args![0];
}

/** The id the background gave the prepared ask, read from the URL the panel was injected with. */
function injectedAskId(): string {
  return new URL(injectedMount().src).searchParams.get('ask')!;
}

describe('"Ask my buddy about this" in the right-click menu', () => {
  beforeEach(() => {
    fakeBrowser.reset();
    vi.restoreAllMocks();
    (browser.i18n as { getMessage: unknown }).getMessage = vi.fn(() => 'Ask my buddy');
    (browser.tabs as { get: unknown }).get = vi.fn(async () => TAB);
    captureVisibleTab = vi.fn(async () => SCREENSHOT);
    (browser.tabs as { captureVisibleTab: unknown }).captureVisibleTab = captureVisibleTab;
    executeScript = vi.fn(async (call: ScriptCall) =>
      call.func === mountAskPanel ? [{ result: undefined }] : [{ result: 'page selection' }],
    );
    (browser.scripting as { executeScript: unknown }).executeScript = executeScript;
  });

  it('injects the panel into a normal page, with the ask-panel URL carrying a fresh ask id', async () => {
    const surface = await onContextMenuClick(emptyDb(), { menuItemId: CONTEXT_MENU_ID } as never, TAB as never);
    expect(surface).toBe('in-page');
    expect(executeScript).toHaveBeenCalledTimes(2);
    // The hidden frame is injected first, so that it loads while the picture is taken.
    expect(executeScript).toHaveBeenNthCalledWith(1, {
      target: { tabId: 7 },
      func: mountAskPanel,
      args: [
        {
          src: expect.stringMatching(/^chrome-extension:\/\/[^/]+\/ask-panel\.html\?ask=[0-9a-f-]{36}$/),
          title: 'Ask my buddy',
          tag: ASK_PANEL_TAG,
          removeKey: ASK_PANEL_REMOVE,
          readyWithinMs: 15_000,
          frameOrigins: [
            expect.stringMatching(/^chrome-extension:\/\/[^/]+$/),
            expect.stringMatching(/^chrome-extension:\/\/[^/]+$/),
          ],
          secret: expect.stringMatching(/^[0-9a-f]{32}$/),
          types: {
            channel: HOST_TO_PANEL_FRAME.channel,
            ready: PANEL_FRAME_TO_HOST.ready,
            close: PANEL_FRAME_TO_HOST.close,
            leaving: PANEL_FRAME_TO_HOST.leaving,
          },
        },
      ],
    });
    // The frame gets the same secret from session storage, which the page cannot read.
    expect(await takeChannelSecret(injectedAskId(), 0)).toBe(injectedMount().secret);
  });

  it('prepares the menu selection, the link and the screenshot for the panel, to be read once', async () => {
    await onContextMenuClick(
      emptyDb(),
      { menuItemId: CONTEXT_MENU_ID, selectionText: '  Tableau croisé  ', linkUrl: 'https://link.example/' } as never,
      TAB as never,
    );
    const id = injectedAskId();
    expect(captureVisibleTab).toHaveBeenCalledWith(3, { format: 'jpeg', quality: 92 });
    expect(await takePreparedAsk(id)).toMatchObject({
      tabId: 7,
      screenshot: SCREENSHOT,
      context: { url: 'https://x.example/', title: 'X page', selection: 'Tableau croisé', targetUrl: 'https://link.example/' },
    });
    expect(await takePreparedAsk(id, 0)).toBeNull();
  });

  it('keeps the image right-clicked, and the page selection when the menu has none', async () => {
    await onContextMenuClick(
      emptyDb(),
      { menuItemId: CONTEXT_MENU_ID, srcUrl: 'https://img.example/a.png' } as never,
      TAB as never,
    );
    const [selectionRead] = executeScript.mock.calls[1] as [ScriptCall];
    expect(selectionRead.func).not.toBe(mountAskPanel);
    expect((await takePreparedAsk(injectedAskId()))?.context).toMatchObject({
      selection: 'page selection',
      targetUrl: 'https://img.example/a.png',
    });
  });

  it('ignores other menu entries and clicks without a tab', async () => {
    const db = emptyDb();
    expect(await onContextMenuClick(db, { menuItemId: 'other' } as never, TAB as never)).toBeNull();
    expect(await onContextMenuClick(db, { menuItemId: CONTEXT_MENU_ID } as never, undefined)).toBeNull();
    expect(await onContextMenuClick(db, { menuItemId: CONTEXT_MENU_ID } as never, { url: TAB.url } as never)).toBeNull();
    expect(executeScript).not.toHaveBeenCalled();
    expect(captureVisibleTab).not.toHaveBeenCalled();
  });
});
