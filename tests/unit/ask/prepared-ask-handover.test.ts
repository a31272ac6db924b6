/**
 * Firefox's in-page panel frame has no session storage and asks the background for its capture
 * and channel secret: only the extension's own ask-panel frame gets them, for the panel its URL
 * names, in the tab that panel was put into, once.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Browser } from 'wxt/browser';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { onRuntimeMessage } from '@/entrypoints/background/runtime-messages';
import {
  CHANNEL_SECRET_PREFIX,
  PANEL_OPEN_PREFIX,
  PREPARED_PREFIX,
  type ChannelSecret,
  type PreparedAsk,
} from '@/lib/ask/prepared-ask';
import { askPanelFrameOf, panelFrameHandlers } from '@/lib/ask/prepared-ask-handover';
import { takeChannelSecretInFrame, takePreparedAskInFrame } from '@/lib/ask/prepared-ask-frame';
import type { PageToBackgroundHandlers } from '@/lib/messaging/page-to-background';
import { panelFrameToBackground } from '@/lib/messaging/panel-frame-to-background';
import { emptyDb } from '../helpers/db';

const TAB = 7;
// Fresh for every test, as for every panel: the background remembers what it handed over.
let ASK: string;
let OTHER_ASK: string;
const PREPARED: PreparedAsk = {
  tabId: TAB,
  context: null,
  screenshot: 'data:image/png;base64,AAAA',
  pairs: [],
  screenshotWanted: true,
  askedAt: 1,
};
const SECRET: ChannelSecret = { secret: 'a1b2c3', tabId: TAB, askedAt: 1 };

const panelUrl = (ask: string) => browser.runtime.getURL(`/ask-panel.html?ask=${ask}` as '/ask-panel.html');
const frameOf = (tabId: number, url = panelUrl(ASK)): Browser.runtime.MessageSender => ({
  id: browser.runtime.id,
  url,
  tab: { id: tabId } as never,
  frameId: 3,
});

type Answer = { ok: boolean; value?: unknown };

/** What the background answers the sender, or `undefined` when it refuses without an answer. */
async function ask(message: unknown, sender: Browser.runtime.MessageSender): Promise<Answer | undefined> {
  const answer = vi.fn();
  const willAnswer = onRuntimeMessage(emptyDb(), {} as PageToBackgroundHandlers)(message, sender, answer);
  if (!willAnswer) return undefined;
  await vi.waitFor(() => expect(answer).toHaveBeenCalledOnce());
  return answer.mock.calls[0]![0] as Answer;
}

const stored = async () => (await browser.storage.session.get(null)) as Record<string, unknown>;

describe('the panel frame’s hand-over', () => {
  beforeEach(async () => {
    fakeBrowser.reset();
    ASK = crypto.randomUUID();
    OTHER_ASK = crypto.randomUUID();
    await browser.storage.session.set({
      [PREPARED_PREFIX + ASK]: PREPARED,
      [CHANNEL_SECRET_PREFIX + ASK]: SECRET,
      [PREPARED_PREFIX + OTHER_ASK]: PREPARED,
    });
  });

  it('gives the panel’s own frame its capture and its secret, and forgets them', async () => {
    expect(await ask({ type: 'panel:take-prepared-ask', askId: ASK }, frameOf(TAB))).toEqual({ ok: true, value: PREPARED });
    expect(await ask({ type: 'panel:take-channel-secret', askId: ASK }, frameOf(TAB))).toEqual({ ok: true, value: 'a1b2c3' });
    expect(Object.keys(await stored())).toEqual([PREPARED_PREFIX + OTHER_ASK]);
  });

  it('waits for a capture still being taken', async () => {
    await browser.storage.session.remove(PREPARED_PREFIX + ASK);
    const answer = ask({ type: 'panel:take-prepared-ask', askId: ASK }, frameOf(TAB));
    await browser.storage.session.set({ [PREPARED_PREFIX + ASK]: PREPARED });
    expect(await answer).toEqual({ ok: true, value: PREPARED });
  });

  it('hands each over once, even to two requests at the same time', async () => {
    const handlers = panelFrameHandlers(askPanelFrameOf(frameOf(TAB))!, 0);
    const both = await Promise.all([
      handlers['panel:take-prepared-ask']({ type: 'panel:take-prepared-ask', askId: ASK }),
      handlers['panel:take-prepared-ask']({ type: 'panel:take-prepared-ask', askId: ASK }),
    ]);
    expect(both.filter(Boolean)).toEqual([PREPARED]);
    expect(await handlers['panel:take-prepared-ask']({ type: 'panel:take-prepared-ask', askId: ASK })).toBeNull();
  });

  it('gives nothing to the same panel page in another tab', async () => {
    expect(await ask({ type: 'panel:take-prepared-ask', askId: ASK }, frameOf(8))).toEqual({ ok: true, value: null });
    expect(await ask({ type: 'panel:take-channel-secret', askId: ASK }, frameOf(8))).toEqual({ ok: true, value: null });
    expect(await stored()).toHaveProperty([PREPARED_PREFIX + ASK], PREPARED);
    expect(await stored()).toHaveProperty([CHANNEL_SECRET_PREFIX + ASK], SECRET);
  });

  it('gives a frame nothing of another panel, even in its tab', async () => {
    expect(await ask({ type: 'panel:take-prepared-ask', askId: OTHER_ASK }, frameOf(TAB))).toEqual({ ok: true, value: null });
    expect(await stored()).toHaveProperty([PREPARED_PREFIX + OTHER_ASK], PREPARED);
  });

  it.each([
    [
      'a web page (a content script’s sender)',
      { id: browser.runtime.id, url: 'https://evil.example/', tab: { id: TAB } as never },
    ],
    [
      'a web page naming the panel in its URL',
      { id: browser.runtime.id, url: `https://evil.example/ask-panel.html?ask=${ASK}`, tab: { id: TAB } as never },
    ],
    ['another extension', { id: 'another-extension', url: panelUrl(ASK), tab: { id: TAB } as never }],
    [
      'another extension page',
      { id: browser.runtime.id, url: browser.runtime.getURL(`/popup.html?ask=${ASK}` as '/popup.html') },
    ],
    ['the panel page outside any tab', { id: browser.runtime.id, url: panelUrl(ASK) }],
  ])('refuses %s without an answer', async (_, sender: Browser.runtime.MessageSender) => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    expect(await ask({ type: 'panel:take-prepared-ask', askId: ASK }, sender)).toBeUndefined();
    expect(await ask({ type: 'panel:take-channel-secret', askId: ASK }, sender)).toBeUndefined();
    expect(await stored()).toHaveProperty([PREPARED_PREFIX + ASK], PREPARED);
    expect(await stored()).toHaveProperty([CHANNEL_SECRET_PREFIX + ASK], SECRET);
  });

  it('forgets the open panel of the frame’s own tab only', async () => {
    await browser.storage.session.set({ [PANEL_OPEN_PREFIX + TAB]: true, [PANEL_OPEN_PREFIX + 8]: true });
    expect(await ask({ type: 'panel:forget-open-panel' }, frameOf(TAB))).toEqual({ ok: true, value: null });
    expect(await stored()).not.toHaveProperty([PANEL_OPEN_PREFIX + TAB]);
    expect(await stored()).toHaveProperty([PANEL_OPEN_PREFIX + 8], true);
  });

  it('takes declared messages only', () => {
    expect(panelFrameToBackground.parse({ type: 'panel:take-prepared-ask', askId: ASK })).not.toBeNull();
    expect(panelFrameToBackground.parse({ type: 'panel:take-prepared-ask' })).toBeNull();
    expect(panelFrameToBackground.parse({ type: 'panel:take-prepared-ask', askId: 42 })).toBeNull();
    expect(panelFrameToBackground.parse({ type: 'page:sync-now' })).toBeNull();
  });
});

describe('a panel frame without session storage (Firefox)', () => {
  beforeEach(() => {
    fakeBrowser.reset();
    vi.restoreAllMocks();
    ASK = crypto.randomUUID();
  });

  it('asks the background for its capture and secret', async () => {
    vi.spyOn(browser.storage, 'session', 'get').mockReturnValue(undefined as never);
    const sendMessage = vi.spyOn(browser.runtime, 'sendMessage').mockImplementation((async (message: { type: string }) => ({
      ok: true,
      value: message.type === 'panel:take-prepared-ask' ? PREPARED : 'a1b2c3',
    })) as never);
    expect(await takePreparedAskInFrame(ASK)).toEqual(PREPARED);
    expect(await takeChannelSecretInFrame(ASK)).toBe('a1b2c3');
    expect(sendMessage.mock.calls.map(([message]) => message)).toEqual([
      { type: 'panel:take-prepared-ask', askId: ASK },
      { type: 'panel:take-channel-secret', askId: ASK },
    ]);
  });
});
