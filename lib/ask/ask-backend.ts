/**
 * What the ask form needs, behind one interface with two ways to reach it:
 * - extension pages of their own (popup, side panel) use Dexie directly;
 * - the in-page panel is an extension frame inside someone else's page, where the browser
 *   partitions (or refuses) storage, so it must not open Binôme's database: it asks the
 *   background, which owns it.
 * This module holds the interface and the background way only, so that the panel's frame
 * loads no database code; the Dexie way is lib/ask/ask-backend-local.ts; the shapes are in lib/ask/question.ts.
 */
import { sendToBackground } from '../messaging/messaging';
import type { AskBackend, PairChoice } from './question';
import type { ScreenshotPayload } from '../conversation/payloads';
import { blobToBase64 } from '../capture/screenshot';

export async function screenshotPayload(blob: Blob): Promise<ScreenshotPayload> {
  return { type: blob.type as ScreenshotPayload['type'], data: await blobToBase64(blob) };
}

/** `known`: what the background read from the database when it opened the panel. */
export function backgroundAskBackend(known: { pairs: PairChoice[]; screenshotWanted: boolean }): AskBackend {
  return {
    pairs: () => Promise.resolve(known.pairs),
    screenshotWanted: () => Promise.resolve(known.screenshotWanted),
    rememberScreenshotChoice: (site, wanted) =>
      sendToBackground({ type: 'page:remember-screenshot-choice', site, wanted }).then(() => undefined),
    ask: (question) => sendToBackground({ type: 'page:ask', question }).then((result) => result.threadId),
    startPicking: (tabId) => sendToBackground({ type: 'page:start-picking', tabId }).then(() => undefined),
  };
}
