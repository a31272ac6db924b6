/** The background's handlers one by one, with the domain they hand events to replaced where it would open a panel. */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { onAlarm } from '@/entrypoints/background/alarms';
import { onCommand, onContextMenuClicked } from '@/entrypoints/background/ask-triggers';
import { onRuntimeMessage } from '@/entrypoints/background/runtime-messages';
import { openAskPanel } from '@/lib/ask/ask-panel';
import { ASK_COMMAND } from '@/lib/ask/commands';
import { CONTEXT_MENU_ID } from '@/lib/ask/context-menu';
import { expectPick } from '@/lib/ask/pending-ask';
import type { PageToBackgroundHandlers } from '@/lib/messaging/page-to-background';
import { SYNC_ALARM } from '@/lib/sync/background-sync';
import { emptyDb } from '../helpers/db';

vi.mock('@/lib/ask/ask-panel', () => ({ openAskPanel: vi.fn(async () => 'in-page') }));

const TAB = { id: 7, url: 'https://x.example/', windowId: 1 } as never;
const ELEMENT = {
  role: 'button',
  name: 'Pin',
  text: 'Pin',
  id: '',
  dataAttributes: {},
  cssPath: 'button',
  tag: 'button',
  rect: { x: 0, y: 0, width: 10, height: 10 },
  devicePixelRatio: 1,
};

describe('the poll alarm', () => {
  it('wakes sync, and only its own alarm does', () => {
    const sync = { wake: vi.fn(async () => undefined) };
    onAlarm(sync)({ name: 'someone-else', scheduledTime: 0, persistAcrossSessions: false });
    expect(sync.wake).not.toHaveBeenCalled();
    onAlarm(sync)({ name: SYNC_ALARM, scheduledTime: 0, persistAcrossSessions: false });
    expect(sync.wake).toHaveBeenCalledOnce();
  });
});

describe('the shortcut and the right-click menu', () => {
  beforeEach(() => vi.mocked(openAskPanel).mockClear());

  it('open the ask panel on the tab, for the shortcut of Binôme only', () => {
    const db = emptyDb();
    onCommand(db)('some-other-command', TAB);
    expect(openAskPanel).not.toHaveBeenCalled();
    onCommand(db)(ASK_COMMAND, TAB);
    expect(openAskPanel).toHaveBeenCalledWith(db, TAB, { selection: '', targetUrl: '' });
  });

  it('open it with what was right-clicked', async () => {
    const db = emptyDb();
    onContextMenuClicked(db)(
      { menuItemId: CONTEXT_MENU_ID, selectionText: ' the words ', editable: false, pageUrl: '' } as never,
      TAB,
    );
    await vi.waitFor(() => expect(openAskPanel).toHaveBeenCalledWith(db, TAB, { selection: 'the words', targetUrl: '' }));
  });
});

describe('a picker result from a tab', () => {
  const fromTab = (id: number) => ({
    id: browser.runtime.id,
    url: 'https://x.example/',
    tab: { id, url: 'https://x.example/' } as never,
  });
  const unanswerable = {} as PageToBackgroundHandlers;

  beforeEach(() => {
    fakeBrowser.reset();
    vi.mocked(openAskPanel).mockClear();
  });

  it('opens the ask panel with the element when it comes from the tab the picker was started in', async () => {
    const db = emptyDb();
    await expectPick(db, 7);
    const answer = vi.fn();
    const willAnswer = onRuntimeMessage(db, unanswerable)(
      { type: 'content:element-picked', description: ELEMENT },
      fromTab(7),
      answer,
    );
    expect(willAnswer).toBe(false);
    await vi.waitFor(() =>
      expect(openAskPanel).toHaveBeenCalledWith(
        db,
        expect.objectContaining({ id: 7 }),
        expect.objectContaining({ element: ELEMENT }),
      ),
    );
    expect(answer).not.toHaveBeenCalled();
  });

  it('is ignored from another tab, or when it is not a picker result', async () => {
    const db = emptyDb();
    await expectPick(db, 7);
    const listener = onRuntimeMessage(db, unanswerable);
    listener({ type: 'content:element-picked', description: ELEMENT }, fromTab(8), vi.fn());
    listener({ type: 'page:sync-now' }, fromTab(7), vi.fn());
    listener({ type: 'content:element-picked', description: 'the Pin button' }, fromTab(7), vi.fn());
    // The pick was still expected after those: the right tab's result opens the panel, once.
    listener({ type: 'content:pick-cancelled' }, fromTab(7), vi.fn());
    await vi.waitFor(() => expect(openAskPanel).toHaveBeenCalled());
    expect(openAskPanel).toHaveBeenCalledOnce();
    expect(vi.mocked(openAskPanel).mock.calls[0]![2]).toEqual({ selection: '', targetUrl: '' });
  });
});
