/**
 * "Show me on my page": played at once from the popup on the walkthrough's site; from the popup
 * on another site, the person is first told what to do there, then the page opens; from the log
 * page, it opens at once and waits; a walkthrough whose address is not a web page never opens.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { playerStartSetting, read, waitingWalkthroughSetting } from '@/lib/db/settings';
import { showWalkthrough, WAITING_MS, waitingWalkthroughFor } from '@/lib/walkthrough/player-start';
import { freshDb } from '../helpers/db';
import { sampleWalkthrough } from './sample';

const MESSAGE = { id: 'answer-1', walkthrough: sampleWalkthrough(2) };
let inject: ReturnType<typeof vi.fn>;
let create: ReturnType<typeof vi.fn>;

beforeEach(() => {
  fakeBrowser.reset();
  inject = vi.fn().mockResolvedValue([]);
  create = vi.fn().mockResolvedValue({ id: 99 });
  Object.assign(browser, { scripting: { executeScript: inject } });
  Object.assign(browser.tabs, { create });
});

describe('showing a walkthrough', () => {
  it('plays it in the popup’s tab when that tab is on the walkthrough’s site', async () => {
    const db = freshDb();
    const outcome = await showWalkthrough(db, MESSAGE, { id: 5, url: 'https://crm.acme.internal/other/page' });
    expect(outcome).toEqual({ kind: 'started' });
    expect(inject).toHaveBeenCalledWith({ target: { tabId: 5 }, files: ['/player.js'] });
    expect(await read(db, playerStartSetting)).toMatchObject({ tabId: 5, messageId: 'answer-1', taken: false });
    expect(create).not.toHaveBeenCalled();
  });

  it('from the popup on another site: says so first, opens the page on the second click, then offers it there', async () => {
    const db = freshDb();
    const elsewhere = { id: 5, url: 'https://www.linkedin.com/feed/' };
    expect(await showWalkthrough(db, MESSAGE, elsewhere)).toEqual({ kind: 'elsewhere', site: 'crm.acme.internal' });
    expect(create).not.toHaveBeenCalled();
    expect(await showWalkthrough(db, MESSAGE, elsewhere, { open: true, now: 1000 })).toEqual({
      kind: 'opened',
      site: 'crm.acme.internal',
    });
    expect(create).toHaveBeenCalledWith({ url: MESSAGE.walkthrough.startUrl, active: true });
    expect(inject).not.toHaveBeenCalled();
    expect(await waitingWalkthroughFor(db, 'https://crm.acme.internal/deals/42', 2000)).toBe('answer-1');
    expect(await waitingWalkthroughFor(db, 'https://www.linkedin.com/feed/', 2000)).toBeNull();
    expect(await waitingWalkthroughFor(db, 'https://crm.acme.internal/deals/42', 1000 + WAITING_MS + 1)).toBeNull();
  });

  it('from the log page (no tab): opens the page at once', async () => {
    const db = freshDb();
    expect(await showWalkthrough(db, MESSAGE, undefined)).toEqual({ kind: 'opened', site: 'crm.acme.internal' });
    expect(create).toHaveBeenCalledOnce();
  });

  it.each(['javascript:alert(1)', 'file:///etc/passwd', 'not a url', ''])(
    'never opens nor plays a walkthrough for %j',
    async (startUrl) => {
      const db = freshDb();
      const hostile = { id: 'answer-2', walkthrough: { ...sampleWalkthrough(1), startUrl } };
      expect(await showWalkthrough(db, hostile, { id: 5, url: 'https://crm.acme.internal/' })).toEqual({ kind: 'no-page' });
      expect(await showWalkthrough(db, hostile, undefined)).toEqual({ kind: 'no-page' });
      expect(create).not.toHaveBeenCalled();
      expect(inject).not.toHaveBeenCalled();
      expect(await read(db, waitingWalkthroughSetting)).toBeNull();
    },
  );
});
