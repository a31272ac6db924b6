/**
 * Retention (relay/retention.ts), on a fake clock: what both members were sent goes 30 days
 * later, what one was never sent stays up to 180 days, seqs never move, and a member back after
 * 60 days offline still gets everything it had not pulled, with no gap in what it sees.
 */
import { describe, expect, it } from 'vitest';
import { pullResponse } from '@/lib/protocol/protocol';
import { DEFAULT_RETENTION, parseRetention, sweepRetention } from '@/relay/retention';
import { startRelay } from '@/relay/server';
import { backends, fakeClock, newSchemaName, testRelay, useRelayDatabase, type Device, type TestRelay } from './harness';

const DAY = 24 * 60 * 60 * 1000;

describe.each(backends())('retention on $name', (backend) => {
  const db = useRelayDatabase(backend);

  async function world() {
    const clock = fakeClock();
    const relay = testRelay(db(), { now: clock.now });
    const [ana, bob] = [await relay.register('Ana'), await relay.register('Bob')];
    const { pairId } = await relay.pair(ana, bob);
    const sweep = () => sweepRetention(db().store, DEFAULT_RETENTION, clock.time);
    return { clock, relay, ana, bob, pairId, sweep };
  }
  const pull = async (relay: TestRelay, device: Device, pairId: string, after = 0) => {
    const res = await relay.call('GET', `/pairs/${pairId}/messages?after=${after}`, { token: device.token });
    expect(res.status).toBe(200);
    return pullResponse.parse(res.body);
  };
  const seqsOf = (page: { messages: { seq: number }[] }) => page.messages.map((m) => m.seq);
  const storedBytes = async (pairId: string) =>
    Number((await db().sql.query<{ b: unknown }>('SELECT stored_bytes AS b FROM pairs WHERE id = $1', [pairId]))[0]!.b);

  it('deletes what both members pulled 30 days after the second pull, and keeps the rest', async () => {
    const { clock, relay, ana, bob, pairId, sweep } = await world();
    for (const payload of ['one', 'two', 'three']) expect((await relay.post(ana, pairId, { payload })).status).toBe(201);
    await pull(relay, ana, pairId);
    clock.time += 2 * DAY;
    await pull(relay, bob, pairId); // the second member: the clock starts now
    expect((await relay.post(ana, pairId, { payload: 'four' })).status).toBe(201);
    await pull(relay, ana, pairId, 3); // only Ana has four

    clock.time += 30 * DAY - 1;
    await sweep();
    expect(seqsOf(await pull(relay, ana, pairId))).toEqual([1, 2, 3, 4]);
    clock.time += 1;
    await sweep();
    const left = await pull(relay, ana, pairId);
    expect(seqsOf(left)).toEqual([4]);
    expect(left.lastSeq).toBe(4);
    // The bytes of what went are given back to the pair's quota.
    expect(await storedBytes(pairId)).toBe(Buffer.byteLength('four'));
  });

  it('keeps what a member was never sent for 180 days after it arrived, then deletes it', async () => {
    const { clock, relay, ana, bob, pairId, sweep } = await world();
    expect((await relay.post(ana, pairId, { payload: 'unread' })).status).toBe(201);
    await pull(relay, ana, pairId);
    clock.time += 180 * DAY - 1;
    await sweep();
    expect(await storedBytes(pairId)).toBe(Buffer.byteLength('unread'));
    clock.time += 1;
    await sweep();
    const page = await pull(relay, bob, pairId);
    expect(page).toEqual({ messages: [], lastSeq: 1 });
    expect(await storedBytes(pairId)).toBe(0);
  });

  it('gives a device back after 60 days offline everything it had not pulled, without a gap, and seqs go on', async () => {
    const { clock, relay, ana, bob, pairId, sweep } = await world();
    for (const payload of ['q1', 'q2']) await relay.post(ana, pairId, { payload });
    await pull(relay, ana, pairId);
    const bobCursor = Math.max(...seqsOf(await pull(relay, bob, pairId))); // then Bob's laptop stays shut
    for (const payload of ['q3', 'q4', 'q5']) await relay.post(ana, pairId, { payload });
    await pull(relay, ana, pairId, 2);

    for (let day = 1; day <= 60; day++) {
      clock.time += DAY;
      await sweep(); // daily sweeps while Bob is away
    }
    // What both had went at day 30; what Bob never got is all there, right above his cursor.
    const back = await pull(relay, bob, pairId, bobCursor);
    expect(back.messages.map((m) => [m.seq, m.payload])).toEqual([
      [3, 'q3'],
      [4, 'q4'],
      [5, 'q5'],
    ]);
    expect(back.lastSeq).toBe(5);
    // Pulled again from the start (a restored profile): the same, nothing else, and the relay's
    // last seq never went below a cursor (which would make the extension start over).
    expect(seqsOf(await pull(relay, bob, pairId))).toEqual([3, 4, 5]);
    expect(seqsOf(await pull(relay, ana, pairId))).toEqual([3, 4, 5]);
    expect(await pull(relay, ana, pairId, 5)).toEqual({ messages: [], lastSeq: 5 });
    expect((await relay.post(bob, pairId, { kind: 'answer', payload: 'back' })).body).toEqual({ seq: 6, duplicate: false });

    // Now both have 3 to 5: kept 30 days from Bob's return.
    clock.time += 30 * DAY - 1;
    await sweep();
    expect(seqsOf(await pull(relay, ana, pairId))).toEqual([3, 4, 5, 6]);
    clock.time += 1;
    await sweep();
    expect(seqsOf(await pull(relay, ana, pairId))).toEqual([6]);
  });

  it('sweeps once at start', async () => {
    const { clock, relay, ana, bob, pairId } = await world();
    await relay.post(ana, pairId, { payload: 'old' });
    await pull(relay, ana, pairId);
    await pull(relay, bob, pairId);
    clock.time += 31 * DAY;
    const running = await startRelay({ port: 0, log: () => {}, sql: db().sql, hubChannel: newSchemaName(), now: clock.now });
    try {
      await running.firstSweep;
      expect(await pull(relay, ana, pairId)).toEqual({ messages: [], lastSeq: 1 });
    } finally {
      await running.close();
    }
  });
});

describe('retention settings', () => {
  it('defaults to 30 and 180 days, and refuses values that are not whole days or that contradict', () => {
    expect(parseRetention({})).toEqual({ pulledDays: 30, maxDays: 180 });
    expect(parseRetention({ RETENTION_PULLED_DAYS: '7', RETENTION_MAX_DAYS: '90' })).toEqual({ pulledDays: 7, maxDays: 90 });
    expect(() => parseRetention({ RETENTION_PULLED_DAYS: 'thirty' })).toThrow(/RETENTION_PULLED_DAYS must be a whole number/);
    expect(() => parseRetention({ RETENTION_MAX_DAYS: '0' })).toThrow(/RETENTION_MAX_DAYS must be a whole number/);
    expect(() => parseRetention({ RETENTION_PULLED_DAYS: '60', RETENTION_MAX_DAYS: '30' })).toThrow(/cannot be shorter/);
  });
});
