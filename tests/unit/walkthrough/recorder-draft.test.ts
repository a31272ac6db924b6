import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { applyEnvelopes } from '@/lib/conversation/apply';
import { decodePayload, encodePayload } from '@/lib/conversation/payloads';
import type { BinomeDb } from '@/lib/db/db';
import {
  appendStep,
  discardDraft,
  moveStep,
  readDraft,
  recordingState,
  removeStep,
  setCaption,
  startDraft,
  stopRecordingInTab,
  WalkthroughTooLongError,
} from '@/lib/walkthrough/recorder-draft';
import { createRecorderClient } from '@/lib/walkthrough/recorder-client';
import { WALKTHROUGH_LIMITS, type WalkthroughStep } from '@/lib/walkthrough/schema';
import { freshDb, ME, PAIR_ID, PEER, sealedEnvelope, testPair } from '../helpers/db';

const THREAD = '11111111-1111-4111-8111-111111111111';
const TAB = 12;

function step(caption: string): WalkthroughStep {
  return {
    action: 'click',
    caption,
    urlPattern: 'https://app.acme.com/invoices/*',
    target: {
      tag: 'button',
      role: 'button',
      name: caption,
      label: '',
      placeholder: '',
      text: caption,
      testId: '',
      dataAttributes: {},
      id: '',
      selector: 'button',
      siblingIndex: 0,
      siblingCount: 1,
      place: { x: 0, y: 0, width: 0.1, height: 0.1 },
      framePath: [],
      shadowPath: [],
    },
  };
}

/** The helper's browser, with the asker's question in it. */
async function helperWithQuestion(): Promise<BinomeDb> {
  const db = freshDb();
  await db.pairs.put(testPair({ myRole: 'helper' }));
  const question = await sealedEnvelope({
    id: THREAD,
    pairId: PAIR_ID,
    senderDeviceId: PEER,
    kind: 'question',
    createdAt: 1000,
    seq: 1,
    plaintext: encodePayload('question', { threadId: THREAD, text: 'How do I add an invoice?', context: null }),
  });
  await applyEnvelopes(db, testPair({ myRole: 'helper' }), ME, [question]);
  return db;
}

describe('the draft of a walkthrough', () => {
  beforeEach(() => fakeBrowser.reset());

  it('takes steps only from the tab it records in, and only while recording', async () => {
    const db = freshDb();
    await startDraft(db, { threadId: THREAD, tabId: TAB, startUrl: 'https://app.acme.com/invoices' });
    expect(await appendStep(db, TAB, step('New invoice'))).toEqual({ count: 1, full: false });
    expect(await appendStep(db, TAB + 1, step('From another tab'))).toBeNull();
    await stopRecordingInTab(db, TAB);
    expect(await appendStep(db, TAB, step('After the end'))).toBeNull();
    expect((await readDraft(db, THREAD))?.steps.map((kept) => kept.caption)).toEqual(['New invoice']);
  });

  it('goes on with the same steps when recording starts again, and one tab feeds one thread', async () => {
    const db = freshDb();
    const OTHER = '33333333-3333-4333-8333-333333333333';
    await startDraft(db, { threadId: THREAD, tabId: TAB, startUrl: 'https://app.acme.com/' });
    await appendStep(db, TAB, step('One'));
    await startDraft(db, { threadId: OTHER, tabId: TAB, startUrl: 'https://app.acme.com/' });
    await appendStep(db, TAB, step('For the other thread'));
    await startDraft(db, { threadId: THREAD, tabId: TAB, startUrl: 'ignored' });
    await appendStep(db, TAB, step('Two'));
    const draft = await readDraft(db, THREAD);
    expect(draft?.steps.map((kept) => kept.caption)).toEqual(['One', 'Two']);
    expect(draft?.startUrl).toBe('https://app.acme.com/');
    expect((await readDraft(db, OTHER))?.recording).toBe(false);
  });

  it('keeps no step past the limit, and says it is full', async () => {
    const db = freshDb();
    await startDraft(db, { threadId: THREAD, tabId: TAB, startUrl: 'https://app.acme.com/' });
    for (let index = 0; index < WALKTHROUGH_LIMITS.steps; index++) await appendStep(db, TAB, step(`Step ${index}`));
    expect(await recordingState(db, TAB)).toEqual({ count: WALKTHROUGH_LIMITS.steps, full: true });
    expect(await appendStep(db, TAB, step('One too many'))).toEqual({ count: WALKTHROUGH_LIMITS.steps, full: true });
    const draft = await readDraft(db, THREAD);
    expect(draft?.steps).toHaveLength(WALKTHROUGH_LIMITS.steps);
    expect(draft?.full).toBe(true);
  });

  it('is edited in place: captions, order, deletions', async () => {
    const db = freshDb();
    await startDraft(db, { threadId: THREAD, tabId: TAB, startUrl: 'https://app.acme.com/' });
    for (const caption of ['A', 'B', 'C']) await appendStep(db, TAB, step(caption));
    const ids = (await readDraft(db, THREAD))!.steps.map((kept) => kept.id);
    await setCaption(db, THREAD, ids[1]!, `Click “New”${'!'.repeat(1000)}`);
    await moveStep(db, THREAD, ids[2]!, -1);
    await moveStep(db, THREAD, ids[0]!, -1); // already first: nothing moves
    await removeStep(db, THREAD, ids[0]!);
    const draft = await readDraft(db, THREAD);
    expect(draft?.steps.map((kept) => kept.id)).toEqual([ids[2], ids[1]]);
    expect(draft?.steps[1]?.caption).toHaveLength(WALKTHROUGH_LIMITS.caption);
    await discardDraft(db, THREAD);
    expect(await readDraft(db, THREAD)).toBeUndefined();
  });
});

describe('sending the walkthrough', () => {
  beforeEach(() => fakeBrowser.reset());

  it('queues one sealed answer with the steps in the helper’s order, then forgets the draft', async () => {
    const db = await helperWithQuestion();
    await startDraft(db, { threadId: THREAD, tabId: TAB, startUrl: 'https://app.acme.com/invoices' });
    for (const caption of ['New invoice', 'Type your client', 'Save']) await appendStep(db, TAB, step(caption));
    const syncNow = vi.fn(async () => undefined);
    await createRecorderClient(db, { syncNow }).send(THREAD, '', undefined);
    const outbox = await db.outbox.toArray();
    expect(outbox).toHaveLength(1);
    expect(outbox[0]?.payload).not.toContain('New invoice'); // sealed
    const answer = (await db.messages.toArray()).find((message) => message.kind === 'answer');
    expect((answer as { walkthrough?: { steps: WalkthroughStep[] } }).walkthrough?.steps.map((kept) => kept.caption)).toEqual([
      'New invoice',
      'Type your client',
      'Save',
    ]);
    expect(await readDraft(db, THREAD)).toBeUndefined();
    expect(syncNow).toHaveBeenCalled();
  });

  it('refuses 500 steps with a reason, and queues nothing', async () => {
    const db = await helperWithQuestion();
    await startDraft(db, { threadId: THREAD, tabId: TAB, startUrl: 'https://app.acme.com/' });
    const draft = (await readDraft(db, THREAD))!;
    await db.walkthroughDrafts.put({
      ...draft,
      steps: Array.from({ length: 500 }, (_, index) => ({ ...step(`Step ${index}`), id: `id-${index}` })),
    });
    const refused = createRecorderClient(db, { syncNow: async () => undefined }).send(THREAD, 'Here is how', undefined);
    await expect(refused).rejects.toBeInstanceOf(WalkthroughTooLongError);
    await expect(refused).rejects.toMatchObject({ steps: 500, limit: 100 });
    expect(await db.outbox.count()).toBe(0);
    expect(await readDraft(db, THREAD)).toBeDefined();
  });

  it('is refused by the receiver too: an answer of 500 steps does not parse', () => {
    const walkthrough = {
      startUrl: 'https://app.acme.com/',
      steps: Array.from({ length: 500 }, (_, index) => step(`S${index}`)),
    };
    const plaintext = JSON.stringify({ threadId: THREAD, text: '', walkthrough });
    expect(decodePayload('answer', plaintext)).toBeNull();
    expect(
      decodePayload(
        'answer',
        JSON.stringify({ threadId: THREAD, text: '', walkthrough: { ...walkthrough, steps: walkthrough.steps.slice(0, 4) } }),
      ),
    ).not.toBeNull();
  });
});
