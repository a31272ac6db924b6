/**
 * The background's side of the hand-over when the panel's frame has no session storage
 * (Firefox): it answers only the extension's own ask-panel frame, about the panel its URL
 * names, in the tab that panel was put into, and hands each entry over once.
 */
import { browser, type Browser } from 'wxt/browser';
import {
  CHANNEL_SECRET_PREFIX,
  HANDOVER_WAIT_MS,
  PANEL_OPEN_PREFIX,
  PREPARED_PREFIX,
  waitForSessionEntry,
  type ChannelSecret,
  type PreparedAsk,
} from './prepared-ask';
import type { PanelFrameToBackgroundHandlers } from '../messaging/panel-frame-to-background';

/** A sender that is one of the extension's ask-panel frames: its tab and the panel id in its URL. */
export interface AskPanelFrame {
  tabId: number;
  askId: string;
}

export function askPanelFrameOf(sender: Browser.runtime.MessageSender): AskPanelFrame | null {
  const tabId = sender.tab?.id;
  if (sender.id !== browser.runtime.id || typeof tabId !== 'number' || tabId < 0 || !sender.url) return null;
  // By string: `new URL()` gives the origin "null" for moz-extension: URLs.
  const [page] = sender.url.split(/[?#]/);
  if (page !== browser.runtime.getURL('/ask-panel.html')) return null;
  const askId = new URL(sender.url).searchParams.get('ask');
  return askId ? { tabId, askId } : null;
}

/** Keys already handed over by this worker: two requests racing for one entry get it once. */
const handedOver = new Set<string>();

export function panelFrameHandlers(frame: AskPanelFrame, waitMs = HANDOVER_WAIT_MS): PanelFrameToBackgroundHandlers {
  return {
    'panel:take-prepared-ask': ({ askId }) => handOver<PreparedAsk>(frame, PREPARED_PREFIX, askId, waitMs),
    async 'panel:take-channel-secret'({ askId }) {
      return (await handOver<ChannelSecret>(frame, CHANNEL_SECRET_PREFIX, askId, waitMs))?.secret ?? null;
    },
    async 'panel:forget-open-panel'() {
      await browser.storage.session.remove(PANEL_OPEN_PREFIX + frame.tabId);
      return null;
    },
  };
}

async function handOver<T extends { tabId: number }>(
  frame: AskPanelFrame,
  prefix: string,
  askId: string,
  waitMs: number,
): Promise<T | null> {
  // Another panel's id, even in this tab, is not this frame's to read.
  if (askId !== frame.askId) return null;
  const key = prefix + askId;
  const entry = await waitForSessionEntry<T>(key, waitMs);
  // Checked and marked with nothing awaited between: the second of two racing requests gets nothing.
  if (!entry || entry.tabId !== frame.tabId || handedOver.has(key)) return null;
  handedOver.add(key);
  await browser.storage.session.remove(key);
  return entry;
}
