/**
 * The walkthrough being recorded, kept in Dexie per thread (db.walkthroughDrafts): the
 * background adds the steps that the recorder in the page reports, the thread view edits them
 * (captions, order, deletions) and sends them. A tab records for one thread at a time, and
 * only while its draft says `recording`: a step from any other tab finds no draft and is lost.
 */
import type { BinomeDb, DraftStep, WalkthroughDraft } from '../db/db';
import { uuidv7 } from '../db/ids';
import type { RecordingState } from '../messaging/recorder-to-background';
import { WALKTHROUGH_LIMITS, type Walkthrough, type WalkthroughStep } from './schema';

/** More steps than the receiver takes: refused at the sender with a sentence, nothing queued. */
export class WalkthroughTooLongError extends Error {
  constructor(
    readonly steps: number,
    readonly limit: number = WALKTHROUGH_LIMITS.steps,
  ) {
    super(`A walkthrough of ${steps} steps is longer than the ${limit} a buddy's browser accepts`);
    this.name = 'WalkthroughTooLongError';
  }
}

/** Nothing recorded yet: there is nothing to send. */
export class EmptyWalkthroughError extends Error {
  constructor() {
    super('The walkthrough has no step');
    this.name = 'EmptyWalkthroughError';
  }
}

export function readDraft(db: BinomeDb, threadId: string): Promise<WalkthroughDraft | undefined> {
  return db.walkthroughDrafts.get(threadId);
}

/** The draft a tab records into, if it is recording. */
export async function recordingInTab(db: BinomeDb, tabId: number): Promise<WalkthroughDraft | undefined> {
  const drafts = await db.walkthroughDrafts.where('tabId').equals(tabId).toArray();
  return drafts.find((draft) => draft.recording);
}

/**
 * Starts (or goes on with) the recording of a thread's walkthrough in a tab: the steps already
 * recorded stay. Another thread recording in that tab stops, so that a tab feeds one draft.
 */
export async function startDraft(
  db: BinomeDb,
  start: { threadId: string; tabId: number; startUrl: string },
  now = Date.now(),
): Promise<WalkthroughDraft> {
  return db.transaction('rw', db.walkthroughDrafts, async () => {
    await db.walkthroughDrafts
      .where('tabId')
      .equals(start.tabId)
      .and((draft) => draft.recording && draft.threadId !== start.threadId)
      .modify({ recording: false, updatedAt: now });
    const existing = await db.walkthroughDrafts.get(start.threadId);
    const draft: WalkthroughDraft = existing
      ? { ...existing, tabId: start.tabId, recording: true, interrupted: null, updatedAt: now }
      : {
          threadId: start.threadId,
          tabId: start.tabId,
          recording: true,
          startUrl: start.startUrl.slice(0, WALKTHROUGH_LIMITS.url),
          steps: [],
          interrupted: null,
          full: false,
          startedAt: now,
          updatedAt: now,
        };
    await db.walkthroughDrafts.put(draft);
    return draft;
  });
}

const stateOf = (draft: WalkthroughDraft): RecordingState => ({
  count: draft.steps.length,
  full: draft.steps.length >= WALKTHROUGH_LIMITS.steps,
});

/** Where the tab's recording stands; null when the tab is not recording. */
export async function recordingState(db: BinomeDb, tabId: number): Promise<RecordingState | null> {
  const draft = await recordingInTab(db, tabId);
  return draft ? stateOf(draft) : null;
}

/** Adds a step to the tab's recording; null when the tab is not recording. Beyond the limit, the step is not kept. */
export async function appendStep(
  db: BinomeDb,
  tabId: number,
  step: WalkthroughStep,
  now = Date.now(),
): Promise<RecordingState | null> {
  return db.transaction('rw', db.walkthroughDrafts, async () => {
    const draft = await recordingInTab(db, tabId);
    if (!draft) return null;
    if (draft.steps.length >= WALKTHROUGH_LIMITS.steps) {
      if (!draft.full) await db.walkthroughDrafts.update(draft.threadId, { full: true, updatedAt: now });
      return stateOf(draft);
    }
    const steps = [...draft.steps, { ...step, id: uuidv7(now) }];
    await db.walkthroughDrafts.update(draft.threadId, { steps, updatedAt: now });
    return stateOf({ ...draft, steps });
  });
}

/** The recording stops (Finish in the bar, or Stop in the thread); the draft stays to be edited. */
export async function stopRecording(db: BinomeDb, threadId: string, now = Date.now()): Promise<void> {
  await db.walkthroughDrafts.update(threadId, { recording: false, updatedAt: now });
}

/** Stops the tab's recording; the thread it was for, or null. */
export async function stopRecordingInTab(
  db: BinomeDb,
  tabId: number,
  interrupted: WalkthroughDraft['interrupted'] = null,
  now = Date.now(),
): Promise<string | null> {
  return db.transaction('rw', db.walkthroughDrafts, async () => {
    const draft = await recordingInTab(db, tabId);
    if (!draft) return null;
    await db.walkthroughDrafts.update(draft.threadId, { recording: false, interrupted, updatedAt: now });
    return draft.threadId;
  });
}

async function editSteps(db: BinomeDb, threadId: string, edit: (steps: DraftStep[]) => DraftStep[], now: number): Promise<void> {
  await db.transaction('rw', db.walkthroughDrafts, async () => {
    const draft = await db.walkthroughDrafts.get(threadId);
    if (!draft) return;
    await db.walkthroughDrafts.update(threadId, { steps: edit(draft.steps), updatedAt: now });
  });
}

export function setCaption(db: BinomeDb, threadId: string, stepId: string, caption: string, now = Date.now()): Promise<void> {
  const kept = caption.slice(0, WALKTHROUGH_LIMITS.caption);
  return editSteps(db, threadId, (steps) => steps.map((step) => (step.id === stepId ? { ...step, caption: kept } : step)), now);
}

/** Moves a step one place up (-1) or down (+1); at either end, nothing moves. */
export function moveStep(db: BinomeDb, threadId: string, stepId: string, by: -1 | 1, now = Date.now()): Promise<void> {
  return editSteps(
    db,
    threadId,
    (steps) => {
      const from = steps.findIndex((step) => step.id === stepId);
      const to = from + by;
      if (from < 0 || to < 0 || to >= steps.length) return steps;
      const moved = [...steps];
      [moved[from], moved[to]] = [moved[to]!, moved[from]!];
      return moved;
    },
    now,
  );
}

export function removeStep(db: BinomeDb, threadId: string, stepId: string, now = Date.now()): Promise<void> {
  return editSteps(db, threadId, (steps) => steps.filter((step) => step.id !== stepId), now);
}

export async function discardDraft(db: BinomeDb, threadId: string): Promise<void> {
  await db.walkthroughDrafts.delete(threadId);
}

/** The walkthrough as it will travel: the steps in the helper's order, without their draft ids. */
export function walkthroughOf(draft: Pick<WalkthroughDraft, 'startUrl' | 'steps'>): Walkthrough {
  if (draft.steps.length === 0) throw new EmptyWalkthroughError();
  if (draft.steps.length > WALKTHROUGH_LIMITS.steps) throw new WalkthroughTooLongError(draft.steps.length);
  return {
    startUrl: draft.startUrl,
    steps: draft.steps.map(({ id: _id, ...step }) => step),
  };
}
