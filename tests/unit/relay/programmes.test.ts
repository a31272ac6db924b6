/**
 * Programmes on the relay: created by the operator, joined by invites that name them, ended by
 * the relay's clock (a new question after the end is refused, answers still pass), told to the
 * pair's own devices, and the wrap-up rating a person agreed to share.
 */
import { describe, expect, it } from 'vitest';
import { errorResponse } from '@/lib/protocol/protocol';
import { pairProgrammeResponse } from '@/lib/protocol/programme';
import { listProgrammesResponse } from '@/relay/admin-api';
import { backends, fakeClock, snapshot, testRelay, useRelayDatabase } from './harness';
import { ADMIN_SECRET, createProgramme, DAY, programmePair } from './programme-world';

describe.each(backends())('programmes on $name', (backend) => {
  const db = useRelayDatabase(backend);

  function relayAt(clock = fakeClock()) {
    return { relay: testRelay(db(), { now: clock.now, adminSecret: ADMIN_SECRET }), clock };
  }

  it('creates a programme with a coordinator secret shown once and kept only as a hash, and lists it', async () => {
    const { relay, clock } = relayAt();
    const created = await createProgramme(relay, {
      name: '  Digital   buddies  ',
      startsAt: clock.time,
      endsAt: clock.time + 90 * DAY,
      maxSeniorsPerJunior: 2,
      helpUrl: 'https://intranet.example.com/buddies',
    });
    expect(created.programme).toMatchObject({ name: 'Digital buddies', maxSeniorsPerJunior: 2 });
    expect(created.coordinatorSecret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const rows = await db().sql.query<{ secret_hash: string }>('SELECT secret_hash FROM coordinators WHERE programme_id = $1', [
      created.programme.id,
    ]);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.secret_hash).not.toContain(created.coordinatorSecret);
    const listed = listProgrammesResponse.parse((await relay.call('GET', '/admin/programmes', { token: ADMIN_SECRET })).body);
    expect(listed.programmes.find((p) => p.id === created.programme.id)).toMatchObject({ pairs: 0, coordinators: 1 });
  });

  it.each([
    ['an end before the start', { startsAt: 2_000, endsAt: 1_000 }, 'endsAt'],
    ['no name', { name: ' \u200b ', startsAt: 1_000, endsAt: 2_000 }, 'name'],
    ['a help link that is not https', { startsAt: 1_000, endsAt: 2_000, helpUrl: 'javascript:alert(1)' }, 'helpUrl'],
    ['zero seniors per junior', { startsAt: 1_000, endsAt: 2_000, maxSeniorsPerJunior: 0 }, 'maxSeniorsPerJunior'],
  ])('refuses a programme with %s, naming the field, and changes nothing', async (_name, request, field) => {
    const { relay } = relayAt();
    const before = await snapshot(db().sql, { except: ['rate_limits'] });
    const res = await relay.call('POST', '/admin/programmes', { token: ADMIN_SECRET, json: { name: 'P', ...request } });
    expect(res.status).toBe(400);
    expect(errorResponse.parse(res.body).error.message).toContain(field);
    expect(await snapshot(db().sql, { except: ['rate_limits'] })).toEqual(before);
  });

  it('adds a second coordinator to a programme, and refuses an unknown programme', async () => {
    const { relay, clock } = relayAt();
    const { programme } = await createProgramme(relay, { startsAt: clock.time, endsAt: clock.time + DAY });
    const added = await relay.call('POST', `/admin/programmes/${programme.id}/coordinators`, { token: ADMIN_SECRET });
    expect(added.status).toBe(201);
    expect(added.body.coordinatorSecret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const unknown = await relay.call('POST', `/admin/programmes/${crypto.randomUUID()}/coordinators`, { token: ADMIN_SECRET });
    expect(unknown.status).toBe(404);
  });

  it('puts the pair formed from an invite with a programme id into that programme, and tells its members the end', async () => {
    const { relay, clock } = relayAt();
    const { programme } = await createProgramme(relay, {
      startsAt: clock.time,
      endsAt: clock.time + 30 * DAY,
      helpUrl: 'https://intranet.example.com/help',
    });
    const { senior, junior, pairId } = await programmePair(relay, programme.id);
    for (const device of [senior, junior]) {
      const res = await relay.call('GET', `/pairs/${pairId}/programme`, { token: device.token });
      expect(res.status).toBe(200);
      expect(pairProgrammeResponse.parse(res.body)).toEqual({
        programme: {
          id: programme.id,
          name: programme.name,
          startsAt: programme.startsAt,
          endsAt: programme.endsAt,
          helpUrl: 'https://intranet.example.com/help',
        },
        endsAt: programme.endsAt,
      });
    }
    const outsider = await relay.register();
    expect((await relay.call('GET', `/pairs/${pairId}/programme`, { token: outsider.token })).status).toBe(404);
  });

  it('answers a pair outside any programme with no programme', async () => {
    const { relay } = relayAt();
    const [ana, bob] = [await relay.register(), await relay.register()];
    const { pairId } = await relay.pair(ana, bob);
    expect((await relay.call('GET', `/pairs/${pairId}/programme`, { token: ana.token })).body).toEqual({
      programme: null,
      endsAt: null,
    });
  });

  it('refuses an invite naming a programme that does not exist or has ended, and changes nothing', async () => {
    const { relay, clock } = relayAt();
    const { programme } = await createProgramme(relay, { startsAt: clock.time - 10 * DAY, endsAt: clock.time - DAY });
    const ana = await relay.register();
    const before = await snapshot(db().sql, { except: ['rate_limits'] });
    const ended = await relay.call('POST', '/invites', {
      token: ana.token,
      json: { ...relay.inviteBody(), programmeId: programme.id },
    });
    expect(ended.status).toBe(410);
    expect(errorResponse.parse(ended.body).error.code).toBe('programme_ended');
    const unknown = await relay.call('POST', '/invites', {
      token: ana.token,
      json: { ...relay.inviteBody(), programmeId: crypto.randomUUID() },
    });
    expect(unknown.status).toBe(404);
    expect(await snapshot(db().sql, { except: ['rate_limits'] })).toEqual(before);
  });

  describe('the end', () => {
    it('refuses a new question posted at or after the end with 410 programme_ended, and stores nothing', async () => {
      const { relay, clock } = relayAt();
      const { programme } = await createProgramme(relay, { startsAt: clock.time, endsAt: clock.time + 10 * DAY });
      const { senior, junior, pairId } = await programmePair(relay, programme.id);
      expect((await relay.post(senior, pairId, { kind: 'question' })).status).toBe(201);
      clock.time = programme.endsAt;
      const before = await snapshot(db().sql, { except: ['rate_limits'] });
      for (const asker of [senior, junior]) {
        // The sender's clock says it was written before the end: the relay's clock decides.
        const res = await relay.post(asker, pairId, { kind: 'question', createdAt: programme.endsAt - DAY });
        expect(res.status).toBe(410);
        expect(errorResponse.parse(res.body).error).toEqual({
          code: 'programme_ended',
          message: expect.stringMatching(/programme has ended.*no new question.*coordinator/s),
        });
      }
      expect(await snapshot(db().sql, { except: ['rate_limits'] })).toEqual(before);
    });

    it('still takes answers and the other kinds after the end, and a retry of a question stored before it', async () => {
      const { relay, clock } = relayAt();
      const { programme } = await createProgramme(relay, { startsAt: clock.time, endsAt: clock.time + 10 * DAY });
      const { senior, junior, pairId } = await programmePair(relay, programme.id);
      const question = { id: crypto.randomUUID(), kind: 'question', payload: 'sealed question' };
      expect((await relay.post(senior, pairId, question)).status).toBe(201);
      clock.time = programme.endsAt + DAY;
      expect((await relay.post(senior, pairId, question)).body).toMatchObject({ duplicate: true });
      for (const kind of ['answer', 'follow-up', 'resolution', 'kudos', 'goal', 'agenda', 'profile']) {
        expect((await relay.post(kind === 'answer' ? junior : senior, pairId, { kind })).status, kind).toBe(201);
      }
    });

    it('leaves pairs outside a programme, and other programmes, alone', async () => {
      const { relay, clock } = relayAt();
      const { programme } = await createProgramme(relay, { startsAt: clock.time, endsAt: clock.time + 10 * DAY });
      const { programme: longer } = await createProgramme(relay, { startsAt: clock.time, endsAt: clock.time + 100 * DAY });
      await programmePair(relay, programme.id);
      const inLonger = await programmePair(relay, longer.id);
      const [ana, bob] = [await relay.register(), await relay.register()];
      const { pairId: freePair } = await relay.pair(ana, bob);
      clock.time = programme.endsAt + DAY;
      expect((await relay.post(ana, freePair, { kind: 'question' })).status).toBe(201);
      expect((await relay.post(inLonger.senior, inLonger.pairId, { kind: 'question' })).status).toBe(201);
    });
  });

  describe('the wrap-up rating', () => {
    it('stores one rating per device and pair, replaced when sent again, withdrawn on DELETE', async () => {
      const { relay, clock } = relayAt();
      const { programme } = await createProgramme(relay, { startsAt: clock.time, endsAt: clock.time + 10 * DAY });
      const { senior, junior, pairId } = await programmePair(relay, programme.id);
      const ratings = () =>
        db().sql.query<{ device_id: string; rating: number; would_recommend: boolean }>(
          'SELECT device_id, rating, would_recommend FROM wrap_up_ratings WHERE pair_id = $1 ORDER BY device_id',
          [pairId],
        );
      const put = (token: string, json: unknown) => relay.call('PUT', `/pairs/${pairId}/rating`, { token, json });
      expect((await put(senior.token, { rating: 2, wouldRecommend: false })).status).toBe(204);
      expect((await put(senior.token, { rating: 4, wouldRecommend: true })).status).toBe(204);
      expect((await put(junior.token, { rating: 3, wouldRecommend: true })).status).toBe(204);
      expect((await ratings()).map((r) => [r.device_id, Number(r.rating), r.would_recommend]).sort()).toEqual(
        [
          [senior.deviceId, 4, true],
          [junior.deviceId, 3, true],
        ].sort(),
      );
      expect((await relay.call('DELETE', `/pairs/${pairId}/rating`, { token: senior.token })).status).toBe(204);
      expect((await ratings()).map((r) => r.device_id)).toEqual([junior.deviceId]);
    });

    it.each([
      ['a rating of 0', { rating: 0, wouldRecommend: true }],
      ['a rating of 5', { rating: 5, wouldRecommend: true }],
      ['a rating of 2.5', { rating: 2.5, wouldRecommend: true }],
      ['no would-recommend', { rating: 3 }],
      ['an extra field', { rating: 3, wouldRecommend: true, comment: 'Great buddy' }],
    ])('refuses %s with 400 and changes nothing', async (_name, json) => {
      const { relay, clock } = relayAt();
      const { programme } = await createProgramme(relay, { startsAt: clock.time, endsAt: clock.time + 10 * DAY });
      const { senior, pairId } = await programmePair(relay, programme.id);
      const before = await snapshot(db().sql, { except: ['rate_limits'] });
      expect((await relay.call('PUT', `/pairs/${pairId}/rating`, { token: senior.token, json })).status).toBe(400);
      expect(await snapshot(db().sql, { except: ['rate_limits'] })).toEqual(before);
    });

    it('refuses a rating for a pair outside any programme (409) or from outside the pair (404)', async () => {
      const { relay, clock } = relayAt();
      const [ana, bob] = [await relay.register(), await relay.register()];
      const { pairId } = await relay.pair(ana, bob);
      const before = await snapshot(db().sql, { except: ['rate_limits'] });
      const free = await relay.call('PUT', `/pairs/${pairId}/rating`, {
        token: ana.token,
        json: { rating: 3, wouldRecommend: true },
      });
      expect(free.status).toBe(409);
      expect(errorResponse.parse(free.body).error.message).toMatch(/not part of a programme/);
      const { programme } = await createProgramme(relay, { startsAt: clock.time, endsAt: clock.time + 10 * DAY });
      const inProgramme = await programmePair(relay, programme.id);
      const after = await snapshot(db().sql, { except: ['rate_limits'] });
      const outsider = await relay.call('PUT', `/pairs/${inProgramme.pairId}/rating`, {
        token: ana.token,
        json: { rating: 1, wouldRecommend: false },
      });
      expect(outsider.status).toBe(404);
      expect(await snapshot(db().sql, { except: ['rate_limits'] })).toEqual(after);
      expect(before.wrap_up_ratings).toEqual(after.wrap_up_ratings);
    });
  });
});
