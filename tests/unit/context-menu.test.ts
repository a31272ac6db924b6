import { beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { CONTEXT_MENU_ID, onContextMenuClick } from '@/lib/context-menu';
import { takePendingAsk } from '@/lib/pending-ask';
import { emptyDb } from './helpers/db';

describe('"Ask my buddy about this" in the right-click menu', () => {
  beforeEach(() => {
    fakeBrowser.reset();
    vi.restoreAllMocks();
  });

  it('notes the selection and the tab, then opens the popup, which picks the note up once', async () => {
    const db = emptyDb();
    const openPopup = vi.fn(async () => undefined);
    (browser.action as { openPopup: unknown }).openPopup = openPopup;
    await onContextMenuClick(
      db,
      { menuItemId: CONTEXT_MENU_ID, selectionText: '  Tableau croisé  ', editable: false, pageUrl: 'https://x' } as never,
      { id: 7 } as never,
      1000,
    );
    expect(openPopup).toHaveBeenCalledOnce();
    expect(await takePendingAsk(db, 2000)).toEqual({ tabId: 7, selection: 'Tableau croisé', targetUrl: '', at: 1000 });
    expect(await takePendingAsk(db, 2000)).toBeNull();
  });

  it('keeps the link or image right-clicked, and ignores a stale note', async () => {
    const db = emptyDb();
    (browser.action as { openPopup: unknown }).openPopup = vi.fn(async () => undefined);
    await onContextMenuClick(db, { menuItemId: CONTEXT_MENU_ID, srcUrl: 'https://img.example/a.png' } as never, { id: 3 } as never, 1000);
    expect(await takePendingAsk(db, 1000 + 10 * 60_000)).toBeNull();
    await onContextMenuClick(db, { menuItemId: CONTEXT_MENU_ID, linkUrl: 'https://link.example/' } as never, { id: 3 } as never, 1000);
    expect((await takePendingAsk(db, 1500))?.targetUrl).toBe('https://link.example/');
  });

  it('falls back to a small window where the popup cannot be opened', async () => {
    const db = emptyDb();
    (browser.action as { openPopup: unknown }).openPopup = vi.fn(async () => {
      throw new Error('no gesture');
    });
    const create = vi.fn(async () => ({}) as never);
    (browser.windows as { create: unknown }).create = create;
    await onContextMenuClick(db, { menuItemId: CONTEXT_MENU_ID } as never, { id: 9 } as never);
    expect(create).toHaveBeenCalledWith(expect.objectContaining({ type: 'popup', url: expect.stringContaining('popup.html?tabId=9') }));
  });

  it('ignores other menu entries and clicks without a tab', async () => {
    const db = emptyDb();
    await onContextMenuClick(db, { menuItemId: 'other' } as never, { id: 1 } as never);
    await onContextMenuClick(db, { menuItemId: CONTEXT_MENU_ID } as never, undefined);
    expect(await takePendingAsk(db)).toBeNull();
  });
});
