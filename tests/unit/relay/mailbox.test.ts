import { describe, expect, it, vi } from 'vitest';
import { MAX_PAYLOAD_CHARS, postMessageResponse, pullResponse } from '@/lib/protocol/protocol';
import type { HubEvent } from '@/relay/hub';
import { backends, countRows, fakeClock, testRelay, useRelayDatabase, type TestRelay } from './harness';

describe.each(backends())('mailbox on $name', (backend) => {
  const db = useRelayDatabase(backend);

  async function pairedDevices(relay: TestRelay) {
    const ana = await relay.register('Ana');
    const bob = await relay.register('Bob');
    const { pairId } = await relay.pair(ana, bob);
    return { ana, bob, pairId };
  }

  async function pairState(pairId: string) {
    const rows = await db().sql.query<{ last_seq: unknown }>('SELECT last_seq FROM pairs WHERE id = $1', [pairId]);
    const messages = await db().sql.query('SELECT id FROM messages WHERE pair_id = $1', [pairId]);
    return { lastSeq: Number(rows[0]!.last_seq), messages: messages.length };
  }

  it('stores a message as given and serves it to both members', async () => {
    const clock = fakeClock();
    const relay = testRelay(db(), { now: clock.now });
    const { ana, bob, pairId } = await pairedDevices(relay);
    const message = { id: crypto.randomUUID(), kind: 'answer', createdAt: 1_234, payload: 'not even JSON {' };
    const posted = await relay.post(ana, pairId, message);
    expect(posted.status).toBe(201);
    expect(postMessageResponse.parse(posted.body)).toEqual({ seq: 1, duplicate: false });

    for (const reader of [ana, bob]) {
      const pulled = await relay.call('GET', `/pairs/${pairId}/messages`, { token: reader.token });
      expect(pulled.status).toBe(200);
      expect(pullResponse.parse(pulled.body)).toEqual({
        messages: [{ ...message, pairId, senderDeviceId: ana.deviceId, seq: 1, receivedAt: clock.time }],
        lastSeq: 1,
      });
    }
    const { pairs } = (await relay.call('GET', '/pairs', { token: bob.token })).body;
    expect(pairs[0].lastSeq).toBe(1);
  });

  it('accepts a retry of the same message once: same seq, duplicate, one row', async () => {
    const relay = testRelay(db());
    const { ana, pairId } = await pairedDevices(relay);
    const message = { id: crypto.randomUUID(), payload: 'same' };
    const first = await relay.post(ana, pairId, message);
    const retry = await relay.post(ana, pairId, message);
    expect(first.status).toBe(201);
    expect(retry.status).toBe(200);
    expect(retry.body).toEqual({ seq: first.body.seq, duplicate: true });
    expect(await pairState(pairId)).toEqual({ lastSeq: 1, messages: 1 });
  });

  it('refuses to reuse an id for anything else with 409 and writes nothing', async () => {
    const relay = testRelay(db());
    const { ana, bob, pairId } = await pairedDevices(relay);
    const cleo = await relay.register('Cleo');
    const { pairId: otherPairId } = await relay.pair(ana, cleo);
    const id = crypto.randomUUID();
    await relay.post(ana, pairId, { id, kind: 'question', payload: 'original' });
    const messagesBefore = await countRows(db().sql, 'messages');

    const attempts = [
      relay.post(ana, pairId, { id, kind: 'question', payload: 'different payload' }),
      relay.post(ana, pairId, { id, kind: 'answer', payload: 'original' }),
      relay.post(bob, pairId, { id, kind: 'question', payload: 'original' }), // another sender
      relay.post(ana, otherPairId, { id, kind: 'question', payload: 'original' }), // another pair
    ];
    for (const res of await Promise.all(attempts)) {
      expect(res.status).toBe(409);
      expect(res.body.error.code).toBe('conflict');
    }
    expect(await countRows(db().sql, 'messages')).toBe(messagesBefore);
    expect(await pairState(pairId)).toEqual({ lastSeq: 1, messages: 1 });
    expect(await pairState(otherPairId)).toEqual({ lastSeq: 0, messages: 0 });
  });

  it('answers 404 for an unknown pair and for a pair of other devices, writing nothing', async () => {
    const relay = testRelay(db());
    const { pairId } = await pairedDevices(relay);
    const outsider = await relay.register('Outsider');
    const messagesBefore = await countRows(db().sql, 'messages');
    for (const target of [pairId, crypto.randomUUID(), 'not-a-uuid']) {
      const posted = await relay.post(outsider, target);
      expect(posted.status).toBe(404);
      expect(posted.body.error.code).toBe('not_found');
      const pulled = await relay.call('GET', `/pairs/${target}/messages`, { token: outsider.token });
      expect(pulled.status).toBe(404);
      expect(pulled.body.error.code).toBe('not_found');
    }
    expect(await countRows(db().sql, 'messages')).toBe(messagesBefore);
    expect(await pairState(pairId)).toEqual({ lastSeq: 0, messages: 0 });
  });

  it('hands out seqs 1..20 without gaps under 20 concurrent posts', async () => {
    const relay = testRelay(db());
    const { ana, bob, pairId } = await pairedDevices(relay);
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => relay.post(i % 2 ? ana : bob, pairId, { payload: `m${i}` })),
    );
    expect(results.every((r) => r.status === 201)).toBe(true);
    expect(results.map((r) => r.body.seq).sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    const pulled = pullResponse.parse((await relay.call('GET', `/pairs/${pairId}/messages`, { token: ana.token })).body);
    expect(pulled.messages.map((m) => m.seq)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(pulled.lastSeq).toBe(20);
  });

  it('pulls only what comes after the cursor, in order, page by page', async () => {
    const relay = testRelay(db());
    const { ana, bob, pairId } = await pairedDevices(relay);
    for (let i = 1; i <= 5; i++) await relay.post(ana, pairId, { payload: `m${i}` });

    const after3 = pullResponse.parse((await relay.call('GET', `/pairs/${pairId}/messages?after=3`, { token: bob.token })).body);
    expect(after3.messages.map((m) => [m.seq, m.payload])).toEqual([
      [4, 'm4'],
      [5, 'm5'],
    ]);
    expect(after3.lastSeq).toBe(5);

    const page = pullResponse.parse(
      (await relay.call('GET', `/pairs/${pairId}/messages?after=1&limit=2`, { token: bob.token })).body,
    );
    expect(page.messages.map((m) => m.seq)).toEqual([2, 3]);
    expect(page.lastSeq).toBe(5); // tells the client there is more

    const none = pullResponse.parse((await relay.call('GET', `/pairs/${pairId}/messages?after=5`, { token: bob.token })).body);
    expect(none).toEqual({ messages: [], lastSeq: 5 });
  });

  it.each(['after=-1', 'limit=0', 'limit=501', 'after=abc'])('refuses the query %s with 400', async (query) => {
    const relay = testRelay(db());
    const { ana, pairId } = await pairedDevices(relay);
    const res = await relay.call('GET', `/pairs/${pairId}/messages?${query}`, { token: ana.token });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('bad_request');
  });

  it.each([
    ['an unknown kind', { kind: 'gossip' }],
    ['an id that is not a UUID', { id: 'abc' }],
    ['a payload over the limit', { payload: 'x'.repeat(MAX_PAYLOAD_CHARS + 1) }],
    ['a payload with a NUL', { payload: 'cipher\u0000text' }],
    ['a payload with half a surrogate pair', { payload: 'cipher\udc00text' }],
  ])('refuses %s with 400 and writes nothing', async (_name, message) => {
    const relay = testRelay(db());
    const { ana, pairId } = await pairedDevices(relay);
    const res = await relay.post(ana, pairId, message);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('bad_request');
    expect(await pairState(pairId)).toEqual({ lastSeq: 0, messages: 0 });
  });

  it('refuses a body over 1.5 MiB with 413 before reading it', async () => {
    const relay = testRelay(db());
    const { ana, pairId } = await pairedDevices(relay);
    const res = await relay.post(ana, pairId, { payload: 'x'.repeat(1.6 * 1024 * 1024) });
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('too_large');
    expect(await pairState(pairId)).toEqual({ lastSeq: 0, messages: 0 });
  });

  it('accepts a payload at the limit', async () => {
    const relay = testRelay(db());
    const { ana, pairId } = await pairedDevices(relay);
    const res = await relay.post(ana, pairId, { payload: 'x'.repeat(MAX_PAYLOAD_CHARS) });
    expect(res.status).toBe(201);
  });

  it('announces new messages, not retries, to both members through the hub', async () => {
    const relay = testRelay(db());
    const { ana, bob, pairId } = await pairedDevices(relay);
    const seen: Record<string, HubEvent[]> = { ana: [], bob: [] };
    const stops = [
      db().hub.subscribe(ana.deviceId, (e) => seen.ana!.push(e)),
      db().hub.subscribe(bob.deviceId, (e) => seen.bob!.push(e)),
    ];
    try {
      const message = { id: crypto.randomUUID() };
      await relay.post(ana, pairId, message);
      await relay.post(ana, pairId, message);
      await relay.post(ana, pairId);
      const expected = [
        { type: 'message', pairId, seq: 1 },
        { type: 'message', pairId, seq: 2 },
      ];
      // Only message events: the pairing's own pairs-changed may still be on its way.
      const messagesSeen = (events: HubEvent[]) => events.filter((e) => e.type === 'message');
      await vi.waitFor(() => {
        expect(messagesSeen(seen.bob!)).toEqual(expected);
        expect(messagesSeen(seen.ana!)).toEqual(expected);
      });
    } finally {
      for (const stop of stops) stop();
    }
  });

  it('accepts a pair id in capitals as the same pair', async () => {
    const relay = testRelay(db());
    const { ana, pairId } = await pairedDevices(relay);
    const message = { id: crypto.randomUUID() };
    expect((await relay.post(ana, pairId, message)).status).toBe(201);
    const retry = await relay.post(ana, pairId.toUpperCase(), message);
    expect(retry.body).toEqual({ seq: 1, duplicate: true });
  });
});
