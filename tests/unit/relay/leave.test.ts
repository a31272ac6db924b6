/**
 * Leaving a pair (DELETE /pairs/:pairId): for good, by either member, seen by both; the pair
 * takes no new message (410 pair_ended) but stays readable, so each log can catch up.
 */
import { describe, expect, it } from 'vitest';
import { errorResponse, listPairsResponse, pullResponse } from '@/lib/protocol/protocol';
import type { Hub } from '@/relay/hub';
import { backends, fakeClock, snapshot, testRelay, useRelayDatabase, type Device, type TestRelay } from './harness';

describe.each(backends())('leaving a pair on $name', (backend) => {
  const db = useRelayDatabase(backend);

  /** A relay whose hub records the pairs-changed notices it sends. */
  function watchedRelay() {
    const notices: string[][] = [];
    const hub: Hub = Object.create(db().hub);
    hub.publishPairsChanged = async (ids) => void notices.push([...ids].sort());
    const clock = fakeClock();
    return Object.assign(testRelay({ ...db(), hub }, { now: clock.now }), { notices, clock });
  }
  async function pairOn(relay: TestRelay) {
    const [ana, bob] = [await relay.register('Ana'), await relay.register('Bob')];
    const { pairId } = await relay.pair(ana, bob);
    return { ana, bob, pairId };
  }
  const pairsOf = async (relay: TestRelay, device: Device) =>
    listPairsResponse.parse((await relay.call('GET', '/pairs', { token: device.token })).body).pairs;
  const leave = (relay: TestRelay, device: Device, pairId: string) =>
    relay.call('DELETE', `/pairs/${pairId}`, { token: device.token });

  it('ends the pair for both members, who are told and see who left and when', async () => {
    const relay = watchedRelay();
    const { ana, bob, pairId } = await pairOn(relay);
    relay.notices.length = 0;
    relay.clock.time += 5_000;
    expect((await leave(relay, bob, pairId)).status).toBe(204);
    expect(relay.notices).toEqual([[ana.deviceId, bob.deviceId].sort()]);
    for (const device of [ana, bob]) {
      expect((await pairsOf(relay, device))[0]).toMatchObject({ pairId, leftAt: relay.clock.time, leftBy: bob.deviceId });
    }
  });

  it('is idempotent: leaving again, from either side, changes nothing and announces nothing', async () => {
    const relay = watchedRelay();
    const { ana, bob, pairId } = await pairOn(relay);
    expect((await leave(relay, ana, pairId)).status).toBe(204);
    const leftAt = relay.clock.time;
    relay.clock.time += 60_000;
    relay.notices.length = 0;
    const before = await snapshot(db().sql);
    expect((await leave(relay, ana, pairId)).status).toBe(204);
    expect((await leave(relay, bob, pairId)).status).toBe(204);
    expect(await snapshot(db().sql)).toEqual(before);
    expect(relay.notices).toEqual([]);
    expect((await pairsOf(relay, bob))[0]).toMatchObject({ leftAt, leftBy: ana.deviceId });
  });

  it('refuses new messages from both sides with 410 pair_ended, and keeps every message readable', async () => {
    const relay = watchedRelay();
    const { ana, bob, pairId } = await pairOn(relay);
    const id = crypto.randomUUID();
    expect((await relay.post(ana, pairId, { id, payload: 'before' })).status).toBe(201);
    await leave(relay, ana, pairId);

    const before = await snapshot(db().sql);
    for (const device of [ana, bob]) {
      const refused = await relay.post(device, pairId, { payload: 'after' });
      expect(refused.status).toBe(410);
      expect(errorResponse.parse(refused.body).error).toEqual({
        code: 'pair_ended',
        message: 'This pair has ended: nothing more can be sent in it.',
      });
    }
    expect(await snapshot(db().sql)).toEqual(before);
    // A retry of what was stored before the leave is still answered as stored, not refused.
    expect(await relay.post(ana, pairId, { id, payload: 'before' })).toMatchObject({ status: 200, body: { duplicate: true } });
    for (const device of [ana, bob]) {
      const pulled = await relay.call('GET', `/pairs/${pairId}/messages?after=0`, { token: device.token });
      expect(pulled.status).toBe(200);
      expect(pullResponse.parse(pulled.body).messages.map((m) => m.payload)).toEqual(['before']);
    }
  });

  it('is for members only: another device gets 404, as for a pair that does not exist, and changes nothing', async () => {
    const relay = watchedRelay();
    const { pairId } = await pairOn(relay);
    const outsider = await relay.register('Cleo');
    relay.notices.length = 0;
    const before = await snapshot(db().sql);
    const refused = await leave(relay, outsider, pairId);
    const missing = await leave(relay, outsider, crypto.randomUUID());
    const notUuid = await leave(relay, outsider, 'not-a-pair');
    expect([refused.status, missing.status, notUuid.status]).toEqual([404, 404, 404]);
    expect(refused.body).toEqual(missing.body);
    expect(errorResponse.parse(refused.body).error.code).toBe('not_found');
    expect(await snapshot(db().sql)).toEqual(before);
    expect(relay.notices).toEqual([]);
  });

  it('leaves the other pairs of the same people untouched', async () => {
    const relay = watchedRelay();
    const { ana, bob, pairId } = await pairOn(relay);
    const { pairId: secondPairId } = await relay.pair(bob, ana);
    await leave(relay, ana, pairId);
    expect((await relay.post(ana, secondPairId)).status).toBe(201);
    const pairs = await pairsOf(relay, bob);
    expect(pairs.find((p) => p.pairId === secondPairId)).toMatchObject({ leftAt: null, leftBy: null });
  });
});
