/**
 * What the ask form needs, behind one interface with two ways to reach it:
 * - extension pages of their own (popup, side panel) use Dexie directly;
 * - the in-page panel is an extension frame inside someone else's page, where the browser
 *   partitions (or refuses) storage, so it must not open Binôme's database: it asks the
 *   background, which owns it.
 */
import type { BinomeDb, PageContext } from './db';
import type { ElementDescription } from './element-description';
import { uuidv7 } from './ids';
import { sendToBackground } from './messaging';
import type { ScreenshotPayload } from './payloads';
import { startPicking } from './picker-flow';
import { blobToBase64 } from './screenshot';
import { rememberScreenshotChoice, screenshotWanted } from './screenshot-choice';
import { composeMessage } from './threads';

export interface PairChoice {
  pairId: string;
  peerName: string;
}

export interface QuestionToAsk {
  pairId: string;
  text: string;
  context: PageContext | null;
  skill?: string;
  screenshot?: ScreenshotPayload;
  element?: ElementDescription;
}

export interface AskBackend {
  pairs(): Promise<PairChoice[]>;
  screenshotWanted(site: string): Promise<boolean>;
  rememberScreenshotChoice(site: string, wanted: boolean): Promise<void>;
  /** Queues the question (sealed for the buddy) and returns its thread id. */
  ask(question: QuestionToAsk): Promise<string>;
  startPicking(tabId: number): Promise<void>;
}

export async function screenshotPayload(blob: Blob): Promise<ScreenshotPayload> {
  return { type: blob.type as ScreenshotPayload['type'], data: await blobToBase64(blob) };
}

/** Seals and queues a question in the outbox; the caller then asks for a sync. */
export async function queueQuestion(db: BinomeDb, question: QuestionToAsk, at = Date.now()): Promise<string> {
  const pair = await db.pairs.get(question.pairId);
  if (!pair) throw new Error(`Unknown pair ${question.pairId}`);
  const id = uuidv7(at);
  const { text, context, skill, element, screenshot } = question;
  const payload = {
    threadId: id,
    text,
    context,
    ...(skill ? { skill } : {}),
    ...(element ? { element } : {}),
    ...(screenshot ? { screenshot } : {}),
  };
  await composeMessage(db, pair, 'question', payload, { id, now: at });
  return id;
}

export async function pairChoices(db: BinomeDb): Promise<PairChoice[]> {
  return (await db.pairs.orderBy('createdAt').toArray()).map(({ pairId, peerName }) => ({ pairId, peerName }));
}

export function localAskBackend(db: BinomeDb, afterQueue: () => void): AskBackend {
  return {
    pairs: () => pairChoices(db),
    screenshotWanted: (site) => screenshotWanted(db, site),
    rememberScreenshotChoice: (site, wanted) => rememberScreenshotChoice(db, site, wanted),
    async ask(question) {
      const threadId = await queueQuestion(db, question);
      afterQueue();
      return threadId;
    },
    startPicking: (tabId) => startPicking(db, tabId),
  };
}

export function backgroundAskBackend(): AskBackend {
  return {
    pairs: () => sendToBackground({ type: 'page:ask-choices' }).then((choices) => choices.pairs),
    screenshotWanted: (site) => sendToBackground({ type: 'page:ask-choices', site }).then((choices) => choices.screenshotWanted),
    rememberScreenshotChoice: (site, wanted) =>
      sendToBackground({ type: 'page:remember-screenshot-choice', site, wanted }).then(() => undefined),
    ask: (question) => sendToBackground({ type: 'page:ask', question }).then((result) => result.threadId),
    startPicking: (tabId) => sendToBackground({ type: 'page:start-picking', tabId }).then(() => undefined),
  };
}
