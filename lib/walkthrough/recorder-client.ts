/**
 * What the thread view calls to record, edit and send a walkthrough (the UI talks to this, as
 * to lib/messaging/client.ts for the rest): the draft is in Dexie, so every edit is kept at
 * once and the view redraws from its live query.
 */
import type { BinomeDb } from '../db/db';
import { uuidv7 } from '../db/ids';
import type { Client } from '../messaging/client';
import { composeMessage } from '../conversation/threads';
import { discardDraft, moveStep, readDraft, removeStep, setCaption, stopRecording, walkthroughOf } from './recorder-draft';
import { removeRecorderBar, startRecording, tabToRecord } from './recorder-start';

export interface RecorderClient {
  /** The tab the recording would happen in (its address decides the "other site" note). */
  tab(tabId?: number): Promise<{ id: number; url: string } | null>;
  start(threadId: string, tab: { id: number; url: string }): Promise<void>;
  /** Stops recording; the bar leaves the tab, the steps stay to be edited. */
  stop(threadId: string, tabId: number): Promise<void>;
  setCaption(threadId: string, stepId: string, caption: string): Promise<void>;
  move(threadId: string, stepId: string, by: -1 | 1): Promise<void>;
  remove(threadId: string, stepId: string): Promise<void>;
  discard(threadId: string): Promise<void>;
  /** Sends the draft as an answer (text optional), sealed like every answer; the draft is gone after. */
  send(threadId: string, text: string, skill?: string): Promise<void>;
}

export function createRecorderClient(db: BinomeDb, client: Pick<Client, 'syncNow'>): RecorderClient {
  return {
    tab: tabToRecord,
    start: (threadId, tab) => startRecording(db, threadId, tab),
    async stop(threadId, tabId) {
      await stopRecording(db, threadId);
      await removeRecorderBar(tabId);
    },
    setCaption: (threadId, stepId, caption) => setCaption(db, threadId, stepId, caption),
    move: (threadId, stepId, by) => moveStep(db, threadId, stepId, by),
    remove: (threadId, stepId) => removeStep(db, threadId, stepId),
    discard: (threadId) => discardDraft(db, threadId),
    async send(threadId, text, skill) {
      const draft = await readDraft(db, threadId);
      const thread = await db.threads.get(threadId);
      const pair = thread && (await db.pairs.get(thread.pairId));
      if (!draft || !thread || !pair) throw new Error(`Nothing to send for thread ${threadId}`);
      // Refused here, with a sentence, before anything is sealed or queued: too many steps, none at all.
      const walkthrough = walkthroughOf(draft);
      const at = Date.now();
      await composeMessage(
        db,
        pair,
        'answer',
        { threadId, text: text.trim(), ...(skill ? { skill } : {}), walkthrough },
        { id: uuidv7(at), now: at },
      );
      await discardDraft(db, threadId);
      // Sent while still recording: the bar leaves the page too.
      if (draft.recording) await removeRecorderBar(draft.tabId);
      void client.syncNow();
    },
  };
}
