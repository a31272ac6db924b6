/**
 * The player → background family: the background hands the walkthrough only to the top frame
 * of the tab the popup started the player in, once, while fresh; "Tell ⟨helper⟩" queues one
 * sealed follow-up per step, naming the site the player runs on; everyone else is refused.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Browser } from 'wxt/browser';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { onRuntimeMessage } from '@/entrypoints/background/runtime-messages';
import { applyEnvelopes } from '@/lib/conversation/apply';
import { encodePayload } from '@/lib/conversation/payloads';
import type { StoredMessage } from '@/lib/conversation/threads';
import type { BinomeDb } from '@/lib/db/db';
import type { PageToBackgroundHandlers } from '@/lib/messaging/page-to-background';
import { PLAYER_START_FRESH_MS } from '@/lib/walkthrough/player-handover';
import { notePlayerStart } from '@/lib/walkthrough/player-start';
import { freshDb, ME, PAIR_ID, PEER, sealedEnvelope, testPair } from '../helpers/db';
import { sampleWalkthrough } from './sample';

const TAB = 12;
const THREAD = '11111111-1111-4111-8111-111111111111';
const ANSWER = '22222222-2222-4222-8222-000000000002';
const PAGE = 'https://crm.acme.internal/deals/42';

const tabSender = (overrides: Partial<Browser.runtime.MessageSender> = {}): Browser.runtime.MessageSender => ({
  id: browser.runtime.id,
  url: PAGE,
  tab: { id: TAB, url: PAGE } as never,
  frameId: 0,
  ...overrides,
});

type Answer = { ok: boolean; value?: unknown; error?: { code: string } };

let db: BinomeDb;
const nudge = vi.fn();

async function ask(message: unknown, sender = tabSender()): Promise<Answer | undefined> {
  const answer = vi.fn();
  const willAnswer = onRuntimeMessage(db, {} as PageToBackgroundHandlers, { nudge })(message, sender, answer);
  if (!willAnswer) return undefined;
  await vi.waitFor(() => expect(answer).toHaveBeenCalledOnce());
  return answer.mock.calls[0]![0] as Answer;
}

const followUps = async () =>
  (await db.messages.where('threadId').equals(THREAD).toArray()).filter((m) => m.kind === 'follow-up') as StoredMessage[];

describe('the player’s hand-over', () => {
  beforeEach(async () => {
    fakeBrowser.reset();
    nudge.mockReset();
    db = freshDb();
    await db.pairs.put(testPair());
    const seal = (seq: number, sender: string, kind: 'question' | 'answer', plaintext: string, id: string) =>
      sealedEnvelope({ id, pairId: PAIR_ID, senderDeviceId: sender, kind, createdAt: 1000 + seq, seq, plaintext });
    await applyEnvelopes(db, testPair(), ME, [
      await seal(1, ME, 'question', encodePayload('question', { threadId: THREAD, text: 'How?', context: null }), THREAD),
      await seal(
        2,
        PEER,
        'answer',
        encodePayload('answer', { threadId: THREAD, text: '', walkthrough: sampleWalkthrough(4) }),
        ANSWER,
      ),
    ]);
  });

  it('gives the walkthrough and the helper’s name to the tab it was started in, once', async () => {
    await notePlayerStart(db, TAB, ANSWER);
    const first = await ask({ type: 'player:take-walkthrough' });
    expect(first).toMatchObject({ ok: true, value: { walkthrough: sampleWalkthrough(4), helperName: 'Léa' } });
    expect(await ask({ type: 'player:take-walkthrough' })).toEqual({ ok: true, value: null });
  });

  it('gives nothing to another tab, to a stale start, or where nothing was started', async () => {
    expect(await ask({ type: 'player:take-walkthrough' })).toEqual({ ok: true, value: null });
    await notePlayerStart(db, TAB, ANSWER);
    expect(await ask({ type: 'player:take-walkthrough' }, tabSender({ tab: { id: TAB + 1 } as never }))).toEqual({
      ok: true,
      value: null,
    });
    await notePlayerStart(db, TAB, ANSWER, Date.now() - PLAYER_START_FRESH_MS - 1);
    expect(await ask({ type: 'player:take-walkthrough' })).toEqual({ ok: true, value: null });
  });

  it('does not answer a frame inside the page, another extension, or an extension page', async () => {
    await notePlayerStart(db, TAB, ANSWER);
    expect(await ask({ type: 'player:take-walkthrough' }, tabSender({ frameId: 4 }))).toBeUndefined();
    expect(await ask({ type: 'player:take-walkthrough' }, tabSender({ id: 'someone-else' }))).toBeUndefined();
    const popup = { id: browser.runtime.id, url: browser.runtime.getURL('/popup.html') };
    expect(await ask({ type: 'player:take-walkthrough' }, popup)).toBeUndefined();
    // Still there for the real player.
    expect(await ask({ type: 'player:take-walkthrough' })).toMatchObject({ ok: true, value: { helperName: 'Léa' } });
  });

  it('"Tell": one sealed follow-up per step, naming the site, then a sync', async () => {
    await notePlayerStart(db, TAB, ANSWER);
    await ask({ type: 'player:take-walkthrough' });
    expect(await ask({ type: 'player:step-not-found', step: 3 })).toEqual({ ok: true, value: null });
    expect(await ask({ type: 'player:step-not-found', step: 3 })).toEqual({ ok: true, value: null });
    const sent = await followUps();
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ fromMe: true, text: '', walkthroughProblem: { step: 3, site: 'crm.acme.internal' } });
    expect(await db.outbox.get(sent[0]!.id)).toBeDefined();
    expect(nudge).toHaveBeenCalledOnce();
  });

  it('"Tell" is refused for a step the walkthrough does not have, a malformed step, or before the start', async () => {
    expect(await ask({ type: 'player:step-not-found', step: 1 })).toMatchObject({ ok: false });
    await notePlayerStart(db, TAB, ANSWER);
    await ask({ type: 'player:take-walkthrough' });
    expect(await ask({ type: 'player:step-not-found', step: 5 })).toMatchObject({ ok: false });
    // Not of the declared shape: not even answered.
    expect(await ask({ type: 'player:step-not-found', step: '1; DROP TABLE' })).toBeUndefined();
    expect(await ask({ type: 'player:step-not-found', step: 0 })).toBeUndefined();
    expect(await followUps()).toHaveLength(0);
  });
});
