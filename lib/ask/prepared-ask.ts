/**
 * What the background captured for the in-page panel, handed over through session storage
 * (memory only) under an id the panel's URL carries. Kept apart from lib/ask/ask-panel.ts so
 * the panel's frame loads none of the background's code.
 */
import { browser } from 'wxt/browser';
import type { PairChoice } from './question';
import type { PageContext } from '../capture/page-context';
import type { ElementDescription } from '../capture/element-description';
import type { LanguageChoice } from '../i18n/language';

export const PREPARED_PREFIX = 'preparedAsk:';
/** Set while a tab may show a panel (cleared when it closes; a navigation leaves it, harmlessly). */
export const PANEL_OPEN_PREFIX = 'askPanelOpen:';

/** The in-page panel says so when it closes: the next ask need not wait for it to go. */
export async function forgetOpenPanel(tabId: number): Promise<void> {
  await browser.storage.session.remove(PANEL_OPEN_PREFIX + tabId);
}

export function preciseNow(): number {
  return performance.timeOrigin + performance.now();
}

/** Everything the in-page panel shows, captured before it was injected. */
export interface PreparedAsk {
  tabId: number;
  context: PageContext | null;
  /** The visible tab as a data URL, unredacted: it never leaves session storage and this device. */
  screenshot: string | null;
  /** Read from the database by the background: the panel's frame has no access to it. */
  pairs: PairChoice[];
  /** Chosen in the settings; read by the background, like the pairs. Absent from a panel of an older version. */
  language?: LanguageChoice;
  screenshotWanted: boolean;
  element?: ElementDescription;
  /** When the person asked (performance.timeOrigin + now): the panel measures from it. */
  askedAt: number;
}

/**
 * The one-time secret that proves the channel offered to the panel's frame comes from
 * Binôme's host, not from the page (see lib/ask/ask-panel-host.ts). Kept apart from the capture:
 * the frame needs it before the picture is taken, and even when the capture never comes.
 */
export const CHANNEL_SECRET_PREFIX = 'askPanelSecret:';

export interface ChannelSecret {
  secret: string;
  /** The tab the panel is put into: the background hands the secret to a frame of that tab only. */
  tabId: number;
  askedAt: number;
}

/**
 * Read once by the panel: the unredacted picture does not linger, even in memory. The panel
 * starts loading before the capture is stored, so it waits for it (not forever).
 */
export async function takePreparedAsk(id: string, waitMs = HANDOVER_WAIT_MS): Promise<PreparedAsk | null> {
  return takeSessionEntry<PreparedAsk>(PREPARED_PREFIX + id, waitMs);
}

/** Read once by the panel's frame, which then accepts no other channel. */
export async function takeChannelSecret(id: string, waitMs = HANDOVER_WAIT_MS): Promise<string | null> {
  return (await takeSessionEntry<ChannelSecret>(CHANNEL_SECRET_PREFIX + id, waitMs))?.secret ?? null;
}

/** How long a panel waits for what the background is still capturing. */
export const HANDOVER_WAIT_MS = 10_000;

async function takeSessionEntry<T>(key: string, waitMs: number): Promise<T | null> {
  const entry = await waitForSessionEntry<T>(key, waitMs);
  if (entry) await browser.storage.session.remove(key);
  return entry;
}

/** The entry under key, once it is stored (not after waitMs); left in place. */
export async function waitForSessionEntry<T>(key: string, waitMs: number): Promise<T | null> {
  const read = async () => ((await browser.storage.session.get(key)) as Record<string, T | undefined>)[key];
  let entry = await read();
  if (!entry) {
    entry = await new Promise<T | undefined>((resolve) => {
      const done = (value: T | undefined) => {
        clearTimeout(timer);
        browser.storage.session.onChanged.removeListener(onChanged);
        resolve(value);
      };
      const onChanged = (changes: Record<string, { newValue?: unknown }>) => {
        if (changes[key]?.newValue) done(changes[key].newValue as T);
      };
      const timer = setTimeout(() => done(undefined), waitMs);
      browser.storage.session.onChanged.addListener(onChanged);
      // Stored between the first read and the listener: read again.
      void read().then(
        (value) => value && done(value),
        () => undefined,
      );
    });
  }
  return entry ?? null;
}
