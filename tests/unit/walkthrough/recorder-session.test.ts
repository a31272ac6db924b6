/** The recorder → background family through the background's real message listener, sender by sender. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { onRuntimeMessage } from '@/entrypoints/background/runtime-messages';
import type { PageToBackgroundHandlers } from '@/lib/messaging/page-to-background';
import { readDraft, startDraft } from '@/lib/walkthrough/recorder-draft';
import { onRecordedTabClosed, onRecordedTabLoaded } from '@/lib/walkthrough/recorder-session';
import type { StepTarget } from '@/lib/walkthrough/schema';
import { speakHanded, t, tCount } from '@/lib/i18n/i18n';
import { applyLanguage } from '@/lib/i18n/language';
import { RECORDER_KEYS } from '@/lib/walkthrough/recorder-strings';
import fr from '@/public/_locales/fr/messages.json';
import { emptyDb } from '../helpers/db';
import { extensionFiles, speak } from '../helpers/i18n';

const THREAD = '11111111-1111-4111-8111-111111111111';
const TAB = 21;
const TARGET: StepTarget = {
  tag: 'button',
  role: 'button',
  name: 'New invoice',
  label: '',
  placeholder: '',
  text: 'New invoice',
  testId: 'new-invoice',
  dataAttributes: {},
  id: '',
  selector: 'button',
  siblingIndex: 0,
  siblingCount: 1,
  place: { x: 0, y: 0, width: 0.1, height: 0.1 },
  framePath: [],
  shadowPath: [],
};
const STEP = { type: 'recorder:step', action: 'click', target: TARGET, choice: '', url: 'https://app.acme.com/invoices/77' };
const unanswerable = {} as PageToBackgroundHandlers;

function fromTab(tabId: number, frameId = 0) {
  return { id: browser.runtime.id, url: 'https://app.acme.com/invoices/77', frameId, tab: { id: tabId } as never };
}

function deliver(db: ReturnType<typeof emptyDb>, message: unknown, sender: ReturnType<typeof fromTab>) {
  return new Promise<unknown>((resolve) => {
    const answered = onRuntimeMessage(db, unanswerable)(message, sender, resolve);
    if (!answered) resolve('no answer');
  });
}

describe('the recorder’s messages', () => {
  beforeEach(() => {
    fakeBrowser.reset();
    speak('en');
  });
  afterEach(() => vi.restoreAllMocks());

  it('from the tab being recorded become steps, with the address pattern and a caption', async () => {
    const db = emptyDb();
    await startDraft(db, { threadId: THREAD, tabId: TAB, startUrl: 'https://app.acme.com/invoices' });
    expect(await deliver(db, { type: 'recorder:hello' }, fromTab(TAB))).toEqual({
      ok: true,
      value: { state: { count: 0, full: false }, language: null },
    });
    expect(await deliver(db, STEP, fromTab(TAB))).toEqual({ ok: true, value: { count: 1, full: false } });
    expect((await readDraft(db, THREAD))?.steps[0]).toMatchObject({
      action: 'click',
      caption: 'Click “New invoice”',
      urlPattern: 'https://app.acme.com/invoices/*',
      target: { testId: 'new-invoice' },
    });
  });

  it('greet the bar with its words in the language chosen in Binôme’s settings, not the browser’s', async () => {
    const db = emptyDb();
    await startDraft(db, { threadId: THREAD, tabId: TAB, startUrl: 'https://app.acme.com/invoices' });
    try {
      await applyLanguage('fr', extensionFiles().fetchFile);
      const greeting = (await deliver(db, { type: 'recorder:hello' }, fromTab(TAB))) as {
        value: { language: Parameters<typeof speakHanded>[0] };
      };
      expect(greeting.value.language?.language).toBe('fr');
      expect(Object.keys(greeting.value.language?.messages ?? {}).sort()).toEqual([...RECORDER_KEYS].sort());
      // The page's script, where the browser speaks English: it says what the bar says in French.
      await applyLanguage('browser');
      speakHanded(greeting.value.language);
      expect(t('recorder_finish')).toBe(fr.recorder_finish.message);
      expect(tCount('recorder_bar_count', 3)).toBe(fr.recorder_bar_count_other.message.replace('$1', '3'));
      expect(tCount('recorder_bar_count', 1)).toBe(fr.recorder_bar_count_one.message.replace('$1', '1'));
    } finally {
      speakHanded(null);
    }
  });

  it('from another tab, a frame, or an extension page are ignored and logged', async () => {
    const db = emptyDb();
    await startDraft(db, { threadId: THREAD, tabId: TAB, startUrl: 'https://app.acme.com/' });
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const otherTab = await deliver(db, STEP, fromTab(TAB + 1));
    expect(otherTab).toMatchObject({ ok: false, error: { code: 'not_recording' } });
    expect(warn).toHaveBeenCalledWith(expect.stringContaining(`from tab ${TAB + 1}`));
    expect(await deliver(db, STEP, fromTab(TAB, 3))).toMatchObject({ ok: false, error: { code: 'not_recording' } });
    const extensionPage = { ...fromTab(TAB), url: browser.runtime.getURL('/popup.html') };
    expect(await deliver(db, STEP, extensionPage)).toBe('no answer');
    expect((await readDraft(db, THREAD))?.steps).toEqual([]);
  });

  it('of the wrong shape are not taken as the recorder’s', async () => {
    const db = emptyDb();
    await startDraft(db, { threadId: THREAD, tabId: TAB, startUrl: 'https://app.acme.com/' });
    const tooLong = { ...STEP, target: { ...TARGET, name: 'x'.repeat(100_000) } };
    expect(await deliver(db, tooLong, fromTab(TAB))).toBe('no answer');
    expect(await deliver(db, { ...STEP, action: 'run-script' }, fromTab(TAB))).toBe('no answer');
    expect((await readDraft(db, THREAD))?.steps).toEqual([]);
  });

  it('Finish stops the recording and opens the thread in a window of its own, told the recorded tab', async () => {
    const db = emptyDb();
    await startDraft(db, { threadId: THREAD, tabId: TAB, startUrl: 'https://app.acme.com/' });
    const create = vi.fn(async () => ({}));
    Object.assign(browser.windows, { create });
    expect(await deliver(db, { type: 'recorder:finish' }, fromTab(TAB))).toEqual({ ok: true, value: null });
    expect((await readDraft(db, THREAD))?.recording).toBe(false);
    expect(create).toHaveBeenCalledWith(
      expect.objectContaining({ type: 'popup', url: browser.runtime.getURL(`/popup.html?tabId=${TAB}#thread=${THREAD}`) }),
    );
  });
});

describe('the recorded tab', () => {
  beforeEach(() => fakeBrowser.reset());
  afterEach(() => vi.restoreAllMocks());

  it('gets the recorder again after a page load where Binôme may still go', async () => {
    const db = emptyDb();
    await startDraft(db, { threadId: THREAD, tabId: TAB, startUrl: 'https://app.acme.com/' });
    const inject = vi.fn(async () => []);
    Object.assign(browser.scripting, { executeScript: inject });
    await onRecordedTabLoaded(db, TAB);
    expect(inject).toHaveBeenCalledWith({ target: { tabId: TAB }, files: ['/recorder.js'] });
    await onRecordedTabLoaded(db, TAB + 1);
    expect(inject).toHaveBeenCalledOnce();
    expect((await readDraft(db, THREAD))?.recording).toBe(true);
  });

  it('stops, keeping its steps and saying why, where the browser no longer lets Binôme in', async () => {
    const db = emptyDb();
    await startDraft(db, { threadId: THREAD, tabId: TAB, startUrl: 'https://app.acme.com/' });
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    Object.assign(browser.scripting, {
      executeScript: vi.fn(async () => {
        throw new Error('Cannot access contents of the page');
      }),
    });
    await onRecordedTabLoaded(db, TAB);
    expect(await readDraft(db, THREAD)).toMatchObject({ recording: false, interrupted: 'page-reloaded' });
  });

  it('closed, stops the recording', async () => {
    const db = emptyDb();
    await startDraft(db, { threadId: THREAD, tabId: TAB, startUrl: 'https://app.acme.com/' });
    await onRecordedTabClosed(db, TAB);
    expect(await readDraft(db, THREAD)).toMatchObject({ recording: false, interrupted: 'tab-closed' });
  });
});
