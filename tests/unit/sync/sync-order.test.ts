import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { queueQuestion } from '@/lib/ask/ask-backend-local';
import type { BinomeDb } from '@/lib/db/db';
import { addToRanges, hideOrderWarning, mayBeMissing, missingCount, orderWarningText } from '@/lib/conversation/order';
import { syncAll } from '@/lib/sync/sync';
import { speak } from '../helpers/i18n';
import { RelayDouble } from '../helpers/relay-double';

const questionsIn = async (db: BinomeDb) =>
  (await db.threads.toArray()).sort((a, b) => a.askedAt - b.askedAt).map((thread) => thread.question);

describe('a relay that drops, reorders or rewinds messages', () => {
  let relay: RelayDouble;
  let at = 10_000;
  beforeEach(() => {
    fakeBrowser.reset();
    speak('en');
    relay = new RelayDouble();
    vi.spyOn(console, 'warn').mockImplementation(() => {});
  });

  /** Karim asks Anne; the relay in between is the double. */
  async function pair() {
    const anne = await relay.device('Anne');
    const karim = await relay.device('Karim');
    const pairId = await relay.pair(anne, karim);
    await syncAll(anne.deps);
    await syncAll(karim.deps);
    const send = async (...texts: string[]) => {
      const ids: string[] = [];
      for (const text of texts) ids.push(await queueQuestion(karim.db, { pairId, text, context: null }, at++));
      await syncAll(karim.deps);
      return ids;
    };
    const anneWarned = async () => mayBeMissing(await anne.db.counters.get(pairId));
    return { anne, karim, pairId, send, anneWarned };
  }

  it('numbers each message in what the relay cannot change, and persists the count', async () => {
    const { karim, pairId, send } = await pair();
    await send('One', 'Two');
    expect(relay.messagesOf(pairId).map((message) => message.payload.split('.').slice(0, 2).join('.'))).toEqual(['v2.1', 'v2.2']);
    expect(await karim.db.counters.get(pairId)).toMatchObject({ sent: 2 });
  });

  it('a message the relay drops leaves a gap that is shown', async () => {
    const { anne, pairId, send, anneWarned } = await pair();
    await send('One');
    await syncAll(anne.deps);
    expect(await anneWarned()).toBe(false);
    const [, dropped] = await send('Two', 'Three', 'Four');
    relay.hidden.add(dropped!);
    await syncAll(anne.deps);
    await syncAll(anne.deps);

    expect(await questionsIn(anne.db)).toEqual(['One', 'Two', 'Four']);
    expect(await anne.db.counters.get(pairId)).toMatchObject({
      received: [
        [1, 2],
        [4, 4],
      ],
      reorderedAt: null,
    });
    expect(await anneWarned()).toBe(true);
    const recorded = (await anne.db.pairs.get(pairId))!;
    expect(orderWarningText(recorded)).toBe(
      'A message from Karim may be missing. Ask Karim whether they sent you something you have not seen.',
    );

    // Once Anne has checked with Karim, the warning goes until something else is missing.
    await hideOrderWarning(anne.db, pairId);
    expect(await anneWarned()).toBe(false);
    const [, droppedAgain] = await send('Five', 'Six', 'Seven');
    relay.hidden.add(droppedAgain!);
    await syncAll(anne.deps);
    expect(await anneWarned()).toBe(true);
  });

  it('two messages the relay swaps are detected', async () => {
    const { anne, pairId, send, anneWarned } = await pair();
    const [first, second] = await send('First', 'Second');
    relay.swap(pairId, first!, second!);
    await syncAll(anne.deps);
    expect(await questionsIn(anne.db)).toEqual(['First', 'Second']);
    expect((await anne.db.counters.get(pairId))!.reorderedAt).not.toBeNull();
    expect(await anneWarned()).toBe(true);
  });

  it('after the relay is restored from an older backup, later messages still arrive, with no false alarm', async () => {
    const { anne, pairId, send, anneWarned } = await pair();
    await send('One', 'Two', 'Three');
    await syncAll(anne.deps);
    expect((await anne.db.pairs.get(pairId))!.cursor).toBe(3);
    relay.restoreBackup(pairId, 1);
    await send('Four');
    expect(relay.messagesOf(pairId).at(-1)!.seq).toBe(2);

    await syncAll(anne.deps);
    expect(await questionsIn(anne.db)).toEqual(['One', 'Two', 'Three', 'Four']);
    expect((await anne.db.pairs.get(pairId))!.cursor).toBe(2);
    expect(await anneWarned()).toBe(false);
    await send('Five');
    await syncAll(anne.deps);
    expect(await questionsIn(anne.db)).toEqual(['One', 'Two', 'Three', 'Four', 'Five']);
  });

  it('after one message got a huge seq, later messages still arrive', async () => {
    const { anne, pairId, send } = await pair();
    await send('One');
    relay.messagesOf(pairId)[0]!.seq = Number.MAX_SAFE_INTEGER - 1;
    await syncAll(anne.deps);
    expect((await anne.db.pairs.get(pairId))!.cursor).toBe(Number.MAX_SAFE_INTEGER - 1);
    await send('Two');
    await syncAll(anne.deps);
    expect(await questionsIn(anne.db)).toEqual(['One', 'Two']);
  });

  it('a relay that answers the same page whatever is asked does not keep the round going', async () => {
    const { anne, send } = await pair();
    await send('One');
    const honest = relay.fetch;
    const stuck: typeof fetch = async (input, init) => {
      const url = new URL(String(input));
      if (url.pathname.endsWith('/messages') && (init?.method ?? 'GET') === 'GET') url.searchParams.set('after', '0');
      const response = await honest(url.toString(), init);
      if (!url.pathname.endsWith('/messages') || (init?.method ?? 'GET') !== 'GET') return response;
      const page = (await response.json()) as { messages: unknown[] };
      return new Response(JSON.stringify({ ...page, lastSeq: 99 }), { status: 200 });
    };
    (relay as { fetch: typeof fetch }).fetch = stuck;
    expect(await syncAll(anne.deps)).toMatchObject({ received: 1, reachable: true });
  });
});

describe('counter ranges', () => {
  it('merges numbers into ranges and counts what is missing above what was acknowledged', () => {
    let ranges: [number, number][] = [];
    for (const value of [1, 2, 5, 3, 9]) ranges = addToRanges(ranges, value).ranges;
    expect(ranges).toEqual([
      [1, 3],
      [5, 5],
      [9, 9],
    ]);
    expect(addToRanges(ranges, 2).known).toBe(true);
    expect(missingCount({ received: ranges, acknowledged: 0 })).toBe(4);
    expect(missingCount({ received: ranges, acknowledged: 5 })).toBe(3);
    expect(missingCount({ received: [[2, 2]], acknowledged: 0 })).toBe(1);
    expect(
      addToRanges(
        [
          [1, 3],
          [5, 6],
        ],
        4,
      ).ranges,
    ).toEqual([[1, 6]]);
  });
});
